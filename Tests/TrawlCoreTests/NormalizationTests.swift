import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Text is normalised before indexing so typographic variants of a word are the same word.
@Suite(.ownThreads) struct NormalizationTests {
    @Test func curlyAndStraightApostrophesAreEqual() {
        #expect(TextNormalizer.normalize("country\u{2019}s") == TextNormalizer.normalize("country's"))
        #expect(TextNormalizer.normalize("country\u{2019}s") == "country's")
    }

    @Test func typographicQuotesAndPrimes() {
        let input = "\u{2018}a\u{2019} \u{201B}b \u{201C}c\u{201D} \u{201E}d\u{201F} 5\u{2032} 10\u{2033} it\u{02BC}s"
        #expect(TextNormalizer.normalize(input) == "'a' 'b \"c\" \"d\" 5' 10\" it's")
    }

    @Test func compatibilityFormsFold() {
        #expect(TextNormalizer.normalize("\u{FB01}nance") == "finance")
        #expect(TextNormalizer.normalize("\u{FF21}\u{FF22}\u{FF23} \u{2460}") == "ABC 1")
        #expect(TextNormalizer.normalize("e\u{301}") == "\u{E9}")
        #expect(TextNormalizer.normalize("wait\u{2026}") == "wait...")
    }

    @Test func oddSpacesBecomePlainSpaces() {
        #expect(TextNormalizer.normalize("a\u{A0}b\u{2009}c\u{202F}d\u{3000}e") == "a b c d e")
        #expect(TextNormalizer.normalize("zero\u{200B}width\u{FEFF} soft\u{AD}hyphen") == "zerowidth softhyphen")
    }

    @Test func lineEndsBecomeLF() {
        #expect(TextNormalizer.normalize("a\r\nb\rc\n\u{2028}d\u{85}e") == "a\nb\nc\n\nd\ne")
    }

    @Test func controlCharactersDroppedExceptNewlineAndTab() {
        #expect(TextNormalizer.normalize("a\u{0}b\u{7}c\u{1B}[0m\td\u{7F}e\u{9B}f\ng") == "abc[0m\tdef\ng")
    }

    @Test func emptyAndPlainTextUnchanged() {
        #expect(TextNormalizer.normalize("") == "")
        let plain = "Plain ASCII, caf\u{E9} \u{2013} \u{A3}5.\n\nNext."
        #expect(TextNormalizer.normalize(plain) == plain)
    }

    @Test func trailingBlanksTrimmedPerLine() {
        #expect(TextNormalizer.normalize("one  \t\ntwo\u{A0}\r\n  three  ") == "one\ntwo\n  three")
    }

    @Test func fastPathCharactersAreTrulyNFKCStable() {
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value), NFKCStability.isStable(value) else { continue }
            let text = String(Character(scalar))
            #expect(text.precomposedStringWithCompatibilityMapping == text, "U+\(String(value, radix: 16))")
        }
    }
}
