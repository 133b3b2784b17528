import ArgumentParser
import Foundation

/// An error reported as one line, `COMMAND: description`, with exit status 2.
public protocol OneLineError: Error, CustomStringConvertible {}

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
        } catch let error as any OneLineError {
            let command = root.configuration.commandName ?? "error"
            FileHandle.standardError.write(Data("\(command): \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            if root.exitCode(for: error) == .success || error is ExitCode { root.exit(withError: error) }
            FileHandle.standardError.write(Data((root.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
