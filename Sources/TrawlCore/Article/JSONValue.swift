import Foundation

/// A JSON value as far as article reading needs it: nested containers are not descended into
/// beyond the top level and the fields of an object.
enum JSONValue: Equatable, Decodable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])
    /// A container inside a field, which no article field accepts.
    case nested

    /// What the value is, for error messages ("a number", "an array").
    var kind: String {
        switch self {
        case .string: "a string"
        case .integer, .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        case .array: "an array"
        case .object, .nested: "an object or array"
        }
    }

    /// Decodes one JSON document; a syntax error becomes `ArticleParseError` with the parser's detail.
    static func decode(_ data: Data) throws(ArticleParseError) -> JSONValue {
        do {
            return try JSONDecoder().decode(TopLevel.self, from: data).value
        } catch let error as DecodingError {
            throw ArticleParseError(reason: "not valid JSON (\(detail(error))); check the syntax")
        } catch {
            throw ArticleParseError(reason: "not valid JSON; check the syntax")
        }
    }

    private static func detail(_ error: DecodingError) -> String {
        guard case .dataCorrupted(let context) = error else { return String(describing: error) }
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return underlying ?? context.debugDescription
    }

    init(from decoder: Decoder) throws {
        self = try Self.scalar(decoder) ?? .nested
    }

    /// Strings, numbers, booleans and null; nil for containers.
    fileprivate static func scalar(_ decoder: Decoder) throws -> JSONValue? {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { return .null }
        if let value = try? container.decode(String.self) { return .string(value) }
        if let value = try? container.decode(Bool.self) { return .bool(value) }
        if let value = try? container.decode(Int64.self) { return .integer(value) }
        if let value = try? container.decode(Double.self) { return .number(value) }
        return nil
    }
}

/// The document's top level: an object or array is read one level deeper than a field.
private struct TopLevel: Decodable {
    let value: JSONValue

    init(from decoder: Decoder) throws {
        if let scalar = try JSONValue.scalar(decoder) {
            value = scalar
        } else if let object = try? decoder.singleValueContainer().decode([String: JSONValue].self) {
            value = .object(object)
        } else {
            value = .array(try decoder.singleValueContainer().decode([Item].self).map(\.value))
        }
    }

    /// An array element: an object keeps its fields, anything else only its kind.
    private struct Item: Decodable {
        let value: JSONValue

        init(from decoder: Decoder) throws {
            if let scalar = try JSONValue.scalar(decoder) {
                value = scalar
            } else if let object = try? decoder.singleValueContainer().decode([String: JSONValue].self) {
                value = .object(object)
            } else {
                value = .nested
            }
        }
    }
}
