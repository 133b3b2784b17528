import Foundation
import TrawlClient

/// Clients that query a daemon without pause, each on its own connection and thread, until
/// stopped. Every answer must be `ok`; per connection, `generation` must never go back; an
/// optional `check` looks at each answer too. Every request is timed.
final class QueryLoad: @unchecked Sendable {
    // NOTE: @unchecked is sound: the mutable state is only touched under `lock`.
    struct Report {
        var answered = 0
        /// The first failures (at most 20), each saying which client and what went wrong.
        var failures: [String] = []
        var failureCount = 0
        /// Milliseconds, sorted.
        var latencies: [Double] = []
        var seconds = 0.0
        /// Every generation any answer named.
        var generations = Set<Int>()

        var queriesPerSecond: Double { seconds > 0 ? Double(answered) / seconds : 0 }

        /// The latency below which `fraction` of the requests finished (0.5 = median).
        func latency(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
        }

        var line: String {
            String(
                format: "%d queries in %.1f s: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d failed", answered, seconds,
                queriesPerSecond, latency(0.5), latency(0.99), failureCount)
        }
    }

    private let socket: String
    private let requests: [String]
    private let check: (@Sendable ([String: Any]) -> String?)?
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var stopping = false
    private var report = Report()
    private var started = Date()

    /// - Parameters:
    ///   - requests: JSON request lines; each client sends them in turn, starting at its own offset.
    ///   - check: says what is wrong with an `ok` answer, or nil when it is fine.
    init(socket: String, requests: [String], check: (@Sendable ([String: Any]) -> String?)? = nil) {
        self.socket = socket
        self.requests = requests
        self.check = check
    }

    /// Starts `clients` clients; returns once every one of them has connected (or failed to).
    func start(clients: Int) {
        started = Date()
        let connected = DispatchGroup()
        for client in 0..<clients {
            group.enter()
            connected.enter()
            let thread = Thread { [self] in
                run(client: client, connected: connected)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        connected.wait()
    }

    /// Stops every client after its current request and returns what they saw.
    func stop() -> Report {
        lock.withLock { stopping = true }
        group.wait()
        return lock.withLock {
            report.seconds = Date().timeIntervalSince(started)
            report.latencies.sort()
            return report
        }
    }

    /// What the clients have seen so far (latencies left out).
    var progress: (answered: Int, failures: Int, latestGeneration: Int) {
        lock.withLock { (report.answered, report.failureCount, report.generations.max() ?? 0) }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func run(client: Int, connected: DispatchGroup) {
        let connection: Connection
        do {
            connection = try Connection(socketPath: socket, timeoutSeconds: 30)
            connected.leave()
        } catch {
            connected.leave()
            return fail(client, "cannot connect: \(error)")
        }
        var lastGeneration = 0
        var latencies: [Double] = []
        var generations = Set<Int>()
        var turn = client
        defer { lock.withLock { report.latencies += latencies; report.generations.formUnion(generations) } }
        while !isStopping {
            let line = requests[turn % requests.count]
            turn += 1
            let sent = DispatchTime.now().uptimeNanoseconds
            let answer: [String: Any]
            do {
                try connection.send(line: line)
                let text = try connection.readLine()
                answer = (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            } catch {
                return fail(client, "request \(line) failed: \(error)")
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1_000_000)
            guard answer["ok"] as? Bool == true else { return fail(client, "\(line) -> \(answer)") }
            if let generation = answer["generation"] as? Int {
                if generation < lastGeneration {
                    return fail(client, "generation went back from \(lastGeneration) to \(generation)")
                }
                lastGeneration = generation
                generations.insert(generation)
            }
            if let problem = check?(answer) { return fail(client, "\(line): \(problem)") }
            lock.withLock { report.answered += 1 }
        }
    }

    private func fail(_ client: Int, _ why: String) {
        lock.withLock {
            report.failureCount += 1
            if report.failures.count < 20 { report.failures.append("client \(client): \(why)") }
        }
    }
}
