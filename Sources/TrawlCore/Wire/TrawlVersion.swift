/// Version numbers shared by the daemon and its clients.
public enum TrawlVersion {
    /// The release of the Trawl programs (`trawld --version`, `hello`'s `version`).
    public static let string = "0.1.0"
    /// The wire protocol version this build speaks (`hello`'s `protocol`).
    public static let wireProtocol = 1
}
