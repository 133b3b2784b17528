import CXapian

/// Groups wire copies of one story (the same agency text under different headlines and
/// trimmings) for `collapse`: a min-hash over 8-word shingles of the body.
///
/// Two articles get the same key with probability equal to the Jaccard similarity of their
/// shingle sets, so near-copies usually collapse and unrelated stories practically never do.
/// Words are hashed with FNV-1a as they are read, and shingles with FNV-1a over their eight word
/// hashes (the shim's constants; the benchmark's reference indexer mirrors this in article_file.h).
public enum DuplicateKey {
    static let shingleLength = 8

    public static func of(body: String) -> String? {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(64)
        var minimum = UInt64.max
        var words = 0
        var current: UInt64 = TX_FNV1A_OFFSET
        var inWord = false
        func endWord() {
            guard inWord else { return }
            hashes.append(current)
            current = TX_FNV1A_OFFSET
            inWord = false
            words += 1
            guard hashes.count >= shingleLength else { return }
            var shingle: UInt64 = TX_FNV1A_OFFSET
            for h in hashes.suffix(shingleLength) { shingle = (shingle ^ h) &* TX_FNV1A_PRIME }
            minimum = min(minimum, shingle)
            if hashes.count > 4 * shingleLength { hashes.removeFirst(hashes.count - shingleLength) }
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
        return words >= shingleLength ? String(minimum, radix: 16) : nil
    }
}
