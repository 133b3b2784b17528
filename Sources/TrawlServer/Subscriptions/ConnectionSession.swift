/// What a request knows of the connection it came on, for the ops that live as long as the
/// connection (`subscribe`): where its events go, and the turn that opens once this request's
/// answer is written (no event of a subscription goes out before the answer that started it).
struct ConnectionSession: Sendable {
    let outbox: EventOutbox
    let answered: Turn
}
