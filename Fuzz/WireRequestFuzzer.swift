// libFuzzer target: one request line through the protocol's decoder (RequestDecoder and
// WireJSONParser), both in TrawlProtocol, which Fuzz/build compiles as a module of its own.
import TrawlProtocol

/// Every input must decode to a request that encodes back to itself, or fail with one of the
/// client error codes; anything else (a trap, a hang, another code) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let decoder = RequestDecoder()
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
