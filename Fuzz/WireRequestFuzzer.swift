// libFuzzer target: one request line through the wire decoder (WireRequestDecoder and
// WireJSONParser). Fuzz/build compiles it together with the TrawlCore sources it needs, in one
// module, so there is no `import TrawlCore`; TrawlProtocol (WireJSONParser) is a module of its own.
import Foundation

/// Every input must decode to a request that encodes back to itself, or fail with one of the
/// client error codes; anything else (a trap, a hang, another code) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let decoder = WireRequestDecoder()
    do {
        let envelope = try decoder.decode(UnsafeRawBufferPointer(start: data, count: size))
        let again = try decoder.decode(envelope.encoded().dropLast())
        precondition(again == envelope, "the request encodes to a line that decodes differently")
    } catch {
        precondition([.badJSON, .badRequest, .unknownOp].contains(error.code), "unexpected error code: \(error)")
        precondition(!error.message.isEmpty && error.message.utf8.count < 400, "bad message: \(error.message.prefix(500))")
    }
    return 0
}
