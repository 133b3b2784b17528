import Foundation

/// One candidate article file found under the root.
public struct ScannedFile: Sendable, Equatable {
    public var relativePath: String
    public var absolutePath: String
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var format: ArticleFormat
}

/// A path the scan could not use, and why.
public struct FileProblem: Sendable, Equatable, Codable {
    public var path: String
    public var reason: String
}

/// Walks the articles root: article files by extension, everything else counted as skipped.
/// Reads only directory entries and `stat` data, never file contents, so that an unchanged
/// corpus is checked quickly. Hidden entries (".git") are passed over; symbolic links are
/// followed, with each directory visited once so that a link loop ends.
public struct FileScanner {
    public var files: [ScannedFile] = []
    public var skipped: [String] = []
    public var problems: [FileProblem] = []
    /// Every folder walked, relative to the root ("" is the root itself): what `--watch` watches.
    public var folders: [String] = []
    private var visited = Set<DirectoryIdentity>()

    private struct DirectoryIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Scans `root`; throws when the root itself is not a readable directory.
    public static func scan(root: String) throws(FileProblemError) -> FileScanner {
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FileProblemError(FileProblem(path: root, reason: "the articles folder does not exist or is not a folder"))
        }
        var scanner = FileScanner()
        scanner.walk(absolute: root, relative: "")
        scanner.files.sort { $0.relativePath < $1.relativePath }
        return scanner
    }

    /// Scans one path below `root` by the same rules: a file, or a folder and all below it.
    /// A path that does not exist (any more) gives an empty scan; so does a hidden one.
    public static func scan(root: String, below relative: String) -> FileScanner {
        var scanner = FileScanner()
        var info = stat()
        let absolute = root + "/" + relative
        let hidden = relative.split(separator: "/").contains { $0.hasPrefix(".") }
        let gone = stat(absolute, &info) != 0 && (errno == ENOENT || errno == ENOTDIR)
        guard !hidden, !gone else { return scanner }
        scanner.visit(absolute: absolute, relative: relative)
        scanner.files.sort { $0.relativePath < $1.relativePath }
        return scanner
    }

    private mutating func walk(absolute: String, relative: String) {
        var info = stat()
        guard stat(absolute, &info) == 0 else { return }
        guard visited.insert(DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            problems.append(FileProblem(path: relative, reason: "directory already visited (symbolic link loop?)"))
            return
        }
        guard let dir = opendir(absolute) else {
            problems.append(FileProblem(path: relative.isEmpty ? "." : relative, reason: POSIXFailure("cannot read folder").description))
            return
        }
        defer { closedir(dir) }
        folders.append(relative)
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                undecodableName(bytes, in: relative, type: entry.pointee.d_type)
                continue
            }
            visit(absolute: absolute + "/" + name, relative: relative.isEmpty ? name : relative + "/" + name)
        }
    }

    /// A name that is not UTF-8 (a Latin-1 "café" from an old system) cannot be opened through a
    /// Swift string, nor be an article id: report it, shown with its bad bytes as `\xHH`.
    /// A file that would not be an article by its extension is only counted as skipped.
    private mutating func undecodableName(_ bytes: [UInt8], in relative: String, type: UInt8) {
        let shown = ArticleBytes.escapingInvalidUTF8(bytes)
        let path = relative.isEmpty ? shown : relative + "/" + shown
        let mayHoldArticles = Int32(type) != Int32(DT_REG) || ArticleFormat(path: shown) != nil
        guard mayHoldArticles else { return skipped.append(path) }
        problems.append(FileProblem(
            path: path, reason: "the name is not valid UTF-8, so it cannot be an article id; rename it (e.g. with convmv)"))
    }

    private mutating func visit(absolute: String, relative: String) {
        var info = stat()
        guard stat(absolute, &info) == 0 else {
            let reason = errno == ELOOP ? "symbolic link loop" : POSIXFailure("cannot stat").description
            problems.append(FileProblem(path: relative, reason: reason))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            walk(absolute: absolute, relative: relative)
        case S_IFREG:
            guard let format = ArticleFormat(path: relative) else {
                skipped.append(relative)
                return
            }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            files.append(ScannedFile(
                relativePath: relative, absolutePath: absolute, size: Int64(info.st_size), modified: modified,
                format: format))
        default:
            skipped.append(relative)  // sockets, fifos, devices
        }
    }
}

/// The articles root itself is unusable.
public struct FileProblemError: Error, Sendable, CustomStringConvertible {
    public let problem: FileProblem
    public init(_ problem: FileProblem) { self.problem = problem }
    public var description: String { "\(problem.path): \(problem.reason)" }
}
