/// A user's text as error messages show it.
public enum UserText {
    /// In quotes, cut short: a message must not echo a megabyte back.
    public static func quoted(_ text: String) -> String { "\"\(shortened(text))\"" }

    /// The first 40 characters, and "…" when there were more.
    public static func shortened(_ text: String) -> String {
        text.count <= 40 ? text : text.prefix(40) + "…"
    }
}
