import Foundation

/// Scratch folders for tests, short on purpose: a Unix socket made inside one must keep its path
/// under 104 bytes.
public enum TemporaryFolder {
    /// A new empty folder like `/tmp/tw-Ab12Cd`.
    public static func make() throws -> String {
        var template = Array("/tmp/tw-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return String(cString: made)
    }

    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
