import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Queries without capitals, accents or negations rank exactly as Xapian's own QueryParser and
/// Enquire rank them (`quest`, with trawld's prefixes, stemmer, flags and default operator),
/// so the query preparation (lower-casing, folding, the negation filter) changes nothing else.
/// (A NEAR or ADJ group also matches its words' possessives, which quest does not: the positional
/// query here has words that are never possessive in these articles.)
private let questPath = "/usr/bin/quest"

@Suite(.ownThreads, .enabled(if: FileManager.default.isExecutableFile(atPath: questPath), "needs quest (xapian-tools)"))
struct ReferenceRankingTests {
    let fixture: IndexFixture

    init() throws {
        fixture = try IndexFixture()
        // More articles, mixed from the seeds' sentences, so that rankings have something to order.
        let sentences = try Seeds.names.flatMap { name in
            try String(contentsOfFile: Seeds.directory.path + "/" + name, encoding: .utf8)
                .split(whereSeparator: { ".\n".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count > 20 && !$0.contains("\"") && !$0.contains("\\") }
        }
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for index in 0..<120 {
            let body = (0..<(3 + next(8))).map { _ in sentences[next(sentences.count)] }.joined(separator: ". ")
            let title = sentences[next(sentences.count)].prefix(60)
            try fixture.write("mix/\(index).json", #"{"id": "mix-\#(index)", "title": "\#(title)", "body": "\#(body)."}"#)
        }
        try fixture.index()
    }

    @Test(arguments: [
        "return hubs", "asylum seekers", "albania OR italy", "crossing", "crossings channel", "\"return hubs\"",
        "\"small boats\" government", "hubs NEAR albania", "title:talks", "cross*", "prime minister talks",
        "the uk", "deportation OR migration", "talks AND (albania OR italy)",
    ])
    func lowerCaseQueriesRankAsXapianDoes(query: String) throws {
        var search = SearchQuery(text: query)
        search.limit = 20
        search.snippet = false
        search.correct = .off
        let ours = try fixture.reader().search(search).hits.map(\.id)
        let theirs = try questIDs(query)
        #expect(!ours.isEmpty)
        #expect(ours == theirs, "\(query)")
    }

    /// Ids of quest's top 20, in rank order.
    private func questIDs(_ query: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: questPath)
        process.arguments = [
            "-d", fixture.layout.currentStub, "-m", "20", "-o", "and", "-s", "english",
            "-f", "default,wildcard,pure_not,auto_synonyms", "-p", "title:S", "-p", "by:A", "-b", "source:XSOURCE",
            "-b", "site:H", query,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var ids: [String] = []
        var expectingID = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if expectingID, line.hasPrefix("id\t") { ids.append(String(line.dropFirst(3))) }
            expectingID = line.range(of: #"^[0-9]+: \["#, options: .regularExpression) != nil
        }
        return ids
    }
}
