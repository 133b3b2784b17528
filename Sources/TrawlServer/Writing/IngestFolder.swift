import Foundation
import TrawlCore

/// The folder of the articles root where pushed articles are stored (`ingest.folder`): one JSON
/// file per article, named after its id (`IngestFolder.fileName`), so that a rebuild, an
/// incremental run and `--watch` read them like any other file and give them the same id.
struct IngestFolder: Sendable {
    /// The articles root (absolute).
    let root: String
    /// The folder, relative to the root (`pushed`).
    let relative: String

    var path: String { root + "/" + relative }

    /// Checks that the folder is inside an existing articles root, and creates it when missing.
    init(root: String, folder: String) throws(DaemonStartupError) {
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw DaemonStartupError(
                "write access is configured (socket.write_uids / write_gids), but the articles root \(root) is not a folder:"
                    + " set articles.root (TRAWL_ARTICLES_ROOT) to the folder trawl-index indexes")
        }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard folder.hasPrefix(prefix), folder.count > prefix.count,
            !folder.dropFirst(prefix.count).split(separator: "/").contains(where: { $0.hasPrefix(".") })
        else {
            throw DaemonStartupError(
                "ingest.folder (TRAWL_INGEST_FOLDER) \(folder) is not a visible folder inside the articles root \(root):"
                    + " pushed articles must be where trawl-index finds them; set it to a folder below the root (default: \(root)/pushed)")
        }
        self.root = String(prefix.dropLast())
        relative = String(folder.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw DaemonStartupError("cannot create the ingest folder \(path): \(error.localizedDescription); check ingest.folder and its permissions")
        }
        removeTemporaryFiles()
    }

    /// Temporary files a killed trawld left (`DurableFiles.write`'s hidden `.NAME.tmp`): never
    /// answered for, so nothing of them is owed.
    private func removeTemporaryFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where DurableFiles.isTemporary(name) { unlink(path + "/" + name) }
    }

    /// The file of article `id`, relative to the root.
    func relativePath(for id: String) -> String { relative + "/" + Self.fileName(for: id) }

    /// Whether a file (relative to the root) is one of this folder's.
    func holds(_ relativePath: String) -> Bool { relativePath.hasPrefix(relative + "/") }

    /// `ID.json`, the id's bytes kept where they are safe in a file name (letters, digits, `-_~`,
    /// and `.` except first) and written `%XX` otherwise, so two ids never share a file. A name
    /// that would pass `nameBytes` keeps its start and adds the id's 64-bit FNV-1a hash.
    static func fileName(for id: String) -> String {
        var name = ""
        for byte in id.utf8 {
            let safe = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
                || (byte == UInt8(ascii: ".") && !name.isEmpty)
            name += safe ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        if name.utf8.count > nameBytes {
            var start = String(name.prefix(nameBytes - 24))
            while let percent = start.suffix(2).firstIndex(of: "%") { start = String(start[..<percent]) }  // no cut escape
            name = start + "+" + String(ContentHash.fnv1a(id.utf8), radix: 16)
        }
        return name + ".json"
    }

    /// The longest name before `.json` (file names hold at most 255 bytes).
    static let nameBytes = 200
}
