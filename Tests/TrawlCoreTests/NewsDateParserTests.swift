import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Dates in the forms news pages print them parse to the right instant (UTC unless a zone is given);
/// anything that is not wholly a valid date gives nil.
@Suite(.ownThreads) struct NewsDateParserTests {
    @Test(arguments: [
        ("15 May 2025, 11:13", "2025-05-15T11:13:00Z"),
        ("Updated: 15 May 2025, 13:25", "2025-05-15T13:25:00Z"),
        ("Published on 15 May 2025 at 11:13", "2025-05-15T11:13:00Z"),
        ("2025-05-15", "2025-05-15T00:00:00Z"),
        ("May 15, 2025", "2025-05-15T00:00:00Z"),
        ("May 15 2025", "2025-05-15T00:00:00Z"),
        ("Thursday, May 15, 2025 11:13 AM", "2025-05-15T11:13:00Z"),
        ("May 15, 2025 at 1:05 p.m. EDT", "2025-05-15T17:05:00Z"),
        ("12:30am, 15 May 2025", "2025-05-15T00:30:00Z"),
        ("15th May 2025", "2025-05-15T00:00:00Z"),
        ("Sept. 3, 2025", "2025-09-03T00:00:00Z"),
        ("Thu, 15 May 2025 11:13:00 +0100", "2025-05-15T10:13:00Z"),
        ("15 May 2025 11:13 BST", "2025-05-15T10:13:00Z"),
        ("2025-05-15T11:13", "2025-05-15T11:13:00Z"),
        ("2025-05-15T11:13:00Z", "2025-05-15T11:13:00Z"),
        ("2025-05-15T11:13:00+01:00", "2025-05-15T10:13:00Z"),
        ("2025-05-15 11:13:00 -0500", "2025-05-15T16:13:00Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("  1 January 2000  ", "2000-01-01T00:00:00Z"),
    ])
    func acceptedForms(text: String, iso: String) throws {
        let expected = try #require(ISO8601DateFormatter().date(from: iso))
        #expect(NewsDateParser.parse(text) == expected)
    }

    @Test func fractionalSeconds() throws {
        let date = try #require(NewsDateParser.parse("2025-05-15T11:13:00.250Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_747_307_580.25) < 0.001)
    }

    @Test(arguments: [
        "2025-13-45", "2025-02-30", "2023-02-29", "2025-05-15T25:00", "2025-05-15T11:60", "31 April 2025",
        "13:00pm, 15 May 2025", "May 2025", "15 May", "2025", "", "   ", "yesterday", "11:13",
        "The summit on 15 May 2025 ended early.", "15 May 2025, 11:13 | Updated: 15 May 2025, 13:25",
        "15 May 2025 15 May 2025", "Mayday 15 2025", "2025-05-15T11:13:00+99:00", "2025-05-15 garbage",
    ])
    func rejected(text: String) {
        #expect(NewsDateParser.parse(text) == nil)
    }

    @Test func veryLongInputIsRejectedQuickly() {
        #expect(NewsDateParser.parse(String(repeating: "15 May 2025 ", count: 1000)) == nil)
    }
}
