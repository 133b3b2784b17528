import Foundation

/// Whether a folder given as `--index` (or `index.path`) may be written as an index: one that is
/// new or empty, or that holds a Trawl index. A run writes `current` and removes `gen-N` folders it
/// takes for its own debris, so a typo that names another folder (the articles, a Xapian database,
/// a folder with a file called `current`) must be refused before anything is written.
enum IndexFolderCheck {
    /// Why `layout`'s folder is not an index folder, or nil when it may be used.
    static func problem(_ layout: IndexLayout) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.root) else { return nil }
        if FileManager.default.fileExists(atPath: layout.currentStub) {
            guard let stub = try? String(contentsOfFile: layout.currentStub, encoding: .utf8),
                IndexLayout.generation(inStub: stub) != nil
            else {
                return "\(layout.currentStub) is not the stub of a Trawl index (it names no generation, gen-N)"
            }
            return nil
        }
        let strangers = names.filter { !isTrawls($0, in: layout.root) }.sorted()
        guard !strangers.isEmpty else { return nil }
        let shown = strangers.prefix(3).joined(separator: ", ") + (strangers.count > 3 ? ", ..." : "")
        return "\(layout.root) holds no Trawl index but other files (\(shown))"
    }

    /// Names a Trawl index folder holds (`IndexLayout`), hidden files (`.gitkeep`) and sockets
    /// (trawld's default socket lives in the index folder).
    private static func isTrawls(_ name: String, in folder: String) -> Bool {
        if name.hasPrefix(".") || ["current", "current.tmp", "publish"].contains(name) { return true }
        if name.hasPrefix("gen-") {
            let rest = name.dropFirst(4)
            let digits = rest.prefix { $0.isNumber }
            let suffix = rest.dropFirst(digits.count)
            if !digits.isEmpty, ["", ".building", ".shards"].contains(suffix) { return true }
        }
        var info = stat()
        return lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
    }
}
