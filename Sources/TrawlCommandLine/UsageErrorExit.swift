import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported as one line, `COMMAND: description`, with exit status 2.
public protocol OneLineError: Error, CustomStringConvertible {}

/// The executables' `main`: ArgumentParser's own, except that a usage error (unknown option,
/// bad value) exits with status 2, the "error" status of every Trawl tool (like grep), instead
/// of ArgumentParser's 64. Help and `--version` still exit 0.
public enum UsageErrorExit {
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

    private static func exitReporting(_ error: any Error, of root: any ParsableCommand.Type) -> Never {
        if let error = error as? any OneLineError {
            let command = root.configuration.commandName ?? "error"
            StandardError.writeLine("\(command): \(error.description)")
            exit(2)
        }
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
