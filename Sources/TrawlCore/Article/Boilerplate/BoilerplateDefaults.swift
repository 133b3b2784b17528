/// The built-in boilerplate patterns: data, not code. Each is a case-insensitive regular
/// expression that must match a whole trimmed line in its normalised form (`'`, not `’`).
extension BoilerplateRules {
    /// Lines dropped wherever they appear: player notices, audio widgets, bare clock times,
    /// cookie-consent embeds, "Read more" teasers.
    public static let defaultDropLines: [String] = [
        #"please use chrome browser for a more accessible video player"#,
        #"listen to this article"#,
        #"loading audio\.*"#,
        #"\d{1,2}:\d{2}(:\d{2})?"#,
        #"read more:.*"#,
        #"advertisement"#,
        #"spreaker"#,
        #"this content is provided by .{1,80}, which may be using cookies and other technologies\."#,
        #"to show you this content, we need your permission to use cookies\."#,
        #"you can use the buttons below to amend your preferences to enable .{1,80} cookies"#
            + #" or to allow those cookies just once\."#,
        #"you can change your settings at any time via the privacy options\."#,
        #"unfortunately we have been unable to verify if you have consented to .{1,80} cookies\."#,
        #"to view this content you can use the button below to allow .{1,80} cookies for this session only\."#,
        // Share bars: "Share this article", "Share on WhatsApp", "Facebook Twitter Email", "Copy link".
        #"share( this)?( article| story| page| video)?( on| via| to)?"#,
        #"(share( this)?( article| story)? (on|via|to) )?"#
            + #"((facebook|twitter|x|whatsapp|linkedin|email|e-mail|messenger|pinterest|reddit|bluesky|threads|print|copy link)"#
            + #"[ ,|/\x{00B7}\x{2022}]*){1,12}"#,
        #"(copy|copied) (the )?link( to clipboard)?|link copied( to clipboard)?"#,
        // Newsletter prompts: "Sign up to our newsletter …", "Skip past newsletter promotion".
        #"(sign up|subscribe|register)( now| today| here)?( (to|for) (our|the))? .{0,60}newsletters?\b.{0,100}"#,
        #"(skip past|after) newsletter promotion|newsletter sign-?up|privacy notice: newsletters may contain .*"#,
        // Navigation that a scrape keeps as text: "Skip to content", "Menu".
        #"skip to (main )?(content|navigation)|(main )?menu"#,
        // Copyright lines: "Copyright 2025 The Associated Press. All rights reserved."
        #"((©|copyright|\(c\)) ?(\d{4} )?.{0,80})?all rights reserved\.?"#,
        // Relative times left by a scrape, not a date Trawl can place: "2 hours ago", "Yesterday at 14:05".
        #"(about )?\d{1,3} (seconds?|minutes?|mins?|hours?|hrs?|days?) ago|(today|yesterday) at \d{1,2}:\d{2}"#,
    ]

    /// Lines that start the trailing block of a page (related links, comments, tags):
    /// everything from the first such line to the end is dropped.
    public static let defaultCutFrom: [String] = [
        #"related articles"#,
        #"related stories"#,
        #"more on this story"#,
        #"(\d+ )?comments( \(\d+\))?"#,
        #"you (may|might) also like"#,
        #"explore more on these topics"#,
        #"most (read|popular|viewed)"#,
        #"hashtags"#,
        #"try our ai features"#,
    ]
}
