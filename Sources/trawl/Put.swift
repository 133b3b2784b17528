import ArgumentParser
import TrawlClient
import TrawlProtocol

extension Trawl {
    /// `trawl put FILE|-`: pushes articles to trawld (write access needed).
    struct Put: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put", abstract: "Store and index articles through trawld (write access).",
            discussion: """
                FILE (or - for standard input) holds one JSON article object, or JSON lines: one \
                article per line, each put on its own ("id" and "body" required; "title", "date", \
                "updated", "url", "source", "byline" optional). One line per article is printed: its id \
                and seq, or on standard error what was wrong. A put of an existing id replaces it. \
                Exit status: 0 every article stored, 1 some were not (each reported), 2 none was.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Answer only once each article is searchable (it is always durable first).") var wait = false
        @Argument(help: "A file of JSON article(s), or - for standard input.") var file: String

        /// Requests in flight on the connection at once (answers come back in order).
        static let window = 64

        func run() throws {
            let items = ArticleInput.items(in: try ArticleInput.read(file))
            guard !items.isEmpty else { throw CLIError("\(file) holds no article") }
            let daemon = try connection.connect()
            var stored = 0
            var sent: [ArticleInput.Item] = []  // answers still to read, in order
            for item in items {
                switch item.article {
                case .failure(let error): report(item, error.code.rawValue, error.message)
                case .success(let article):
                    try daemon.sendRequest(.put(PutRequest(article: article, wait: wait)))
                    sent.append(item)
                }
                if sent.count >= Self.window, try readAnswer(daemon, for: sent.removeFirst()) { stored += 1 }
            }
            while !sent.isEmpty {
                if try readAnswer(daemon, for: sent.removeFirst()) { stored += 1 }
            }
            if stored == items.count { return }
            throw ExitCode(stored == 0 ? 2 : 1)
        }

        /// Reads one answer; true when the article was stored.
        private func readAnswer(_ daemon: Connection, for item: ArticleInput.Item) throws -> Bool {
            let response = try daemon.readResponse()
            if let (code, message) = ResponseLine.error(in: response) {
                report(item, code, message)
                return false
            }
            let put = WriteResponse(reading: response)
            print("\(put.article)\tseq \(put.seq)")
            return true
        }

        private func report(_ item: ArticleInput.Item, _ code: String, _ message: String) {
            Diagnostics.note("\(file):\(item.line): \(code): \(message)")
        }
    }

    /// `trawl delete ID`: removes a pushed article (write access needed).
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Remove an article pushed with put (write access).",
            discussion: "Exit status: 0 deleted, 1 no article of that id, 2 error (an article from a file is refused: remove the file).")

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Answer only once searches no longer find it.") var wait = false
        @Argument(help: "The article id (after -- when it starts with -).") var id: String

        func run() throws {
            let response = WriteResponse(reading: try connection.call(.delete(DeleteRequest(article: id, wait: wait))))
            guard response.deleted == true else {
                Diagnostics.note("no article \(id)")
                throw ExitCode(1)
            }
            print("deleted \(response.article)\tseq \(response.seq)")
        }
    }
}

extension Connection {
    /// Sends one request without waiting for its answer (pipelining).
    func sendRequest(_ request: Request) throws {
        do { try send(line: String(decoding: Envelope(request: request).encoded().dropLast(), as: UTF8.self)) } catch {
            throw CLIError(error.description)
        }
    }

    /// Reads the next answer as a JSON value.
    func readResponse() throws -> WireValue {
        do {
            let line = try readLine()
            return try WireJSONParser.parse(line)
        } catch {
            throw CLIError("cannot read trawld's answer: \(error)")
        }
    }
}
