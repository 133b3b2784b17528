import Foundation
import TrawlClient

/// A thread that renames a new article into the root every `interval` seconds until stopped.
final class FileStream: @unchecked Sendable {
    // NOTE: @unchecked is sound: the mutable state is only touched under `lock`.
    private let lock = NSCondition()
    private var names: [String] = []
    private var stopping = false
    private var stopped = false
    let corpus: ArticleCorpus
    let first: Int
    let interval: TimeInterval

    init(corpus: ArticleCorpus, first: Int, interval: TimeInterval) {
        self.corpus = corpus
        self.first = first
        self.interval = interval
    }

    func start() {
        Thread { [self] in
            var number = first
            while !lock.withLock({ stopping }) {
                _ = try? WatchingIndexer.renameIntoPlace(ArticleCorpus.text(number), at: corpus.folder + "/" + corpus.name(number))
                lock.withLock {
                    names.append(corpus.name(number))
                    lock.broadcast()
                }
                number += 1
                usleep(UInt32(interval * 1_000_000))
            }
            lock.withLock {
                stopped = true
                lock.broadcast()
            }
        }.start()
    }

    /// How many files it has written so far.
    var written: Int { lock.withLock { names.count } }

    /// The name of the `index`th file, once written; nil when the stream stopped before it.
    func name(_ index: Int) -> String? {
        lock.withLock {
            while names.count <= index, !stopped { lock.wait() }
            return index < names.count ? names[index] : nil
        }
    }

    /// Stops it; every file it wrote.
    func stop() -> [String] {
        lock.withLock {
            stopping = true
            while !stopped { lock.wait() }
            return names
        }
    }
}

/// A thread that searches for each file of a stream, in order, until it is found (at most 30 s
/// each), noting the generation that found it. 30 s, not less: a file renamed while a rebuild
/// holds the live writer lock for its catch-up and switch waits for both, which on a machine
/// whose cores are all busy took over 10 s once (the checks that nothing is lost or doubled do
/// not depend on this wait).
final class StreamChecker: @unchecked Sendable {
    // NOTE: @unchecked is sound: the results are only touched under `lock`.
    private let lock = NSCondition()
    private var missing: [String] = []
    private var generations = Set<Int>()
    private var done = false
    let socket: String
    let stream: FileStream

    init(socket: String, stream: FileStream) {
        self.socket = socket
        self.stream = stream
    }

    func start() {
        Thread { [self] in
            let connection = try? Connection(socketPath: socket)
            var index = 0
            while let name = stream.name(index) {
                let marker = ArticleCorpus.marker(Int(name.dropFirst().prefix(6))!)
                let generation = connection.flatMap { Self.waitForHit(marker, name, on: $0) }
                lock.withLock {
                    if let generation { generations.insert(generation) } else { missing.append(name) }
                }
                index += 1
            }
            lock.withLock {
                done = true
                lock.broadcast()
            }
        }.start()
    }

    /// The generation whose search found `id` for `marker`; nil if none did within 30 s.
    private static func waitForHit(_ marker: String, _ id: String, on connection: Connection) -> Int? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let answer = try? connection.requestObject(["op": "search", "q": marker, "snippet": false, "correct": "off"])
            else { return nil }
            let ids = (answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            if ids == [id] { return answer["generation"] as? Int }
            usleep(20_000)
        }
        return nil
    }

    /// Waits for the stream's last file; what was never found, and the generations that found the others.
    func finish() -> (missing: [String], generations: Set<Int>) {
        lock.withLock {
            while !done { lock.wait() }
            return (missing, generations)
        }
    }
}

/// When each file of a stream was renamed into place, as the writing thread records them.
final class RenameTimes: @unchecked Sendable {
    // NOTE: @unchecked is sound: `times` is only touched under `lock`.
    private let lock = NSCondition()
    private var times: [Int: Date] = [:]

    func record(_ number: Int, _ at: Date) {
        lock.withLock {
            times[number] = at
            lock.broadcast()
        }
    }

    func wait(for number: Int) -> Date {
        lock.withLock {
            while times[number] == nil { lock.wait() }
            return times[number]!
        }
    }
}
