import Foundation

/// Generated `.txt` articles, one per file: `<folder>/<prefix>NNNNNN.txt` with the title
/// "Report NNNNNN" and a body that holds the word `marker<NNNNNN>x` only it has, so that every
/// article can be found by a search of its own. The id of an article is its file name.
struct ArticleCorpus {
    let folder: String
    var prefix = "a"

    static let commonWords = """
        The council met on Tuesday to discuss the budget for the coming year, and members said that \
        the plans for new housing, transport and schools would be published after the consultation.
        """

    func name(_ number: Int) -> String { prefix + String(format: "%06d", number) + ".txt" }
    static func marker(_ number: Int, revision: Int = 0) -> String {
        "marker" + String(format: "%06d", number) + "x" + (revision == 0 ? "" : "r\(revision)")
    }

    /// The text of article `number`; `revision` changes the marker (an edited article).
    static func text(_ number: Int, revision: Int = 0, paragraphs: Int = 3) -> String {
        var lines = ["Report " + String(format: "%06d", number), ""]
        for paragraph in 0..<paragraphs {
            lines.append("\(commonWords) Paragraph \(paragraph) mentions \(marker(number, revision: revision)).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes articles `numbers` (creating the folder); returns their ids.
    @discardableResult
    func write(_ numbers: Range<Int>, revision: Int = 0, paragraphs: Int = 3) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try numbers.map { number in
            let id = name(number)
            try Self.writeFile(folder + "/" + id, Self.text(number, revision: revision, paragraphs: paragraphs))
            return id
        }
    }

    /// Plain open-write-close: many times faster than Foundation's `write(toFile:)` for 100,000 files.
    static func writeFile(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InspectionFailed(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw InspectionFailed(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

extension Scratch {
    /// Removes a big folder inside the scratch folder with `rm -rf`: Foundation's recursive
    /// removal takes minutes for 100,000 files.
    func removeQuickly(_ name: String) {
        _ = try? runProgram("/bin/rm", ["-rf", path + "/" + name])
    }

    /// Writes raw bytes to `<path>/<name>` (creating folders) and returns the file's path.
    @discardableResult
    func writeBytes(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}
