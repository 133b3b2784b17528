import Logging
import Synchronization
import TrawlCore
import TrawlProtocol

/// Every live subscription of the daemon (PROTOCOL Additions, "subscribe"): what each one matches,
/// the connection its events go to, and the change number it has been matched through. The matcher
/// reads them (`behind`) and hands back what it found (`deliver`); connections add and end them.
final class SubscriptionHub: Sendable {
    struct Subscription: Sendable {
        let id: String
        let query: SearchQuery
        let outbox: EventOutbox
        /// Opens once the `subscribe` answer is written: its events come after it.
        let started: Turn
        /// Matched (and its events queued) through this change number.
        var through: UInt64
    }

    /// What the matcher works on: a subscription's query and where it stands.
    struct Pending: Sendable {
        let id: String
        let query: SearchQuery
        let through: UInt64
    }

    private struct State {
        var subscriptions: [String: Subscription] = [:]
        var next = 1
    }

    private let state = Mutex(State())
    /// Each connection's limit on events waiting for it (`limits.subscription_backlog_bytes`).
    let backlogBytes: Int
    let logger: Logger

    init(backlogBytes: Int, logger: Logger) {
        self.backlogBytes = backlogBytes
        self.logger = logger
    }

    /// A new connection's outbox.
    func makeOutbox() -> EventOutbox { EventOutbox(backlogBytes: backlogBytes) }

    var isEmpty: Bool { state.withLock { $0.subscriptions.isEmpty } }

    /// Registers a subscription; returns its id.
    func add(query: SearchQuery, outbox: EventOutbox, started: Turn, through: UInt64) -> String {
        state.withLock { state in
            let id = "s\(state.next)"
            state.next += 1
            state.subscriptions[id] = Subscription(id: id, query: query, outbox: outbox, started: started, through: through)
            return id
        }
    }

    /// Ends one subscription of this connection; false when it has none by that id.
    func remove(_ id: String, of outbox: EventOutbox) -> Bool {
        let removed = state.withLock { state -> Bool in
            guard state.subscriptions[id]?.outbox === outbox else { return false }
            state.subscriptions[id] = nil
            return true
        }
        if removed { outbox.discard(subscription: id) }
        return removed
    }

    /// Ends every subscription of a connection that closed.
    func removeAll(of outbox: EventOutbox) {
        state.withLock { state in state.subscriptions = state.subscriptions.filter { $0.value.outbox !== outbox } }
    }

    /// The subscriptions not yet matched through `last`.
    func behind(_ last: UInt64) -> [Pending] {
        state.withLock { state in
            state.subscriptions.values.filter { $0.through < last }.map { Pending(id: $0.id, query: $0.query, through: $0.through) }
        }
    }

    /// Queues the events of what a subscription matched up to `through`, in change order. A
    /// connection whose backlog is full loses the subscription: an error event says so and from
    /// which change to resume.
    func deliver(_ changes: [Change], to id: String, through: UInt64) {
        state.withLock { state in
            guard var subscription = state.subscriptions[id], subscription.through < through else { return }
            for change in changes where change.seq > subscription.through {
                let line = SubscriptionEvent.hit(subscription: id, seq: change.seq, hit: change.hit).encoded()
                guard subscription.outbox.offer(line, subscription: id, after: subscription.started) else {
                    state.subscriptions[id] = nil
                    drop(subscription)
                    return
                }
                subscription.through = change.seq
            }
            subscription.through = through
            state.subscriptions[id] = subscription
        }
    }

    private func drop(_ subscription: Subscription) {
        let message =
            "the connection did not read its events: more than \(subscription.outbox.backlogBytes) bytes were waiting "
            + "(limits.subscription_backlog_bytes); the subscription is ended: subscribe again with "
            + "\(Keys.sinceSeq) \(subscription.through) to get what followed"
        logger.warning("dropped a subscription whose client did not keep up", metadata: ["subscription": "\(subscription.id)"])
        let event = SubscriptionEvent.error(subscription: subscription.id, code: .overloaded, message: message)
        subscription.outbox.force(event.encoded(), subscription: subscription.id, after: subscription.started)
    }
}
