import Foundation

/// The sample articles in `seeds/`, next to `Package.swift` (two folders above this file).
public enum Seeds {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    public static let names = [
        "000_a577873e2491d8f5.txt", "001_b053db553f314cb7.txt", "002_5f7415eda35cdc68.txt",
        "003_d31b54c3e87b35a3.txt", "004_942c03c566ac67b7.txt",
    ]

    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}
