import Foundation
import TrawlCore
import TrawlTestSupport

/// The labelled set for copy detection, generated from the five seeds (one story from five
/// outlets: same topic, shared quotes, 003 and 004 sharing whole paragraphs, none a copy of
/// another). Each seed body and a short agency-length cut of it (its first 8 paragraphs) get
/// the edits outlets make when they reprint wire copy; every edit is a copy of its original
/// and of the other edits of it, and of nothing else. A seed and its own short cut are left
/// unlabelled: half a text is a copy to some readers and not to others.
struct CopyTestSet {
    struct Text {
        let name: String
        /// The original text it was made from: texts with the same origin are copies.
        let origin: String
        /// The seed it comes from (a seed and its short cut are not labelled).
        let seed: String
        let body: String
    }

    let texts: [Text]

    /// Every unordered pair, labelled.
    var pairs: [(Text, Text, isCopy: Bool)] {
        var pairs: [(Text, Text, isCopy: Bool)] = []
        for i in texts.indices {
            for j in texts.indices where j > i && (texts[i].origin == texts[j].origin || texts[i].seed != texts[j].seed) {
                pairs.append((texts[i], texts[j], texts[i].origin == texts[j].origin))
            }
        }
        return pairs
    }

    static func make() throws -> CopyTestSet {
        var texts: [Text] = []
        for name in Seeds.names {
            let paragraphs = try Seeds.article(name).body.split(separator: "\n").map(String.init)
            let seed = String(name.prefix(3))
            for (origin, body) in [(seed, paragraphs), (seed + "-short", Array(paragraphs.prefix(8)))] {
                texts += edits(of: body).map { Text(name: "\(origin)/\($0.kind)", origin: origin, seed: seed, body: $0.paragraphs.joined(separator: "\n")) }
            }
        }
        return CopyTestSet(texts: texts)
    }

    static let byline = ["By Jane Okafor and Tom Hale, Reuters", "LONDON, May 15 (Reuters) -"]
    static let boilerplate = [
        "Reporting by Jane Okafor; Additional reporting by Tom Hale; Editing by Alex Richardson.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Sign up for our morning newsletter and get the day's top stories in your inbox. Follow us on X and Facebook.",
    ]

    /// The original and its edits, each as the list of its paragraphs.
    static func edits(of paragraphs: [String]) -> [(kind: String, paragraphs: [String])] {
        let middle = paragraphs.count / 2
        var swapped = paragraphs
        swapped.swapAt(middle, middle + 1)
        var dropped = paragraphs
        dropped.remove(at: middle)
        return [
            ("original", paragraphs),
            // A new headline is outside the body; some sites repeat it as the first line.
            ("new-headline", ["Albania says no to hosting UK migrant centres as Starmer visits"] + paragraphs),
            ("paragraph-dropped", dropped),
            ("last-paragraph-dropped", Array(paragraphs.dropLast())),
            ("paragraphs-swapped", swapped),
            ("byline-and-dateline", byline + paragraphs),
            ("boilerplate", paragraphs + boilerplate),
            ("all-edits", byline + Array(dropped.dropLast()) + boilerplate),
        ]
    }
}
