// A plain `swift build` builds every target, and the Testing module is there only for test
// builds: outside them this file compiles to nothing.
#if canImport(Testing)
import Testing

/// `@Suite(.ownThreads)`: every test of the suite runs on `ThreadPerJobExecutor`'s threads, so a
/// test that blocks never holds one of the cooperative pool's few threads. Every suite carries it;
/// `OwnThreads.check()` in the blocking helpers reports a suite that forgot it.
public struct OwnThreadsTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(ThreadPerJobExecutor.shared, operation: function)
    }
}

extension Trait where Self == OwnThreadsTrait {
    public static var ownThreads: Self { Self() }
}

public enum OwnThreads {
    /// Records an issue when a test's blocking helper runs on the cooperative pool (its suite
    /// lacks `.ownThreads`). Threads a test starts itself carry no current test and pass.
    public static func check(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard Test.current != nil, !ThreadPerJobExecutor.isCurrentThread else { return }
        Issue.record(
            "\(what) blocks a thread of Swift's cooperative pool: add `.ownThreads` to the suite",
            sourceLocation: sourceLocation)
    }
}
#endif
