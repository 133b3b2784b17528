import TrawlCore

/// SplitMix64: a tiny deterministic generator, so a failing random test reproduces.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return ShardRouter.finalize(state)
    }
}
