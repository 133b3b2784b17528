import Synchronization

/// Counters and recent latencies for `stats`. Cheap to update from any task.
public final class ServerStats: Sendable {
    /// How many recent latencies the percentiles are computed over.
    public static let latencyWindow = 10_000

    private let started = ContinuousClock.now
    private let state = Mutex(Counters())

    private struct Counters {
        var requests = 0
        var errors = 0
        var connections = 0
        var latencies = LatencyRing(capacity: ServerStats.latencyWindow)
    }

    /// Zero counters; uptime starts now.
    public init() {}

    /// One request answered (an error if `failed`), taking `milliseconds`.
    public func recordRequest(milliseconds: Double, failed: Bool) {
        state.withLock {
            $0.requests += 1
            if failed { $0.errors += 1 }
            $0.latencies.append(milliseconds)
        }
    }

    /// A connection was accepted.
    public func connectionOpened() { state.withLock { $0.connections += 1 } }
    /// A connection ended.
    public func connectionClosed() { state.withLock { $0.connections -= 1 } }

    /// The numbers `stats` reports.
    public func snapshot() -> Snapshot {
        let (requests, errors, connections, latencies) = state.withLock {
            ($0.requests, $0.errors, $0.connections, $0.latencies.values)
        }
        let sorted = latencies.sorted()  // outside the lock: 10,000 doubles sort in well under a millisecond
        let uptime = ContinuousClock.now - started
        return Snapshot(
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            requests: requests, errors: errors, connections: connections,
            p50: Self.percentile(sorted, 0.50), p99: Self.percentile(sorted, 0.99))
    }

    /// What `snapshot()` returns.
    public struct Snapshot: Sendable, Equatable {
        /// Seconds since `init`.
        public var uptimeSeconds: Double
        /// Requests answered.
        public var requests: Int
        /// Requests answered with an error.
        public var errors: Int
        /// Connections open now.
        public var connections: Int
        /// Median latency over the window, ms.
        public var p50: Double
        /// 99th percentile latency over the window, ms.
        public var p99: Double
    }

    /// Nearest-rank percentile of sorted values; 0 when there are none.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// The last `capacity` values, overwriting the oldest.
struct LatencyRing {
    let capacity: Int
    private(set) var values: [Double] = []
    private var next = 0

    init(capacity: Int) {
        self.capacity = capacity
        values.reserveCapacity(capacity)
    }

    mutating func append(_ value: Double) {
        if values.count < capacity {
            values.append(value)
        } else {
            values[next] = value
        }
        next = (next + 1) % capacity
    }
}
