/// Finds wire copies (the same text reprinted with a new headline, a paragraph cut, added or
/// moved, a byline or boilerplate added): MinHash over the body's 5-word shingles, with LSH bands
/// for finding candidates and the estimated Jaccard similarity for verifying them.
///
/// `hashCount` minima come from one seeded family, `h_i(s) = splitmix64(s ^ seed_i)` over the
/// shingle hashes (`BodyWords`). The signature is cut into `bandCount` bands of `rowsPerBand`
/// minima; two bodies share a band with probability `1 - (1 - J^rows)^bands`, 0.9999 at
/// J = 0.5 and 0.08 at J = 0.05, so a band term query finds practically every copy. A candidate
/// is a copy when the share of equal minima (the Jaccard estimate) is at least `threshold`.
/// The measurements behind these numbers: `CopyDetectionQualityTests` and docs/SCHEMA.md.
public struct CopySignature: Sendable, Equatable {
    static let shingleLength = 5
    static let hashCount = 64
    static let rowsPerBand = 2
    static let bandCount = hashCount / rowsPerBand
    /// Bands a candidate shares at least: a copy (J >= 0.5) shares 8 on average and fewer than 2
    /// with probability about 0.001, while texts sharing a phrase or two share one by chance.
    static let minimumSharedBands = 2

    /// Estimated Jaccard similarity from which two bodies are copies (34 of 64 minima equal). On
    /// the labelled set the lowest copy pair estimates 0.5625 (a short story with a byline, two
    /// paragraphs cut and boilerplate added) and the highest other pair 0.484 (two outlets' short
    /// stories quoting the same paragraphs, the same boilerplate added to both); the seeds 003 and
    /// 004, sharing quoted paragraphs, are far below.
    public static let threshold = 0.52

    /// The seeds of the hash family: SplitMix64's sequence from a fixed start, so that every
    /// index (and the benchmark's) computes the same signatures.
    static let seeds: [UInt64] = {
        var state: UInt64 = 0x7472_6177_6C5F_6370  // "trawl_cp"
        return (0..<hashCount).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            return ShardRouter.finalize(state)
        }
    }()

    /// The minimum of each hash of the family over the body's shingles.
    public let minima: [UInt64]

    init(minima: [UInt64]) { self.minima = minima }

    /// The body's signature, or nil when it has fewer than `shingleLength` words.
    public init?(body: String) {
        var minima = [UInt64](repeating: .max, count: Self.hashCount)
        var window: [UInt64] = []
        window.reserveCapacity(4 * Self.shingleLength)
        var words = 0
        BodyWords.forEachHash(in: body) { word in
            window.append(word)
            words += 1
            guard window.count >= Self.shingleLength else { return }
            let shingle = BodyWords.shingleHash(window.suffix(Self.shingleLength))
            for index in 0..<Self.hashCount {
                minima[index] = min(minima[index], ShardRouter.finalize(shingle ^ Self.seeds[index]))
            }
            if window.count >= 4 * Self.shingleLength { window.removeFirst(window.count - Self.shingleLength + 1) }
        }
        guard words >= Self.shingleLength else { return nil }
        self.minima = minima
    }

    /// The share of equal minima: an unbiased estimate of the Jaccard similarity of the shingle sets.
    public func estimatedJaccard(_ other: CopySignature) -> Double {
        let equal = zip(minima, other.minima).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(Self.hashCount)
    }

    /// Whether the two bodies are copies of one text.
    public func isCopy(of other: CopySignature) -> Bool {
        estimatedJaccard(other) >= Self.threshold
    }

    /// One boolean term per band, `XLSH` + band number (2 digits) + the band's hash (16 hex
    /// digits): articles sharing any of these are the candidates.
    public var bandTerms: [String] {
        (0..<Self.bandCount).map { band in
            let rows = minima[band * Self.rowsPerBand..<(band + 1) * Self.rowsPerBand]
            let hash = BodyWords.shingleHash(rows)
            return "XLSH" + (band < 10 ? "0" : "") + String(band) + Self.hex(hash)
        }
    }

    /// The minima as one string of 16 hex digits each (the value slot's form).
    public var encoded: String { minima.map(Self.hex).joined() }

    /// Reads `encoded`; nil for anything else.
    public init?(encoded: String) {
        let bytes = Array(encoded.utf8)
        guard bytes.count == Self.hashCount * 16 else { return nil }
        var minima: [UInt64] = []
        minima.reserveCapacity(Self.hashCount)
        for start in stride(from: 0, to: bytes.count, by: 16) {
            guard let value = UInt64(String(decoding: bytes[start..<start + 16], as: UTF8.self), radix: 16) else { return nil }
            minima.append(value)
        }
        self.minima = minima
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
