import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `kill -9` of `trawl-index` at many points of a rebuild and of an incremental run, while a real
/// trawld serves: not one query fails, the next run finishes and removes the debris (the writer
/// lock is free again), and every article is in the index exactly once.
@Suite(.ownThreads, .serialized) struct IndexerKillTests {
    static let articleCount = 1500

    /// Builds the corpus and generation 1, starts trawld and clients querying it.
    final class Setup {
        let scratch: Scratch
        let folder: String
        let index: String
        let corpus: ArticleCorpus
        let daemon: DaemonProcess
        let load: QueryLoad

        init() throws {
            scratch = try Scratch()
            folder = scratch.path + "/articles"
            index = scratch.path + "/index"
            corpus = ArticleCorpus(folder: folder)
            try corpus.write(0..<IndexerKillTests.articleCount, paragraphs: 4)
            let built = try runIndexer(index: index, articles: folder)
            guard built.status == 0 else { throw InspectionFailed(description: "first build failed: \(built.stderr)") }
            daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
            // Every answer must come from a whole generation: the common word is in every article.
            let minimum = IndexerKillTests.articleCount
            load = QueryLoad(
                socket: daemon.socketPath,
                requests: [
                    #"{"op":"count","q":"council"}"#, #"{"op":"search","q":"\"coming year\"","limit":5}"#,
                    #"{"op":"search","q":"marker001000x","snippet":false}"#,
                ],
                check: { answer in
                    guard let total = answer.total else { return nil }
                    return total >= minimum || answer["hits"] != nil && total == 1 ? nil : "only \(total) matches"
                })
            load.start(clients: 4)
        }

        deinit { scratch.removeQuickly("articles") }

        /// Runs trawl-index (incremental unless told), until it ends or `killWhen` says to kill it;
        /// returns what the index folder held at the moment of the kill (nil: it was not killed).
        func run(_ extra: [String], killWhen: (_ started: Date) -> Bool) throws -> (debris: [String]?, run: Finished) {
            let program = try StartedProgram(Binaries.path("trawl-index"), ["--index", index] + extra + [folder])
            let started = Date()
            while program.process.isRunning {
                if killWhen(started) {
                    let debris = IndexInspection.debris(in: index)
                    program.kill()
                    return (debris, program.finish())
                }
                usleep(2000)
            }
            return (nil, program.finish())
        }

