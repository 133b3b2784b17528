/// A request's `id`: any JSON string or number, echoed back exactly as it was sent.
public enum RequestID: Sendable, Hashable {
    case string(String)
    /// The number's literal JSON text (`7`, `7.5`, `1e3`).
    case number(String)

    /// An integer id.
    public static func int(_ value: Int) -> RequestID { .number(String(value)) }
}
