import CXapian

/// The words of a body as the copy detectors see them: runs of letters and digits, lower-cased,
/// each hashed with FNV-1a as it is read (the shim's constants; the benchmark's reference indexer
/// mirrors this in article_file.h). Punctuation, quotes and spacing never tell two copies apart.
enum BodyWords {
    /// Calls `word` with the hash of each word, in order.
    static func forEachHash(in body: String, _ word: (UInt64) -> Void) {
        var current: UInt64 = TX_FNV1A_OFFSET
        var inWord = false
        func endWord() {
            guard inWord else { return }
            word(current)
            current = TX_FNV1A_OFFSET
            inWord = false
        }
        for scalar in body.unicodeScalars {
            if scalar.isASCII {
                var byte = UInt8(scalar.value)
                let isDigit = (48...57).contains(byte), isUpper = (65...90).contains(byte)
                guard isDigit || isUpper || (97...122).contains(byte) else {
                    endWord()
                    continue
                }
                if isUpper { byte += 32 }
                current = (current ^ UInt64(byte)) &* TX_FNV1A_PRIME
                inWord = true
            } else if scalar.properties.isAlphabetic {
                for unit in scalar.properties.lowercaseMapping.utf8 { current = (current ^ UInt64(unit)) &* TX_FNV1A_PRIME }
                inWord = true
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// FNV-1a over a shingle's word hashes.
    static func shingleHash<Words: Sequence<UInt64>>(_ words: Words) -> UInt64 {
        var shingle: UInt64 = TX_FNV1A_OFFSET
        for h in words { shingle = (shingle ^ h) &* TX_FNV1A_PRIME }
        return shingle
    }
}
