import TrawlProtocol

/// `trawl stats` for people: one `label  value` line per field of the stats answer, the known
/// ones first in a reading order and in units, any others (newer daemons add fields) after them
/// as the daemon wrote them.
enum StatsPrinter {
    static func lines(_ fields: [String: WireValue]) -> [String] {
        var rows: [(String, String)] = []
        var rest = fields
        func take(_ key: String) -> WireValue? { rest.removeValue(forKey: key) }

        for key in [Keys.documents, Keys.generation, Keys.index, Keys.updated] {
            if let value = take(key) { rows.append((key, plain(value))) }
        }
        if let uptime = take(Keys.uptimeS)?.double { rows.append(("uptime", duration(seconds: uptime))) }
        for key in [Keys.requests, Keys.errors, Keys.connections, Keys.workers, Keys.queued] {
            if let value = take(key) { rows.append((key, plain(value))) }
        }
        if let latency = take(Keys.latencyMs)?.members {
            let parts = latency.sorted { $0.key < $1.key }.map { "\($0.key) \(milliseconds($0.value))" }
            rows.append(("latency", parts.joined(separator: ", ")))
        }
        if let shards = take(Keys.shards)?.elements {
            for shard in shards { rows.append(("shard", shardLine(shard))) }
        }
        for (key, value) in rest.sorted(by: { $0.key < $1.key }) { rows.append((key.replacing("_", with: " "), plain(value))) }

        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
    }

    /// Text without JSON quotes, numbers as written, anything else as JSON.
    private static func plain(_ value: WireValue) -> String {
        if let text = value.text { return text }
        return value.jsonText()
    }

    private static func milliseconds(_ value: WireValue) -> String {
        guard let number = value.double else { return plain(value) }
        return Decimals.fixed(number, places: number < 10 ? 2 : 1) + " ms"
    }

    /// "3d 4h 05m", "2h 03m 04s", "12.3 s".
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 60 else { return Decimals.fixed(max(seconds, 0), places: 1) + " s" }
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if days > 0 { return "\(days)d \(hours)h \(two(minutes))m" }
        if hours > 0 { return "\(hours)h \(two(minutes))m \(two(secs))s" }
        return "\(minutes)m \(two(secs))s"
    }

    /// `name: up, 1200 documents, generation 7, gen-7/shard-0`.
    private static func shardLine(_ shard: WireValue) -> String {
        var parts: [String] = []
        if let state = shard[Keys.state]?.text { parts.append(state) }
        if let documents = shard[Keys.documents] { parts.append("\(plain(documents)) documents") }
        if let generation = shard[Keys.generation] { parts.append("generation \(plain(generation))") }
        if let endpoint = shard[Keys.endpoint]?.text { parts.append(endpoint) }
        return (shard[Keys.name]?.text.map { $0 + ": " } ?? "") + parts.joined(separator: ", ")
    }
}
