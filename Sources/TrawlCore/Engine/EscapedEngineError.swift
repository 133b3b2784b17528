import CXapian
import Synchronization

/// What a program does when Xapian lets a C++ exception escape, which would otherwise abort the
/// process with no word on why: Glass writes in a destructor while it commits, so a commit that
/// runs out of disk or past a file size limit can end there (found by rebuilding under many file
/// size limits: 4 of 34 aborted). Nothing can be done with the engine afterwards, so the handler
/// reports and ends the process; it runs once, on the failing thread, after the engine calls of the
/// other threads have returned (at most `patience`), and every later engine call waits forever.
public enum EscapedEngineError {
    /// How long the handler waits for the other threads' engine calls.
    static let patience = 5.0

    /// Makes `handle` (given Xapian's description of what was thrown) the process's answer.
    public static func onEscape(_ handle: @escaping @Sendable (String) -> Never) {
        handler.withLock { $0 = handle }
        tx_on_escaped_exception { description in
            let text = description.map { String(cString: $0) } ?? "an unknown error"
            tx_stop_engine_calls(EscapedEngineError.patience)
            if let handle = EscapedEngineError.handler.withLock({ $0 }) { handle(text) }
        }
    }

    private static let handler = Mutex<(@Sendable (String) -> Never)?>(nil)
}
