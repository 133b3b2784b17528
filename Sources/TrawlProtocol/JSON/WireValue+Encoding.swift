/// A value back to JSON text: object keys sorted (output that scripts can compare), numbers
/// exactly as they were read, nothing pretty-printed.
extension WireValue {
    /// The compact JSON text of this value.
    public func jsonText() -> String {
        var writer = JSONWriter()
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension JSONWriter {
    /// Writes a parsed value; object members in key order.
    public mutating func value(_ value: WireValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let number): raw(number.literal)
        case .bool(let flag): bool(flag)
        case .null: raw("null")
        case .array(let elements): array { writer in elements.forEach { writer.value($0) } }
        case .object(let members):
            object { writer in
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    writer.key(name)
                    writer.value(member)
                }
            }
        }
    }
}
