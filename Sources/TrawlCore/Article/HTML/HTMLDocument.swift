/// What one pass over an HTML page's tokens collects: `<meta>` values, the title, the first
/// `<h1>` and `<time datetime>`, and the visible text of `<article>`, `<main>` and `<body>`.
struct HTMLDocument {
    /// `<meta property|name=… content=…>`, first value per lower-cased key; `canonical` from `<link>`.
    private(set) var meta: [String: String] = [:]
    private(set) var title: String?
    private(set) var firstHeading: String?
    private(set) var timeAttribute: String?
    /// The text of each `<time datetime>`: a date the attribute gives exactly, not body text.
    private(set) var timeTexts: [String] = []
    /// The content of each `<script type="application/ld+json">`.
    private(set) var jsonLDScripts: [String] = []
    /// Each `<article>` element (outermost ones only): its text, and whether the page's first
    /// `<h1>` is inside it.
    private(set) var articles: [(text: String, holdsHeading: Bool)] = []
    private(set) var main = HTMLTextBuffer()
    private(set) var body = HTMLTextBuffer()

    private var stack: [String] = []
    private var openCounts: [String: Int] = [:]
    private var hiddenDepth = 0
    private var articleDepth = 0
    private var mainDepth = 0
    private var preDepth = 0
    private var article = HTMLTextBuffer()
    private var articleHoldsHeading = false
    private var heading: HTMLTextBuffer?
    private var titleText: HTMLTextBuffer?
    private var timeText: HTMLTextBuffer?
    private var jsonLD: String?

    /// Elements whose content is never article text.
    private static let hidden: Set<String> = [
        "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg",
        "iframe", "head", "title", "button", "select", "object", "canvas", "math",
    ]
    private static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    ]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "blockquote",
        "article", "main", "header", "footer", "ul", "ol", "dl", "dt", "dd", "table", "figure", "figcaption",
        "pre", "hr", "address", "aside", "nav", "form", "caption", "details", "summary",
    ]

    init(tokens: [HTMLToken]) {
        for token in tokens {
            switch token {
            case let .start(name, attributes, selfClosing): open(name, attributes, selfClosing: selfClosing)
            case .end(let name): close(name)
            case .text(let text): addText(text)
            }
        }
        while let name = stack.last { pop(name) }   // unclosed elements end with the document
    }

    private mutating func open(_ name: String, _ attributes: [String: String], selfClosing: Bool) {
        readMetadata(name, attributes)
        if Self.blocks.contains(name) { lineBreak() }
        guard !Self.void.contains(name) && !selfClosing else { return }
        stack.append(name)
        openCounts[name, default: 0] += 1
        if Self.hidden.contains(name) { hiddenDepth += 1 }
        switch name {
        case "article": articleDepth += 1
        case "main": mainDepth += 1
        case "pre": preDepth += 1
        case "h1" where firstHeading == nil && heading == nil:
            heading = HTMLTextBuffer()
            if articleDepth > 0 { articleHoldsHeading = true }
        case "title" where title == nil && titleText == nil: titleText = HTMLTextBuffer()
        case "time" where attributes["datetime"] != nil && timeText == nil: timeText = HTMLTextBuffer()
        case "script" where HTMLTokenizer.isJSONLD(attributes["type"]): jsonLD = ""
        default: break
        }
    }

    /// Closes the innermost open `name` and everything opened inside it; stray end tags are ignored.
    private mutating func close(_ name: String) {
        guard openCounts[name, default: 0] > 0 else {
            if Self.blocks.contains(name) { lineBreak() }    // `</p>` without `<p>`, `</br>`
            return
        }
        while let top = stack.last {
            pop(top)
            if top == name { break }
        }
    }

    private mutating func pop(_ name: String) {
        stack.removeLast()
        openCounts[name, default: 1] -= 1
        if Self.hidden.contains(name) { hiddenDepth -= 1 }
        if Self.blocks.contains(name) { lineBreak() }
        switch name {
        case "article":
            articleDepth -= 1
            if articleDepth == 0 {
                if !article.isEmpty { articles.append((article.text, articleHoldsHeading)) }
                article = HTMLTextBuffer()
                articleHoldsHeading = false
            }
        case "main": mainDepth -= 1
        case "pre": preDepth -= 1
        case "h1" where heading != nil && openCounts["h1", default: 0] == 0:
            firstHeading = heading.map { String($0.text.trimmingBlanks()) }
            heading = nil
        case "title" where titleText != nil:
            title = titleText.map { String($0.text.trimmingBlanks()) }
            titleText = nil
        case "time" where timeText != nil && openCounts["time", default: 0] == 0:
            if let text = timeText.map({ String($0.text.trimmingBlanks()) }), !text.isEmpty { timeTexts.append(text) }
            timeText = nil
        case "script" where jsonLD != nil:
            if let script = jsonLD { jsonLDScripts.append(script) }
            jsonLD = nil
        default: break
        }
    }

    private mutating func addText(_ text: String) {
        if jsonLD != nil {
            jsonLD? += text
            return
        }
        titleText?.append(text, preformatted: false)
        timeText?.append(text, preformatted: false)
        heading?.append(text, preformatted: false)
        guard hiddenDepth == 0 else { return }
        let pre = preDepth > 0
        body.append(text, preformatted: pre)
        if mainDepth > 0 { main.append(text, preformatted: pre) }
        if articleDepth > 0 { article.append(text, preformatted: pre) }
    }

    private mutating func lineBreak() {
        guard hiddenDepth == 0 else { return }
        body.lineBreak()
        if mainDepth > 0 { main.lineBreak() }
        if articleDepth > 0 { article.lineBreak() }
    }

    private mutating func readMetadata(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "meta":
            guard let key = attributes["property"] ?? attributes["name"] ?? attributes["itemprop"],
                  let content = attributes["content"]
            else { return }
            if meta[key.lowercased()] == nil { meta[key.lowercased()] = content }
        case "link":
            let rel = attributes["rel"]?.lowercased().split(separator: " ") ?? []
            if rel.contains("canonical"), let href = attributes["href"], meta["canonical"] == nil {
                meta["canonical"] = href
            }
        case "time":
            if timeAttribute == nil { timeAttribute = attributes["datetime"] }
        default:
            break
        }
    }
}
