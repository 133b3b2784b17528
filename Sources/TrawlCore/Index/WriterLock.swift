import Foundation

/// One writer at a time: an exclusive `flock` on one of the index's lock files (`index/.lock`,
/// `index/.rebuild.lock`: see `IndexLayout`), which also records who holds it so that a second
/// writer can say whom it waits for.
/// The kernel drops the lock when the process dies, so a killed run leaves no stale lock.
public final class WriterLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock or throws `.held` naming the holder.
    public init(path: String, purpose: String) throws(WriterLockError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unavailable(path: path, reason: POSIXFailure("cannot open").description) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readHolder(fd)
            close(fd)
            throw .held(path: path, holder: holder)
        }
        let info = "pid \(getpid()), \(purpose), since \(WireDate.format(Date()))\n"
        _ = ftruncate(fd, 0)
        _ = info.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
        self.path = path
    }

    /// Waits for the lock for as long as `keepWaiting` says so (asked every 50 ms while another
    /// process holds it); nil when it said stop first. Only a lock file that cannot be used throws.
    public static func waiting(
        path: String, purpose: String, while keepWaiting: () -> Bool = { true }
    ) throws(WriterLockError) -> WriterLock? {
        while true {
            do { return try WriterLock(path: path, purpose: purpose) } catch .held {
                guard keepWaiting() else { return nil }
                usleep(50_000)
            }
        }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "another process" : trimmed
    }
}

public enum WriterLockError: Error, Sendable, CustomStringConvertible {
    case held(path: String, holder: String)
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let holder):
            "another trawl-index is writing this index (\(holder); lock \(path)); wait for it to finish"
        case .unavailable(let path, let reason): "cannot take the writer lock \(path): \(reason)"
        }
    }
}
