/// A boilerplate pattern from the configuration that cannot be used.
public struct BoilerplatePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as the user wrote it.
    public let pattern: String
    /// Which list it came from (`dropLines` or `cutFrom`).
    public let list: String
    /// What is wrong with it.
    public let problem: String

    /// A message naming the pattern, its list and the fix.
    public var description: String {
        "invalid boilerplate pattern \"\(pattern)\" in \(list): \(problem); fix or remove it in the configuration"
    }
}
