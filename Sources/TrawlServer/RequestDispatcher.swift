import Logging
import NIOCore
import TrawlCore
import TrawlProtocol

/// Answers request lines: decodes one, runs its op (index work on the worker pool, never on
/// an event loop), encodes the answer, and records it in the stats and the debug log.
///
/// NOTE: no task per request: a request decoded on its event loop goes straight to a worker
/// thread as a job, and the job's answer straight back (a task cost each request tens of µs of
/// executor hops and bookkeeping; see docs/measurements/socket-cost.md).
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

    /// Starts answering one request line (`\n` excluded) from `peer`; `reply` gets the answer line
    /// (`\n` included) once: at once for what needs no engine work (`ping`, a malformed line), on a
    /// worker thread for index work, from a task for the ops that wait on the writer or a worker
    /// in between (`put`, `delete`, `subscribe`). `session`: the connection the line came on, asked
    /// for only by the ops that live as long as it (`subscribe`, `unsubscribe`).
    func answer(
        _ line: ByteBuffer, peer: PeerCredentials?, session: () -> ConnectionSession?,
        reply: @escaping @Sendable ([UInt8]) -> Void
    ) {
        let received = ContinuousClock.now
        let decoded = line.withUnsafeReadableBytes { bytes in
            Result { () throws(ProtocolError) in try decoder.decode(bytes) }
        }
        let envelope: Envelope
        switch decoded {
        case .success(let decoded): envelope = decoded
        case .failure(let failure):
            reply(finished(.failure(failure), op: "?", id: failure.id, received: received))
            return
        }
        let done: @Sendable (Result<[UInt8], ProtocolError>) -> Void = { [self] outcome in
            reply(finished(outcome, op: envelope.request.op.rawValue, id: envelope.id, received: received))
        }
        let work: Work
        do throws(ProtocolError) {
            work = try plan(envelope, received: received, peer: peer, session: session)
        } catch {
            return done(.failure(error))
        }
        switch work {
        case .ready(let bytes):
            done(.success(bytes))
        case .onWorker(let job):
            pool.submit(budget: budget, job, then: done)
        case .task(let job):
            Task {
                do throws(ProtocolError) { done(.success(try await job())) } catch { done(.failure(error)) }
            }
        }
    }

    /// How one decoded request is answered.
    func plan(
        _ envelope: Envelope, received: ContinuousClock.Instant, peer: PeerCredentials?, session: () -> ConnectionSession?
    ) throws(ProtocolError) -> Work {
        let id = envelope.id
        switch envelope.request {
        case .ping: return .ready(ResponseLine.pong(id: id))
        case .hello: return hello(id: id)
        case .search(let request): return search(request, id: id, received: received)
        case .count(let request): return count(request, id: id, received: received)
        case .get(let request): return get(request, id: id)
        case .stats: return statistics(id: id)
        case .reload: return reload(id: id)
        case .histogram(let request): return histogram(request, id: id, received: received)
        case .similar(let request): return similar(request, id: id, received: received)
        case .put(let request): return try put(request, id: id, peer: peer)
        case .delete(let request): return try delete(request, id: id, peer: peer)
        case .subscribe(let request): return try subscribe(request, id: id, session: session())
        case .unsubscribe(let request): return try unsubscribe(request, id: id, session: session())
        }
    }

    /// The answer line for an outcome, recorded in the stats and the debug log.
    private func finished(
        _ outcome: Result<[UInt8], ProtocolError>, op: String, id: RequestID?, received: ContinuousClock.Instant
    ) -> [UInt8] {
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

/// How a decoded request is answered.
enum Work: Sendable {
    /// Known at once, with no engine work (`ping`, `unsubscribe`).
    case ready([UInt8])
    /// Index work on a worker thread; it gets the worker's index and what is left of the budget.
    case onWorker(@Sendable (WorkerIndex, Duration?) throws(ProtocolError) -> [UInt8])
    /// Work that waits on something else (the writer, a worker between two steps): a task.
    case task(@Sendable () async throws(ProtocolError) -> [UInt8])
}
