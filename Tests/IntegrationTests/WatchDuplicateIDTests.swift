import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `--watch` and an id two files hold: the file first in path order is indexed; when it goes, the
/// other file's article takes its place, as an incremental run would have it (the watcher deleted
/// the article and left the other file unread until the next run).
@Suite(.ownThreads, .serialized) struct WatchDuplicateIDTests {
    @Test(.timeLimit(.minutes(2))) func deletingTheFileAnIDWasIndexedFromIndexesTheOtherHolder() throws {
        let setUp = try WatchedIndex(articles: 3)
        let (folder, connection) = (setUp.corpus.folder, setUp.connection)
        try WatchingIndexer.renameIntoPlace(#"{"id": "dupe", "title": "Z1", "body": "Zebra version one."}"#, at: folder + "/z1.jsonl")
        #expect(try connection.waitForMatches("zebra", ["dupe"]) != nil)
        try WatchingIndexer.renameIntoPlace(#"{"id": "dupe", "title": "Z2", "body": "Okapi version two."}"#, at: folder + "/z2.jsonl")
        usleep(1_500_000)
        #expect(try connection.exactMatches("okapi").isEmpty, "z2.jsonl comes second in path order: its article is not indexed")

        #expect(unlink(folder + "/z1.jsonl") == 0)
        #expect(try connection.waitForMatches("okapi", ["dupe"]) != nil, "the article of z2.jsonl was not indexed once z1.jsonl went")
        #expect(try connection.exactMatches("zebra").isEmpty)
        let ended = setUp.watcher.stop()
        #expect(ended.status == 0, "\(ended.stderr)")
    }
}
