/// Version numbers shared by the daemon and its clients: here, in the wire module, because all
/// three programs link it (the client links neither TrawlCore nor Foundation).
public enum TrawlVersion {
    /// The release of the Trawl programs (`trawld --version`, `hello`'s `version`).
    public static let string = "0.1.0"
    /// The wire protocol version this build speaks (`hello`'s `protocol`).
    public static let wireProtocol = 1
}
