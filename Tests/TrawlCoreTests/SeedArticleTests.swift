import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// The five scraped sample pages in `seeds/` parse into the titles, metadata and clean bodies a reader would expect.
@Suite(.ownThreads) struct SeedArticleTests {
    @Test func seed000TitleAndTrailingBlockCut() throws {
        let article = try Seeds.article("000_a577873e2491d8f5.txt")
        #expect(article.id == "000_a577873e2491d8f5.txt")
        #expect(article.title == "Starmer talks to countries about return hubs for failed asylum seekers")
        #expect(article.date == nil && article.updated == nil)
        #expect(article.byline == nil && article.source == nil && article.url == nil && article.site == nil)
        #expect(article.body.contains("return hubs"))
        for junk in ["Hashtags", "Related Articles", "No comments yet", "Cambridgeshire", "Try Our AI Features"] {
            #expect(!article.body.contains(junk), "body still has \(junk)")
        }
        #expect(article.body.hasSuffix("strengthening the security of our borders.'"))
    }

    @Test func seed001PlayerAndCookieBoilerplateRemoved() throws {
        let article = try Seeds.article("001_b053db553f314cb7.txt")
        let firstLine = try #require(String(decoding: Seeds.data("001_b053db553f314cb7.txt"), as: UTF8.self)
            .split(separator: "\n").first)
        #expect(article.title == String(firstLine))  // as written: curly quotes stay
        #expect(article.title?.hasPrefix("The UK is in talks with \u{201C}a number of countries\u{201D}") == true)
        #expect(article.date == nil && article.byline == nil && article.source == nil && article.url == nil)
        let lines = article.body.split(separator: "\n")
        #expect(!article.body.contains("Please use Chrome browser"))
        #expect(!lines.contains("1:30") && !lines.contains("16:02"))
        #expect(!article.body.contains("Spreaker") && !article.body.contains("cookies"))
        #expect(article.body.contains("Are \u{2018}return hubs\u{2019} the new Rwanda plan?"))
    }

    @Test func seed002VersionTableIndexedAsNewestVersion() throws {
        let article = try Seeds.article("002_5f7415eda35cdc68.txt")
        #expect(article.title == "UK to start talks on return hubs for failed asylum seekers")
        #expect(article.source == "bbc")
        #expect(article.url == "https://www.bbc.com/news/articles/c8re55z8kv7o")
        #expect(article.site == "bbc.com")
        #expect(article.body.hasPrefix("The UK is in talks with other countries"))
        for gone in ["Version 2", "|", "(31 minutes later)", "He would not comment on which countries were involved",
                     "This article is from the source", "The article has changed"] {
            #expect(!article.body.contains(gone), "body still has \(gone)")
        }
        #expect(article.body.contains("Greater intelligence sharing to allow local law"))
    }

    @Test func seed003DatesBylineAndAudioWidget() throws {
        let article = try Seeds.article("003_d31b54c3e87b35a3.txt")
        #expect(article.title
            == "Keir Starmer steps up migrant crackdown as he announces 'return hubs' for failed asylum seekers")
        #expect(article.date == Seeds.utc("2025-05-15T11:13:00Z"))
        #expect(article.updated == Seeds.utc("2025-05-15T13:25:00Z"))
        #expect(article.byline == "Danielle de Wolfe")
        #expect(article.source == nil && article.url == nil)
        for gone in ["Listen to this article", "Loading audio", "Read more:", "By Danielle", "15 May 2025, 11:13"] {
            #expect(!article.body.contains(gone), "body still has \(gone)")
        }
        // Captions printed twice (the second time with a credit) appear once.
        let caption = "Britain's Prime Minister Keir Starmer speaks with a drone operator"
        #expect(article.body.components(separatedBy: caption).count == 2)
    }

    @Test func seed004Title() throws {
        let article = try Seeds.article("004_942c03c566ac67b7.txt")
        #expect(article.title == "UK to begin talks on return hubs for failed asylum seekers")
        #expect(article.body.hasPrefix("The announcement comes in the same week"))
    }

    @Test func bodiesAreParagraphsSeparatedByOneBlankLine() throws {
        for name in Seeds.names {
            let body = try Seeds.article(name).body
            #expect(!body.contains("\n\n\n"), "\(name)")
            #expect(!body.hasPrefix("\n") && !body.hasSuffix("\n"), "\(name)")
            #expect(body.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy {
                $0.trimmingCharacters(in: .whitespaces) == $0
            }, "\(name)")
        }
    }
}

/// Reading the seed articles (their files: `Seeds` in the test support).
extension Seeds {
    static func article(_ name: String) throws -> Article {
        let articles = try ArticleParser().parse(data(name), relativePath: name, format: .text)
        return try #require(articles.count == 1 ? articles.first : nil)
    }

    static func utc(_ iso: String) -> Date? {
        ISO8601DateFormatter().date(from: iso)
    }
}
