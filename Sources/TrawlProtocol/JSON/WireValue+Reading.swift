/// Reading parsed values: `response["total"]?["estimate"]?.int`.
extension WireValue {
    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    public subscript(_ key: String) -> WireValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The string, when this is one.
    public var text: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The number as an integer, when it is a whole number that fits in `Int`.
    public var int: Int? {
        guard case .number(let number) = self else { return nil }
        return number.integer
    }

    /// The number as a Double, when this is one.
    public var double: Double? {
        guard case .number(let number) = self else { return nil }
        return number.double
    }

    /// The boolean, when this is one.
    public var bool: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements, when this is an array.
    public var elements: [WireValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The members, when this is an object.
    public var members: [String: WireValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }
}

/// Writing requests as literals: `["op": "search", "q": .string(query), "limit": 10]`.
extension WireValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(WireNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: WireValue...) { self = .array(elements) }
    public init(dictionaryLiteral members: (String, WireValue)...) {
        self = .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
    }
}
