/// Strict, typed access to a request object's members (the server's side). Every failure is
/// `bad_request` with a message naming the field and saying what it must be.
struct FieldReader {
    let members: [String: WireValue]
    /// Prefix for nested fields' names in messages (`highlight.`).
    var path = ""

    private func invalid(_ message: String) -> ProtocolError { ProtocolError(.badRequest, message) }

    /// A required string.
    func requiredString(_ name: String, _ what: String) throws(ProtocolError) -> String {
        guard let value = members[name] else { throw invalid("\(path + name) is required (\(what))") }
        guard case .string(let text) = value else { throw invalid("\(path + name) must be a string, not \(value.typeName)") }
        return text
    }

    /// An optional string; absent (or null) gives nil.
    func string(_ name: String) throws(ProtocolError) -> String? {
        switch members[name] {
        case nil, .null: return nil
        case .string(let text): return text
        case .some(let value): throw invalid("\(path + name) must be a string, not \(value.typeName)")
        }
    }

    /// An optional string of at most `maximumBytes` UTF-8 bytes.
    func string(_ name: String, maximumBytes: Int) throws(ProtocolError) -> String? {
        guard let text = try string(name) else { return nil }
        guard text.utf8.count <= maximumBytes else {
            throw invalid("\(path + name) must be at most \(maximumBytes) bytes, not \(text.utf8.count)")
        }
        return text
    }

    func bool(_ name: String) throws(ProtocolError) -> Bool? {
        switch members[name] {
        case nil, .null: return nil
        case .bool(let flag): return flag
        case .some(let value): throw invalid("\(path + name) must be true or false, not \(value.typeName)")
        }
    }

    /// true, false or one of a fixed set of names (`collapse`): true is `whenTrue`, false and absent nil.
    func flagOrChoice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, whenTrue: T) throws(ProtocolError) -> T?
    where T.RawValue == String {
        switch members[name] {
        case nil, .null, .bool(false): return nil
        case .bool(true): return whenTrue
        case .string(let text):
            guard let value = T(rawValue: text) else {
                throw invalid("\(path + name) must be true, false or one of \(Self.list(T.allCases.map(\.rawValue))), not \(Self.quote(text))")
            }
            return value
        case .some(let value):
            throw invalid("\(path + name) must be true, false or one of \(Self.list(T.allCases.map(\.rawValue))), not \(value.typeName)")
        }
    }

    /// An optional whole number within `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ProtocolError) -> Int? {
        let message = "\(path + name) must be an integer from \(range.lowerBound) to \(range.upperBound)"
        switch members[name] {
        case nil, .null: return nil
        case .number(let number):
            guard let value = number.integer, range.contains(value) else { throw invalid("\(message), not \(Self.shorten(number.literal))") }
            return value
        case .some(let value): throw invalid("\(message), not \(value.typeName)")
        }
    }

    /// One of a fixed set of names.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(ProtocolError) -> T?
    where T.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw invalid("\(path + name) must be one of \(Self.list(T.allCases.map(\.rawValue))), not \(Self.quote(text))")
        }
        return value
    }

    /// A string or an array of strings (`source`).
    func strings(_ name: String) throws(ProtocolError) -> [String]? {
        switch members[name] {
        case nil, .null: return nil
        case .string(let text): return [text]
        case .array(let elements):
            var out: [String] = []
            for element in elements {
                guard case .string(let text) = element else {
                    throw invalid("\(path + name) must be a string or an array of strings; it holds \(element.typeName)")
                }
                out.append(text)
            }
            return out
        case .some(let value): throw invalid("\(path + name) must be a string or an array of strings, not \(value.typeName)")
        }
    }

    /// An array of names from a fixed set (`facets`), duplicates dropped.
    func choices<T: RawRepresentable & CaseIterable & Equatable>(_ name: String, _ type: T.Type) throws(ProtocolError) -> [T]?
    where T.RawValue == String {
        let allowed = Self.list(T.allCases.map(\.rawValue))
        switch members[name] {
        case nil, .null: return nil
        case .array(let elements):
            var out: [T] = []
            for element in elements {
                guard case .string(let text) = element, let value = T(rawValue: text) else {
                    let got = if case .string(let text) = element { Self.quote(text) } else { element.typeName }
                    throw invalid("\(path + name) must be an array of \(allowed); \(got) is not one")
                }
                if !out.contains(value) { out.append(value) }
            }
            return out
        case .some(let value): throw invalid("\(path + name) must be an array of \(allowed), not \(value.typeName)")
        }
    }

    /// An optional object's members.
    func object(_ name: String, _ shape: String) throws(ProtocolError) -> FieldReader? {
        switch members[name] {
        case nil, .null: return nil
        case .object(let inner): return FieldReader(members: inner, path: path + name + ".")
        case .some(let value): throw invalid("\(path + name) must be an object \(shape), not \(value.typeName)")
        }
    }

    static func list(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    static func quote(_ text: String) -> String { UserText.quoted(text) }

    static func shorten(_ text: String) -> String { UserText.shortened(text) }
}
