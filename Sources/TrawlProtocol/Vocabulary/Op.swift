/// The protocol's ops, by wire name: the registry `hello` lists and the decoder dispatches on.
public enum Op: String, Sendable, CaseIterable {
    case ping, hello, search, count, get, stats, reload
    case histogram, similar
    case put, delete
    case subscribe, unsubscribe
}
