import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error the three programs report the same way: `COMMAND: description`, then
/// `COMMAND: hint` when there is one, on standard error, and exit status 2 ("nothing done").
public protocol OneLineError: Error, CustomStringConvertible {
    /// What to do about it, on a line of its own.
    var hint: String? { get }
}

extension OneLineError {
    public var hint: String? { nil }
}

/// A `OneLineError` made of its text.
public struct CommandFailure: OneLineError {
    public let description: String
    public let hint: String?

    public init(_ description: String, hint: String? = nil) {
        self.description = description
        self.hint = hint
    }
}

/// The executables' `main`, and the one way they fail: ArgumentParser's own main, except that
/// a usage error (unknown option, bad value) exits with status 2, the "error" status of every
/// Trawl tool (like grep), instead of ArgumentParser's 64. Help and `--version` still exit 0.
public enum CommandMain {
    /// For commands with async `run()` (the daemon, the indexer).
    public static func main(_ root: any ParsableCommand.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            exitReporting(error, of: root)
        }
    }

    /// For synchronous commands (the client): no concurrency runtime to start, so a one-shot
    /// query's process ends sooner.
    public static func mainSynchronously(_ root: any ParsableCommand.Type, arguments: [String]) -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            exitReporting(error, of: root)
        }
    }

    /// Reports `error` as every Trawl program does, and exits with status 2.
    public static func fail(_ error: any OneLineError, of root: any ParsableCommand.Type) -> Never {
        report(error, of: root)
        exit(2)
    }

    /// Writes `error` (and its hint) to standard error as every Trawl program does.
    public static func report(_ error: any OneLineError, of root: any ParsableCommand.Type) {
        let command = root.configuration.commandName ?? "error"
        StandardError.writeLine("\(command): \(error.description)")
        if let hint = error.hint { StandardError.writeLine("\(command): \(hint)") }
    }

    private static func exitReporting(_ error: any Error, of root: any ParsableCommand.Type) -> Never {
        if let error = error as? any OneLineError { fail(error, of: root) }
        if root.exitCode(for: error) == .success || error is ExitCode { root.exit(withError: error) }
        StandardError.writeLine(root.fullMessage(for: error))
        exit(2)
    }
}

/// Lines to standard error, unbuffered (a process may exit right after).
public enum StandardError {
    /// Writes `line` and a newline.
    public static func writeLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }
}
