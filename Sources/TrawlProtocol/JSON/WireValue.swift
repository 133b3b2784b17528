/// A JSON value of the wire: parsed from a line, or built as a request (see WireValue+Reading).
///
/// Numbers keep their literal text, so a numeric request `id` is echoed exactly as it was sent
/// (`1e3` stays `1e3`, `7.50` stays `7.50`).
public enum WireValue: Sendable, Equatable {
    case string(String)
    case number(WireNumber)
    case bool(Bool)
    case null
    case array([WireValue])
    /// Members by name; when a name repeats, the last one wins (as in most JSON readers).
    case object([String: WireValue])

    /// The JSON type's name, for error messages ("limit must be an integer, not a string").
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON number: its literal text and its value.
public struct WireNumber: Sendable, Equatable {
    /// The number exactly as it was written (valid JSON number syntax).
    public let literal: String
    /// The value as a Double (may be rounded, or infinite for huge literals).
    public let double: Double

    /// A number from its literal text and value.
    public init(literal: String, double: Double) {
        self.literal = literal
        self.double = double
    }

    /// An integer.
    public init(_ value: Int) {
        literal = String(value)
        double = Double(value)
    }

    /// The value as an integer, when it is a whole number that fits in `Int`
    /// (`10`, `10.0`, `1e2`); nil for `1.5`, `2^63`, `1e300`.
    public var integer: Int? {
        if let exact = Int(literal) { return exact }  // exact even past 2^53
        guard double.isFinite, double.rounded() == double else { return nil }
        // Int(exactly:) rejects 2^63 itself (which Double can represent but Int cannot).
        return Int(exactly: double)
    }
}
