import Logging
import NIOCore
import TrawlCore
import TrawlProtocol

/// Answers request lines: decodes one, runs its op (index work on the worker pool, never on
/// an event loop), encodes the answer, and records it in the stats and the debug log.
struct RequestDispatcher: Sendable {
    let decoder: RequestDecoder
    /// How plain words combine when a request does not say (`search.default_operator`).
    let defaultOperator: DefaultOperator
    let pool: WorkerPool
    let stats: ServerStats
    /// Per-request time budget (queue wait plus engine time); nil for none.
    let budget: Duration?
    /// The index folder, as `stats` reports it.
    let indexPath: String
    /// `put` and `delete`.
    let writes: Writes
    let logger: Logger
    /// Every connection's subscriptions.
    let subscriptions: SubscriptionHub

    /// The answer line for one request line (`\n` included) from `peer`. `session`: the connection
    /// it came on (needed by `subscribe` and `unsubscribe`). `order`: where it stands among the
    /// connection's pipelined requests (`WriteOrder`).
    func answer(
        _ line: ByteBuffer, peer: PeerCredentials?, session: ConnectionSession? = nil, order: WriteOrder? = nil
    ) async -> [UInt8] {
        let received = ContinuousClock.now
        defer { order?.done() }
        let decoded = line.withUnsafeReadableBytes { bytes in
            Result { () throws(ProtocolError) in try decoder.decode(bytes) }
        }
        let outcome: Result<[UInt8], ProtocolError>
        var op = "?"
        var id: RequestID?
        switch decoded {
        case .success(let envelope):
            op = envelope.request.op.rawValue
            id = envelope.id
            await order?.start(writing: Self.writes(envelope.request))
            outcome = await execute(envelope, received: received, peer: peer, session: session)
        case .failure(let failure):
            id = failure.id
            outcome = .failure(failure)
        }
        let milliseconds = Self.milliseconds(since: received)
        stats.recordRequest(milliseconds: milliseconds, failed: (try? outcome.get()) == nil)
        switch outcome {
        case .success(let bytes):
            logger.debug("request", metadata: Self.metadata(op, id, "ok", milliseconds))
            return bytes
        case .failure(var failure):
            failure.id = id
            let metadata = Self.metadata(op, id, failure.code.rawValue, milliseconds)
            if failure.code == .internal {
                logger.error("request failed: \(failure.message)", metadata: metadata)
            } else {
                logger.debug("request", metadata: metadata)
            }
            return ResponseLine.failure(failure)
        }
    }

    /// Runs one decoded request.
    func execute(
        _ envelope: Envelope, received: ContinuousClock.Instant, peer: PeerCredentials?, session: ConnectionSession? = nil
    ) async -> Result<[UInt8], ProtocolError> {
        let id = envelope.id
        do throws(ProtocolError) {
            switch envelope.request {
            case .ping: return .success(ResponseLine.pong(id: id))
            case .hello: return .success(try await hello(id: id))
            case .search(let request): return .success(try await search(request, id: id, received: received))
            case .count(let request): return .success(try await count(request, id: id, received: received))
            case .get(let request): return .success(try await get(request, id: id))
            case .stats: return .success(try await statistics(id: id))
            case .reload: return .success(try await reload(id: id))
            case .histogram(let request): return .success(try await histogram(request, id: id, received: received))
            case .similar(let request): return .success(try await similar(request, id: id, received: received))
            case .put(let request): return .success(try await put(request, id: id, peer: peer))
            case .delete(let request): return .success(try await delete(request, id: id, peer: peer))
            case .subscribe(let request): return .success(try await subscribe(request, id: id, session: session))
            case .unsubscribe(let request): return .success(try unsubscribe(request, id: id, session: session))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Whether the request writes the index (`put`, `delete`): later requests of its connection wait for it.
    private static func writes(_ request: Request) -> Bool {
        switch request {
        case .put, .delete: true
        default: false
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func metadata(_ op: String, _ id: RequestID?, _ outcome: String, _ ms: Double) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["op": "\(op)", "outcome": "\(outcome)", "ms": "\((ms * 1000).rounded() / 1000)"]
        switch id {
        case .string(let text): metadata[Keys.id] = "\(text)"
        case .number(let literal): metadata[Keys.id] = "\(literal)"
        case nil: break
        }
        return metadata
    }
}

extension Duration {
    /// In seconds, as the engine's time limit takes it.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
