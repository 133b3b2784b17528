import Foundation
import Testing
import TrawlProtocol
import TrawlTestSupport

/// Every member name of the protocol is spelled once, in `Keys`: code outside the protocol
/// module that reads or writes a member by a literal name (`json.field("limit", …)`,
/// `response["hits"]`) would drift from it unnoticed. Checked in the modules that speak the
/// protocol; TrawlCore reads articles' own JSON, HTML and JSON-LD, whose names (`body`, `url`)
/// are other formats'.
@Suite(.ownThreads) struct KeysAreSpelledOnceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The names `Keys` declares, read from its source (an enum's statics cannot be enumerated).
    static func keyNames() throws -> Set<String> {
        let text = try String(contentsOf: sources.appendingPathComponent("TrawlProtocol/Vocabulary/Keys.swift"), encoding: .utf8)
        let declaration = /static let `?\w+`? = "([a-z0-9_]+)"/
        return Set(text.matches(of: declaration).map { String($0.output.1) })
    }

    @Test func noMemberNameIsWrittenOutsideTheProtocolModule() throws {
        let names = try Self.keyNames()
        #expect(names.contains("limit") && names.contains("title_highlighted") && names.count > 60)
        // A member read or written by name: a subscript with a literal, or the writer's field/key.
        let access = /(\[\s*"([a-z0-9_]+)"\s*\]|\.(?:field|key)\(\s*"([a-z0-9_]+)")/
        var offenders: [String] = []
        let modules = ["trawl", "trawld", "TrawlClient", "TrawlServer"].map { Self.sources.appendingPathComponent($0) }
        let files = modules.flatMap { module in
            FileManager.default.enumerator(at: module, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        }
        #expect(files.count > 30)
        for file in files where file.pathExtension == "swift" {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                for match in line.matches(of: access) {
                    let name = String(match.output.2 ?? match.output.3 ?? "")
                    if names.contains(name) { offenders.append("\(file.lastPathComponent):\(number + 1): \"\(name)\"") }
                }
            }
        }
        #expect(offenders.isEmpty, "use Keys instead of these literals:\n\(offenders.joined(separator: "\n"))")
    }

    /// `hello` lists every op the decoder knows: both come from `Op`.
    @Test func helloListsTheRegistry() {
        #expect(HelloResponse(generation: 0, documents: 0).ops == Op.allCases.map(\.rawValue))
        for op in Op.allCases {
            let article = op == .put ? #"{"id":"a","body":"b"}"# : #""a""#  // put takes an article object
            let decoded = try? RequestDecoder().decode(
                Array(#"{"op":"\#(op.rawValue)","q":"x","article":\#(article),"subscription":"s1"}"#.utf8))
            #expect(decoded?.request.op == op)
        }
    }
}
