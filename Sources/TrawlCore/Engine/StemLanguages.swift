import CXapian

/// The stemmer names `search.stemming` accepts: the languages this Xapian knows, and `none`.
public enum StemLanguages {
    public static let names: [String] =
        String(cString: tx_stem_languages()).split(separator: " ").map(String.init) + ["none"]
}
