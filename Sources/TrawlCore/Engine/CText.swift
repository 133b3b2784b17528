import CXapian
import Foundation

/// Passes Swift strings to the shim as (pointer, length) pairs, valid only inside `body`.
/// All strings are copied into one contiguous buffer: one allocation per call, and the
/// pointers stay valid for the whole call whatever the strings' own storage is.
func withTexts<R>(_ strings: [String?], _ body: ([tx_text]) throws(TrawlError) -> R) throws(TrawlError) -> R {
    var storage: [UInt8] = []
    storage.reserveCapacity(strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 })
    var ranges: [Range<Int>?] = []
    ranges.reserveCapacity(strings.count)
    for string in strings {
        guard let string else {
            ranges.append(nil)
            continue
        }
        let start = storage.count
        storage.append(contentsOf: string.utf8)
        ranges.append(start..<storage.count)
        storage.append(0)
    }
    storage.append(0)  // never empty, so baseAddress is never nil
    return try storage.withUnsafeBufferPointer { buffer throws(TrawlError) -> R in
        let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        let texts = ranges.map { range in
            range.map { tx_text(ptr: base + $0.lowerBound, len: $0.count) } ?? tx_text(ptr: nil, len: 0)
        }
        return try body(texts)
    }
}

/// One string as a `tx_text`.
func withText<R>(_ string: String?, _ body: (tx_text) throws(TrawlError) -> R) throws(TrawlError) -> R {
    try withTexts([string]) { texts throws(TrawlError) in try body(texts[0]) }
}

/// Copies (pointer, length) bytes into a String, replacing invalid UTF-8.
func string(from pointer: UnsafePointer<CChar>?, length: Int) -> String {
    guard let pointer, length > 0 else { return "" }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}

/// Takes ownership of a malloc'd shim string.
func takeString(_ pointer: UnsafeMutablePointer<CChar>?, length: Int) -> String {
    defer { tx_string_free(pointer) }
    return string(from: pointer.map { UnsafePointer($0) }, length: length)
}

/// Passes Swift strings to the shim as a C array of NUL-terminated strings, valid only inside `body`.
func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>, Int) throws(TrawlError) -> R
) throws(TrawlError) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { buffer throws(TrawlError) -> R in try body(buffer.baseAddress!, buffer.count) }
}

/// Passes shard endpoints to the shim as `tx_shard_spec`s, valid only inside `body`.
func withShardSpecs<R>(
    _ servers: [ShardServer], _ body: (UnsafePointer<tx_shard_spec>, Int) throws(TrawlError) -> R
) throws(TrawlError) -> R {
    typealias Copy = (path: UnsafeMutablePointer<CChar>?, host: UnsafeMutablePointer<CChar>?, port: UInt32,
                      program: UnsafeMutablePointer<CChar>?, args: UnsafeMutablePointer<CChar>?)
    let copies = servers.map { server -> Copy in
        switch server.endpoint {
        case .local(let path): (strdup(path), nil, 0, nil, nil)
        case .remote(let host, let port): (nil, strdup(host), UInt32(port), nil, nil)
        case .program(let program, let arguments): (nil, nil, 0, strdup(program), strdup(arguments))
        }
    }
    defer { copies.forEach { free($0.path); free($0.host); free($0.program); free($0.args) } }
    let borrowed = { (pointer: UnsafeMutablePointer<CChar>?) in pointer.map { UnsafePointer($0) } }
    let specs = zip(copies, servers).map { copy, server in
        tx_shard_spec(
            path: borrowed(copy.path), host: borrowed(copy.host), port: copy.port, program: borrowed(copy.program),
            args: borrowed(copy.args), shard: UInt32(server.shard))
    }
    return try specs.withUnsafeBufferPointer { buffer throws(TrawlError) -> R in try body(buffer.baseAddress!, buffer.count) }
}
