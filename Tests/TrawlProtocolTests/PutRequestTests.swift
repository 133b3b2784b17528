import Testing
import TrawlProtocol
import TrawlTestSupport

/// `put` and `delete` on the wire: what a client encodes the decoder gives back, the answers
/// read back as written, and a malformed article is refused naming its field.
@Suite(.ownThreads) struct PutRequestTests {
    static func decode(_ line: String) throws(ProtocolError) -> Request {
        try RequestDecoder().decode(Array(line.utf8)).request
    }

    @Test func requestsAndAnswersRoundTrip() throws {
        let article = PushedArticle(
            id: "wire/1 é", body: "Text \"quoted\"\nnext", title: "T", date: "2026-11-30", url: "https://x.example/1",
            source: "wire", byline: "A")
        for request in [Request.put(PutRequest(article: article, wait: true)), .put(PutRequest(article: PushedArticle(id: "b", body: "x"))),
            .delete(DeleteRequest(article: "wire/1", wait: true))]
        {
            let line = String(decoding: Envelope(request: request).encoded().dropLast(), as: UTF8.self)
            #expect(try Self.decode(line) == request)
        }
        let put = WriteResponse(article: "wire/1", seq: 42)
        let deleted = WriteResponse(article: "wire/1", seq: 43, deleted: false)
        #expect(WriteResponse(reading: put.jsonValue) == put && WriteResponse(reading: deleted.jsonValue) == deleted)
    }

    @Test(arguments: [
        (#"{"op":"put"}"#, "article is required"),
        (#"{"op":"put","article":"x"}"#, "article must be an object"),
        (#"{"op":"put","article":{"body":"b"}}"#, "article.id is required"),
        (#"{"op":"put","article":{"id":"","body":"b"}}"#, "article.id is empty"),
        (#"{"op":"put","article":{"id":"a\tb","body":"b"}}"#, "article.id holds the control character U+9"),
        (#"{"op":"put","article":{"id":"a "," body":"b"}}"#, "article. body is not an article field"),
        (#"{"op":"put","article":{"id":"a","body":7}}"#, "article.body must be a string"),
        (#"{"op":"put","article":{"id":"a","body":"b","date":2026}}"#, "article.date must be a string"),
        (#"{"op":"put","article":{"id":"a","body":"b"},"wait":1}"#, "wait must be true or false"),
        (#"{"op":"delete"}"#, "article is required"),
    ])
    func malformedRequestsNameTheField(line: String, message: String) {
        let error = #expect(throws: ProtocolError.self) { try Self.decode(line) }
        #expect(error?.code == .badRequest && error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }
}
