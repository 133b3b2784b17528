import Foundation
import Testing
import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// The spelling table of a rebuilt index stays readable. Xapian 1.4.22 cannot read back a
/// spelling word list that compresses very well when its text just passes a multiple of 8 KB
/// ("Too few chunks of compressed data", docs/SCHEMA.md): the 1992 numbered markers of this
/// corpus made the lists of "mar", "ark", ... exactly such, and the next incremental run failed.
/// Words with a digit now stay out of the spelling data; every other word still gets there.
@Suite(.ownThreads, .serialized) struct SpellingTableTests {
    /// The fewest ArticleCorpus articles whose markers broke the spelling table (8193 bytes of list).
    static let articles = 1992

    @Test(.timeLimit(.minutes(3)), arguments: [1, 2])
    func rebuildOfNumberedWordsKeepsTheSpellingTableReadable(writers: Int) throws {
        let scratch = try Scratch()
        defer { scratch.removeQuickly("articles") }
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<Self.articles)
        let index = scratch.path + "/index"
        let rebuilt = try runIndexer(index: index, articles: corpus.folder, ["--rebuild", "--writers", "\(writers)"])
        #expect(rebuilt.status == 0 && rebuilt.count("added") == Self.articles, "\(rebuilt.stderr)")

        let reader = try IndexReader(path: index + "/current")
        // A lookup that reads the lists every marker is in ("mar", "ark", "ker", ...).
        let marker = try reader.search(SearchQuery(text: "markr000123x"))
        #expect(marker.hits.isEmpty && marker.corrected == nil)
        let spellings = try reader.spellings()
        #expect(spellings["council"] == 3 * Self.articles, "the words of the articles are spelling data")
        #expect(!spellings.keys.contains { $0.contains { $0.isNumber } }, "no word with a digit is")
        let typo = try reader.search(SearchQuery(text: "councel"))
        #expect(typo.corrected == "council" && typo.searchedCorrected && !typo.hits.isEmpty)

        try corpus.write(Self.articles..<Self.articles + 1)
        let update = try runIndexer(index: index, articles: corpus.folder)
        #expect(update.status == 0 && update.count("added") == 1, "\(update.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-check") {
            let check = try runProgram("/usr/bin/xapian-check", [index + "/gen-1"])
            #expect(check.status == 0 && check.stdout.contains("No errors found"), "\(check.stdout) \(check.stderr)")
        }
    }

    /// Numbered words spelt in letters (`markeraaabcdx`) still make such a list (3991 of them):
    /// the rebuild's verification runs Xapian's check of the spelling table and refuses to
    /// publish the generation, so the live index stays as it was.
    @Test(.timeLimit(.minutes(3)))
    func aSpellingTableXapianCannotReadBackIsNeverPublished() throws {
        let scratch = try Scratch()
        defer { scratch.removeQuickly("articles") }
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<10)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: corpus.folder, ["--rebuild"]).status == 0)

        for number in 10..<3991 + 10 {
            let text = ArticleCorpus.text(number).replacingOccurrences(
                of: ArticleCorpus.marker(number), with: Self.letteredMarker(number - 10))
            try ArticleCorpus.writeFile(corpus.folder + "/" + corpus.name(number), text)
        }
        let rebuilt = try runIndexer(index: index, articles: corpus.folder, ["--rebuild", "--writers", "1"])
        #expect(rebuilt.status == 2, "\(rebuilt.summary)")
        #expect(rebuilt.stderr.contains("Too few chunks of compressed data") && rebuilt.stderr.contains("live index is unchanged"), "\(rebuilt.stderr)")
        #expect(IndexInspection.liveGeneration(in: index) == 1 && IndexInspection.debris(in: index).isEmpty)
        #expect(try IndexReader(path: index + "/current").documentCount() == 10)
    }

    /// `markeraaabcdx` for 123: the marker's digits as the letters a to j.
    static func letteredMarker(_ number: Int) -> String {
        let letters = String(format: "%06d", number).unicodeScalars.map { Character(UnicodeScalar($0.value - 48 + 97)!) }
        return "marker" + String(letters) + "x"
    }
}
