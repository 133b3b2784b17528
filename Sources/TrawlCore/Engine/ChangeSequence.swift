import Synchronization

/// The change counter (`trawl.seq`, docs/SCHEMA.md): every indexed change (an article added, an
/// article replaced with changed content, an article deleted) takes the next number, and the
/// generation's metadata holds the last one, committed with the changes. Subscribers ask for the
/// articles of a range of numbers. Shared by the databases of one generation (its shards, a
/// rebuild's parallel writers), so that their numbers never repeat.
public final class ChangeSequence: Sendable {
    private let value: Mutex<UInt64>

    public init(last: UInt64) { value = Mutex(last) }

    /// The number of the last change so far.
    public var last: UInt64 { value.withLock { $0 } }

    /// The next change's number.
    func next() -> UInt64 {
        value.withLock { last in
            last += 1
            return last
        }
    }

    /// Counts `changes` changes that are not stored (deletions).
    func skip(_ changes: Int) {
        guard changes > 0 else { return }
        value.withLock { $0 += UInt64(changes) }
    }

    /// Never below `number` from now on (a number kept from the live generation, or its counter).
    func raise(to number: UInt64) {
        value.withLock { $0 = max($0, number) }
    }

    /// `trawl.seq`'s value as stored: decimal, "" (unset) read as 0.
    static func decode(_ stored: String) -> UInt64 { UInt64(stored) ?? 0 }
}
