import Foundation
import TrawlCore

/// A one-line progress bar on stderr, only when stderr is a terminal (silent under cron).
enum ProgressBar {
    static let isEnabled = isatty(STDERR_FILENO) == 1

    static func show(_ progress: IndexProgress) {
        guard isEnabled, progress.filesTotal > 0 else { return }
        let width = 30
        let filled = width * progress.filesDone / progress.filesTotal
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(progress.filesDone)/\(progress.filesTotal) files".utf8))
    }

    static func clear() {
        guard isEnabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
