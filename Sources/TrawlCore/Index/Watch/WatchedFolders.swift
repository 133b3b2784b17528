import Foundation

/// The folders `--watch` watches (every folder a scan of the root walks) and what their events
/// mean: the paths, relative to the root, that may have changed.
struct WatchedFolders {
    let root: String
    let inotify: Inotify
    /// watch number -> its folder, relative to the root ("" is the root).
    private var folders: [Int32: String] = [:]
    /// The root's own watch: when it goes, there is nothing left to watch.
    private(set) var rootWatch: Int32?
    /// Folders that could not be watched (out of inotify watches), with why; they are still
    /// indexed by the passes at start and after an overflow.
    private(set) var problems: [FileProblem] = []

    init(root: String, inotify: Inotify) {
        self.root = root
        self.inotify = inotify
    }

    /// Watches folders found by a scan (relative paths); those already watched keep their watch.
    /// Returns the folders watched only now: the scan read them before their watch began, so a
    /// file that landed in one in between has no event and is found only by reading it again.
    @discardableResult
    mutating func watch(_ relative: [String]) -> Set<String> {
        var added = Set<String>()
        for folder in relative {
            switch inotify.watch(folder.isEmpty ? root : root + "/" + folder) {
            case .success(let watch):
                if folders[watch] == nil { added.insert(folder) }
                folders[watch] = folder
                if folder.isEmpty { rootWatch = watch }
            case .failure(let failure):
                problems.append(FileProblem(path: folder.isEmpty ? "." : folder, reason: failure.description))
            }
        }
        return added
    }

    /// What the events say, after the kernel's own bookkeeping: the paths to look at again,
    /// whether events were lost (the queue overflowed), and whether the root itself went away.
    mutating func changes(in events: [Inotify.Event]) -> (paths: Set<String>, overflowed: Bool, rootGone: Bool) {
        var paths = Set<String>()
        var overflowed = false, rootGone = false
        for event in events {
            if event.has(IN_Q_OVERFLOW) { overflowed = true }
            if event.has(IN_IGNORED) {
                // The folder went (deleted, or moved out and unwatched below): its watch is gone.
                if event.watch == rootWatch { rootGone = true }
                folders[event.watch] = nil
                continue
            }
            guard let folder = folders[event.watch], let name = event.name, let path = Self.relevantPath(name, in: folder, event)
            else { continue }
            if event.has(IN_ISDIR), event.has(IN_MOVED_FROM) { unwatch(below: path) }
            paths.insert(path)
        }
        return (paths, overflowed, rootGone)
    }

    /// The path an entry's event is about, or nil when it cannot change what is indexed: hidden
    /// names (the scan passes over them, so `.name.tmp` being written is ignored), files that are
    /// not articles by their extension (`name.json.part`, `name.json~`), and a file merely
    /// created (it is looked at once closed after writing).
    private static func relevantPath(_ name: String, in folder: String, _ event: Inotify.Event) -> String? {
        guard !name.hasPrefix(".") else { return nil }
        let path = folder.isEmpty ? name : folder + "/" + name
        if event.has(IN_ISDIR) { return path }
        guard ArticleFormat(path: name) != nil, !event.has(IN_CREATE) else { return nil }
        return path
    }

    /// A folder moved out of the root keeps its watches (they follow the inode): drop them.
    private mutating func unwatch(below path: String) {
        for (watch, folder) in folders where folder == path || folder.hasPrefix(path + "/") {
            inotify.unwatch(watch)
            folders[watch] = nil
        }
    }

    /// Forgets every watch problem reported so far.
    mutating func takeProblems() -> [FileProblem] {
        defer { problems = [] }
        return problems
    }
}
