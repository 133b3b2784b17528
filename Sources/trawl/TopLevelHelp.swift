import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `trawl --help`: searching is what `trawl` is mostly for, so its help shows the search options
/// (ArgumentParser's root help would list only the subcommands), then the subcommands.
enum TopLevelHelp {
    static func isAsked(by arguments: [String]) -> Bool {
        arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"]
    }

    static func printAndExit() -> Never {
        print(Trawl.helpMessage(for: Trawl.Search.self))
        print("SUBCOMMANDS:")
        for command in Trawl.configuration.subcommands {
            let name = command.configuration.commandName ?? ""
            let padded = name + String(repeating: " ", count: max(1, 10 - name.count))
            print("  \(padded)\(command.configuration.abstract)")
        }
        print()
        print("  See 'trawl help <subcommand>' for a subcommand's options.")
        exit(0)
    }
}
