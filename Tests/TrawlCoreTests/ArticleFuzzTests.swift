import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// No input, however broken, makes the parser trap or hang: random bytes, markup-heavy noise,
/// mutated seed files and pathological nesting, in every format.
@Suite(.ownThreads) struct ArticleFuzzTests {
    private static let alphabet = Array("<>/!-[]()*_`#&;:\"'=|\n\r\t {}\\,.0123456789abcAZ~\u{2019}\u{FB01}\u{A0}".utf8)

    private func parseEverywhere(_ bytes: [UInt8]) {
        let parser = ArticleParser()
        for format in ArticleFormat.allCases {
            guard let articles = try? parser.parse(Data(bytes), relativePath: "f", format: format) else { continue }
            for article in articles {
                #expect(article.title?.isEmpty != true && article.url?.isEmpty != true)
                #expect(article.title != nil || !article.body.isEmpty)
            }
        }
    }

    @Test func randomBytes() {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<150 {
            let count = Int.random(in: 0...600, using: &generator)
            parseEverywhere((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func markupNoise() {
        var generator = SplitMix64(seed: 2)
        for _ in 0..<200 {
            let count = Int.random(in: 1...800, using: &generator)
            parseEverywhere((0..<count).map { _ in Self.alphabet.randomElement(using: &generator) ?? 0x20 })
        }
    }

    @Test func frontMatterNoise() {
        var generator = SplitMix64(seed: 4)
        let yamlAlphabet = Array("-:[]{}'\"!&*|>#?,% \n\tabc123".utf8)
        for _ in 0..<100 {
            let count = Int.random(in: 0...200, using: &generator)
            let noise = (0..<count).map { _ in yamlAlphabet.randomElement(using: &generator) ?? 0x20 }
            parseEverywhere(Array("---\n".utf8) + noise + Array("\n---\nBody text.".utf8))
        }
    }

    @Test func mutatedSeeds() throws {
        var generator = SplitMix64(seed: 3)
        let seeds = try Seeds.names.map { Array(try Seeds.data($0)) }
        for round in 0..<100 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...30, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = Self.alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
                }
            }
            parseEverywhere(bytes)
        }
    }

    @Test func pathologicalNesting() {
        let units = ["[", "{\"a\":", "<div>", "<b><i>", "[x](", "> ", "# ", "**", "&#x", "<!--", "</p>", "Version 2 | "]
        for unit in units {
            parseEverywhere(Array(String(repeating: unit, count: 5_000).utf8))
        }
    }
}
