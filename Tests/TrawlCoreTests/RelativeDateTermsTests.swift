import Testing
@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// `date:` values with relative days become absolute before parsing; everything else is left as typed.
@Suite(.ownThreads) struct RelativeDateTermsTests {
    let today = CalendarDay(year: 2025, month: 3, day: 31)!

    func resolve(_ query: String) -> String { RelativeDateTerms.resolve(query, today: today) }

    @Test func relativeValuesAndRangeEndsBecomeDays() {
        #expect(resolve("date:yesterday") == "date:2025-03-30")
        #expect(resolve("date:today") == "date:2025-03-31")
        #expect(resolve("hubs date:-7d..") == "hubs date:2025-03-24..")
        #expect(resolve("date:..-1m") == "date:..2025-02-28")
        #expect(resolve("date:-1y..-2w albania") == "date:2024-03-31..2025-03-17 albania")
        #expect(resolve("(date:-1d OR title:x)") == "(date:2025-03-30 OR title:x)")
        #expect(resolve("hubs -date:today") == "hubs -date:2025-03-31")
        #expect(resolve("DATE:yesterday") == "DATE:2025-03-30")
        #expect(resolve("café DaTe:today") == "café DaTe:2025-03-31")
        // Any case, as the prefix: `date:Yesterday` was refused with a message listing `yesterday`.
        #expect(resolve("date:Yesterday") == "date:2025-03-30")
        #expect(resolve("date:TODAY..") == "date:2025-03-31..")
        #expect(resolve("date:-1M..-2W") == "date:2025-02-28..2025-03-17")
    }

    @Test func otherTextIsLeftAsTyped() {
        for query in ["date:2025-05..", "date:2025", "date:-7x", "\"date:yesterday\"", "update:yesterday", "", "hubs",
                      "date", "dat", "d", "café", "DATE\u{301}:today", "d\u{C1}te:today"] {
            #expect(resolve(query) == query)
        }
        #expect(resolve("date:2025-01-01..-1d") == "date:2025-01-01..2025-03-30")
    }

    @Test func aSearchMatchesRelativeDays() throws {
        let index = try IndexFixture(withSeeds: false)
        let now = CalendarDay.today()
        for (id, daysAgo) in [("today", 0), ("yesterday", 1), ("lastweek", 8)] {
            let date = now.adding(days: -daysAgo).wire
            try index.write("\(id).json", #"{"id": "\#(id)", "title": "Hubs", "body": "Return hubs.", "date": "\#(date)T12:00:00Z"}"#)
        }
        try index.index()
        func ids(_ text: String, since: String? = nil) throws -> Set<String> {
            var filters = SearchFilters(q: text)
            filters.since = since
            return Set(try index.reader().search(SearchQuery(filters, defaultOperator: .and, today: now)).hits.map(\.id))
        }
        #expect(try ids("hubs date:yesterday") == ["yesterday"])
        #expect(try ids("hubs date:-7d..") == ["today", "yesterday"])
        #expect(try ids("hubs date:..-1w") == ["lastweek"])
        #expect(try ids("hubs", since: "yesterday") == ["today", "yesterday"])
    }
}
