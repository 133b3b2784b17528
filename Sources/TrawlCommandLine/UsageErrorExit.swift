import ArgumentParser
import Foundation

/// The executables' `main`: ArgumentParser's own, except that a usage error (unknown option,
/// bad value) exits with status 2, the "error" status of every Trawl tool (like grep), instead
/// of ArgumentParser's 64. Help and `--version` still exit 0.
public enum UsageErrorExit {
    public static func main(_ root: any ParsableCommand.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            if root.exitCode(for: error) == .success || error is ExitCode { root.exit(withError: error) }
            FileHandle.standardError.write(Data((root.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