        /// The next ordinary run completes, leaves no debris, and the daemon then serves exactly
        /// `expected` (each id once).
        func recoverAndCheck(expected: Set<String>, _ context: String) throws {
            let next = try runIndexer(index: index, articles: folder)
            #expect(next.status == 0, "\(context): the run after the kill: \(next.stderr)")
            #expect(IndexInspection.debris(in: index).isEmpty, "\(context): debris \(IndexInspection.debris(in: index))")
            let live = try #require(IndexInspection.liveGeneration(in: index))
            let served = try IndexInspection.servedIDs(
                socket: daemon.socketPath, generation: live, documents: expected.count)
            let duplicated = IndexInspection.duplicates(served.ids)
            #expect(duplicated.isEmpty, "\(context): duplicated \(duplicated.prefix(5))")
            let missing = expected.subtracting(served.ids), extra = Set(served.ids).subtracting(expected)
            #expect(
                missing.isEmpty && extra.isEmpty,
                "\(context): missing \(missing.sorted().prefix(5)), extra \(extra.sorted().prefix(5))")
            #expect(next.count("documents") == expected.count)
        }
    }

    @Test(.timeLimit(.minutes(10))) func killedRebuildsLeaveTheLiveGenerationServing() throws {
        let setup = try Setup()
        let expected = Set((0..<Self.articleCount).map(setup.corpus.name))

        // One whole rebuild, watched: when its shards, its merged generation and the switch appear.
        var firstSeen: [String: TimeInterval] = [:]
        let watchStarted = Date()
        let watched = try setup.run(["--rebuild"]) { started in
            for name in IndexInspection.debris(in: setup.index) {
                let phase = RebuildPhase(debris: name)
                if firstSeen[phase.rawValue] == nil { firstSeen[phase.rawValue] = Date().timeIntervalSince(started) }
            }
            return false
        }
        let total = Date().timeIntervalSince(watchStarted)
        #expect(watched.run.status == 0, "\(watched.run.stderr)")
        let phases = firstSeen.sorted { $0.value < $1.value }.map { "\($0.key) at \(String(format: "%.2f", $0.value)) s" }
        print("rebuild of \(Self.articleCount) articles: \(String(format: "%.2f", total)) s; first seen: \(phases)")

        // Kill points: before anything is written, at and inside each phase seen.
        var points: [(String, (Date) -> Bool)] = [("after 30 ms", { Date().timeIntervalSince($0) > 0.03 })]
        for (phase, _) in firstSeen.sorted(by: { $0.value < $1.value }) {
            points.append(("as \(phase) appears", { _ in
                IndexInspection.debris(in: setup.index).contains { RebuildPhase(debris: $0).rawValue == phase }
            }))
        }
        for fraction in [0.3, 0.6, 0.9] {
            points.append(("at \(Int(fraction * 100))% of a rebuild", { Date().timeIntervalSince($0) > total * fraction }))
        }

        var phasesHit = Set<String>()
        for (label, killWhen) in points {
            let before = IndexInspection.liveGeneration(in: setup.index)
            let killed = try setup.run(["--rebuild"], killWhen: killWhen)
            if let debris = killed.debris {
                phasesHit.formUnion(debris.map { RebuildPhase(debris: $0).rawValue })
                if debris.isEmpty {
                    phasesHit.insert(IndexInspection.liveGeneration(in: setup.index) == before ? "not started" : "switched")
                }
            }
            try setup.recoverAndCheck(expected: expected, "rebuild killed \(label) (debris: \(killed.debris ?? ["not killed"]))")
        }
        print("rebuild kills hit: \(phasesHit.sorted())")
        // The stub exists for microseconds: a kill is tried as it appears, but it need not land.
        let required = Set(firstSeen.keys).subtracting([RebuildPhase.stub.rawValue])
        #expect(!required.isEmpty && required.isSubset(of: phasesHit), "kills must land in every phase: \(phasesHit.sorted())")
        #expect(phasesHit.count >= 2, "\(phasesHit.sorted())")

        let report = setup.load.stop()
        print("queries during the kills: \(report.line)")
        #expect(report.failureCount == 0, "\(report.failures)")
        #expect(report.answered > 100)
    }

    @Test(.timeLimit(.minutes(10))) func killedIncrementalRunsLoseAndDuplicateNothing() throws {
        let setup = try Setup()
        let added = Self.articleCount..<Self.articleCount + 3800
        let edited = 0..<600
        let removed = 600..<800
        try setup.corpus.write(added, paragraphs: 4)
        try setup.corpus.write(edited, revision: 1, paragraphs: 4)
        for number in removed { try FileManager.default.removeItem(atPath: setup.folder + "/" + setup.corpus.name(number)) }
        let expected = Set((0..<added.upperBound).filter { !removed.contains($0) }.map(setup.corpus.name))

        // The run commits every 2000 articles: kill before the first commit, then after each one.
        let connection = try Connection(socketPath: setup.daemon.socketPath)
        func served() -> Int { (try? connection.requestObject(["op": "hello"]))?["documents"] as? Int ?? -1 }
        var servedAtKill: [Int] = []
        let first = try setup.run([]) { Date().timeIntervalSince($0) > 0.3 }
        servedAtKill.append(served())
        for _ in 0..<2 {
            let before = served()
            let killed = try setup.run([]) { _ in served() != before }
            #expect(killed.debris != nil, "the run ended before a commit was seen: \(killed.run.stderr)")
            servedAtKill.append(served())
        }
        print("incremental kills: articles served at each kill \(servedAtKill) (first kill \(first.debris == nil ? "missed" : "done"))")
        #expect(Set(servedAtKill).count >= 2, "kills before and after commits: \(servedAtKill)")

        try setup.recoverAndCheck(expected: expected, "incremental runs killed at \(servedAtKill)")
        let connectionAfter = try Connection(socketPath: setup.daemon.socketPath)
        for number in [edited.lowerBound, edited.upperBound - 1] {
            #expect(try connectionAfter.exactMatches(ArticleCorpus.marker(number, revision: 1)) == [setup.corpus.name(number)])
            #expect(try connectionAfter.exactMatches(ArticleCorpus.marker(number)).isEmpty, "edited \(number) is stale")
        }
        let report = setup.load.stop()
        print("queries during the kills: \(report.line)")
        #expect(report.failureCount == 0, "\(report.failures)")
    }
}

/// Which part of a rebuild an unfinished folder belongs to.
enum RebuildPhase: String {
    case shards, merging = "building", stub = "current.tmp", other

    init(debris name: String) {
        if name == "current.tmp" { self = .stub }
        else if name.hasSuffix(".shards") { self = .shards }
        else if name.hasSuffix(".building") { self = .merging }
        else { self = .other }
    }
}
