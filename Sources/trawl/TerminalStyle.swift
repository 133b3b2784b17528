#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI styling: `--color always` always; `--color auto` (the default) on a terminal unless
/// NO_COLOR is set to a non-empty value (no-color.org); `--color never` never.
struct TerminalStyle {
    let enabled: Bool

    static func resolve(_ choice: String) -> TerminalStyle {
        switch choice {
        case "always": return TerminalStyle(enabled: true)
        case "never": return TerminalStyle(enabled: false)
        default:
            let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && !noColor)
        }
    }

    func bold(_ text: String) -> String { enabled ? "\(boldOn)\(text)\u{1B}[0m" : text }
    var boldOn: String { enabled ? "\u{1B}[1m" : "" }
    func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    var highlightOn: String { enabled ? "\u{1B}[1;33m" : "" }
    var highlightOff: String { enabled ? "\u{1B}[0m" : "" }
}
