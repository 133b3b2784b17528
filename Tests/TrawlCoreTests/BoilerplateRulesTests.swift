import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Page furniture is removed by pattern lists (data, not code): defaults plus the user's own patterns.
@Suite(.ownThreads) struct BoilerplateRulesTests {
    private func body(_ text: String, rules: BoilerplateRules = .defaults) throws -> String {
        let parser = ArticleParser(boilerplate: rules)
        return try #require(try parser.parse(Data(text.utf8), relativePath: "a.txt", format: .text).first).body
    }

    @Test func defaultDropLines() throws {
        let text = """
            Title
            Kept one.
            Please use Chrome browser for a more accessible video player
            1:30
            16:02
            LISTEN TO THIS ARTICLE
            Loading audio...
            Read more: Something else entirely
            Spreaker
            This content is provided by Spreaker, which may be using cookies and other technologies.
            To show you this content, we need your permission to use cookies.
            Kept at 16:02 in a sentence.
            """
        #expect(try body(text) == "Kept one.\n\nKept at 16:02 in a sentence.")
    }

    @Test func trailingBlockIsCutFromTheFirstMarker() throws {
        let text = """
            Title
            Kept.
            Hashtags

            Try Our AI Features
            Comments
            No comments yet...
            Related Articles
            Other story
            """
        #expect(try body(text) == "Kept.")
        #expect(try body("Title\nKept.\nRelated articles about cats are fun\nAlso kept.")
            == "Kept.\n\nRelated articles about cats are fun\n\nAlso kept.")
    }

    @Test func cutMarkerAsFirstLineDoesNotEraseThePage() throws {
        let data = Data("Comments\nTitle\nText.".utf8)
        let articles = try ArticleParser().parse(data, relativePath: "a.txt", format: .text)
        #expect(articles.first?.title == "Title")
        #expect(articles.first?.body == "Text.")
    }

    @Test func repeatedCaptionKeptOnce() throws {
        let text = "Title\nA caption about Tirana\nA caption about Tirana. Picture: Alamy\nText."
        #expect(try body(text) == "A caption about Tirana. Picture: Alamy\n\nText.")
    }

    @Test func userPatternsAddToDefaults() throws {
        let rules = try BoilerplateRules(dropLines: ["sponsored by .+"], cutFrom: ["more from .{1,40}"])
        let text = "Title\nKept.\nSponsored by ACME Corp\n1:30\nMore from Example News\nTail."
        #expect(try body(text, rules: rules) == "Kept.")
    }

    @Test func userPatternsWithoutDefaults() throws {
        let rules = try BoilerplateRules(dropLines: ["drop me"], cutFrom: [], includingDefaults: false)
        #expect(try body("Title\nDrop me\n1:30\nHashtags\nKept.", rules: rules) == "1:30\n\nHashtags\n\nKept.")
    }

    @Test func nonASCIILinesAndPatterns() throws {
        let rules = try BoilerplateRules(dropLines: ["publicit\u{E9}"], cutFrom: ["\u{E0} lire aussi"])
        let text = "Titre\nPUBLICIT\u{C9}\nListen to this article\nCaf\u{E9} cr\u{E8}me.\n1:30\n\u{C0} lire aussi\nFin."
        #expect(try body(text, rules: rules) == "Caf\u{E9} cr\u{E8}me.")
    }

    @Test func patternsMatchWholeLinesOnly() throws {
        let rules = try BoilerplateRules(dropLines: ["cat"], cutFrom: [])
        #expect(try body("Title\ncat\nconcatenate\nA cat sat.", rules: rules) == "concatenate\n\nA cat sat.")
    }

    @Test func invalidUserPatternIsNamed() {
        let error = #expect(throws: BoilerplatePatternError.self) {
            try BoilerplateRules(dropLines: ["fine", "broken (unclosed"], cutFrom: [])
        }
        #expect(error?.pattern == "broken (unclosed")
        #expect(error?.list == "dropLines")
        #expect(error?.description.contains("invalid boilerplate pattern \"broken (unclosed\" in dropLines") == true)
        #expect(throws: BoilerplatePatternError.self) { try BoilerplateRules(dropLines: [], cutFrom: [""]) }
    }

    @Test func defaultsAreValidRegularExpressions() throws {
        for pattern in BoilerplateRules.defaultDropLines + BoilerplateRules.defaultCutFrom {
            _ = try NSRegularExpression(pattern: pattern)
        }
    }
}
