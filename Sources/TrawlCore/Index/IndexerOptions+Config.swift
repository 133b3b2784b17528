extension IndexerOptions {
    /// The options the settings give: how articles are read and where they are indexed. Both
    /// writers of the index take them from here (`trawl-index`, and `trawld` for pushed
    /// articles), so a pushed article is read exactly as a file is. Throws for bad boilerplate patterns.
    public init(config: TrawlConfig) throws(ConfigError) {
        self.init(indexRoot: config.indexPath, articlesRoot: config.articlesRoot)
        stemLanguage = config.stemLanguage
        synonymsFile = config.synonymsFile
        maxDeleteShare = config.maxDeleteShare
        storyWindowDays = config.storyWindowDays
        minimumRoom = Int64(config.ingestMinFreeMB) << 20
        writers = config.indexWriters
        shards = config.indexShards
        timeZone = config.indexTimeZone
        do {
            boilerplate = try BoilerplateRules(dropLines: config.boilerplateDropLines, cutFrom: config.boilerplateCutFrom)
        } catch {
            throw ConfigError("boilerplate patterns in the config: \(error)")
        }
    }
}
