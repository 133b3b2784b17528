import TrawlCommandLine

/// Notes for the reader on stderr, so that what scripts read on stdout stays data.
enum Diagnostics {
    static func note(_ text: String) { StandardError.writeLine("trawl: " + text) }
}
