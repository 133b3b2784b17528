import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Copy detection measured on the labelled set (`CopyTestSet`): precision and recall of
/// `CopySignature.isCopy` over all its pairs, printed for the record (docs/SCHEMA.md quotes them).
@Suite(.ownThreads) struct CopyDetectionQualityTests {
    @Test func precisionAndRecallOnTheLabelledSet() throws {
        let set = try CopyTestSet.make()
        let signatures = try Dictionary(uniqueKeysWithValues: set.texts.map { ($0.name, try #require(CopySignature(body: $0.body))) })
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var lowestCopy = 1.0, highestOther = 0.0
        for (a, b, isCopy) in set.pairs {
            let (left, right) = (signatures[a.name]!, signatures[b.name]!)
            let similarity = left.estimatedJaccard(right)
            let found = left.isCopy(of: right)
            if isCopy { lowestCopy = min(lowestCopy, similarity) } else { highestOther = max(highestOther, similarity) }
            switch (isCopy, found) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1; Issue.record("not copies, found: \(a.name) ~ \(b.name) (\(similarity))")
            case (true, false): falseNegatives += 1
            default: break
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print("copies: \(set.texts.count) texts, \(set.pairs.count) pairs, threshold \(CopySignature.threshold): precision \(precision), recall \(recall); lowest copy pair \(lowestCopy), highest other pair \(highestOther)")
        #expect(precision == 1.0)
        #expect(recall >= 0.95)
    }

    /// The seeds 003 and 004 quote the same paragraphs (5-shingle Jaccard about 0.26): one
    /// story, not copies.
    @Test func sharedQuotesAreNotACopy() throws {
        let a = try #require(CopySignature(body: try Seeds.article("003_d31b54c3e87b35a3.txt").body))
        let b = try #require(CopySignature(body: try Seeds.article("004_942c03c566ac67b7.txt").body))
        #expect(a.estimatedJaccard(b) > 0.1)
        #expect(!a.isCopy(of: b))
    }

    /// Candidates are found by band terms: a copy shares at least one, and the terms read back.
    @Test func aCopySharesBandTermsAndTheSignatureRoundTrips() throws {
        let body = try Seeds.article("002_5f7415eda35cdc68.txt").body
        let original = try #require(CopySignature(body: body))
        let copy = try #require(CopySignature(body: CopyTestSet.byline.joined(separator: "\n") + "\n" + body))
        #expect(!Set(original.bandTerms).isDisjoint(with: copy.bandTerms))
        #expect(original.bandTerms.allSatisfy { $0.hasPrefix("XLSH") && $0.count == 4 + 2 + 16 })
        #expect(CopySignature(encoded: original.encoded) == original)
        #expect(CopySignature(body: "too short to shingle") == nil)
    }
}
