/// `hello`: who is serving, and what.
public struct HelloResponse: ResponseBody, Equatable {
    public var server = "trawld"
    public var version = TrawlVersion.string
    public var `protocol` = TrawlVersion.wireProtocol
    public var generation: Int
    public var documents: Int
    /// Protocol 1.1: clients test for ops, not versions.
    public var ops: [String] = Op.allCases.map(\.rawValue)
    /// A sharded index's shards (empty otherwise).
    public var shards: [ShardStatus]

    public init(generation: Int, documents: Int, shards: [ShardStatus] = []) {
        self.generation = generation
        self.documents = documents
        self.shards = shards
    }

    public func write(into json: inout JSONWriter) {
        json.field(Keys.server, server)
        json.field(Keys.version, version)
        json.field(Keys.protocol, `protocol`)
        json.field(Keys.generation, generation)
        json.field(Keys.documents, documents)
        json.key(Keys.ops)
        json.array { json in ops.forEach { json.string($0) } }
        ShardStatus.write(shards, into: &json)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        generation = fields.int(Keys.generation) ?? 0
        documents = fields.int(Keys.documents) ?? 0
        server = fields.text(Keys.server) ?? ""
        version = fields.text(Keys.version) ?? ""
        `protocol` = fields.int(Keys.protocol) ?? 0
        ops = (fields.array(Keys.ops) ?? []).compactMap(\.text)
        shards = ShardStatus.read(&fields)
    }
}

/// `reload`: the generation now served.
public struct ReloadResponse: ResponseBody, Equatable {
    public var generation: Int
    public var documents: Int

    public init(generation: Int, documents: Int) {
        self.generation = generation
        self.documents = documents
    }

    public func write(into json: inout JSONWriter) {
        json.field(Keys.generation, generation)
        json.field(Keys.documents, documents)
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        generation = fields.int(Keys.generation) ?? 0
        documents = fields.int(Keys.documents) ?? 0
    }
}
