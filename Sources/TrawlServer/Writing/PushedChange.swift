import TrawlProtocol

/// One write asked for over the socket, as the writer thread takes it.
enum PushedChange: Sendable {
    case put(PushedArticle)
    case delete(id: String)

    var id: String {
        switch self {
        case .put(let article): article.id
        case .delete(let id): id
        }
    }
}

/// What a committed change answers: the change counter after its batch, and for a delete
/// whether there was an article to remove.
struct CommittedChange: Sendable, Equatable {
    var seq: Int
    var deleted = false
}
