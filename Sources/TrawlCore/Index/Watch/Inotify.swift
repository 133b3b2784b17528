import Foundation

/// The kernel's file events (inotify) for `--watch`, and a pipe that wakes the wait when the
/// watcher is told to stop. Watches are per folder (inotify is not recursive).
final class Inotify: Sendable {
    struct Event {
        var watch: Int32
        var mask: UInt32
        /// The entry's name inside the watched folder; nil for events about the folder itself.
        /// Bytes that are not UTF-8 are kept as `\xHH`, as the scan reports them.
        var name: String?

        func has(_ flag: Int32) -> Bool { mask & UInt32(bitPattern: flag) != 0 }
    }

    /// What each folder is watched for: files closed after writing or moved in (never one still
    /// being written), entries moved out or deleted, folders created, the folder itself gone.
    static let folderEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_DELETE_SELF)

    private let fd: Int32
    /// The pipe's ends: `interrupt` writes a byte, `wait` reads them.
    private let wake: Int32
    private let wakeWriter: Int32

    init() throws(POSIXFailure) {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw POSIXFailure("cannot start watching (inotify)") }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(fd)
            throw POSIXFailure("cannot start watching (pipe)")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        (wake, wakeWriter) = (ends[0], ends[1])
    }

    deinit {
        close(fd)
        close(wake)
        close(wakeWriter)
    }

    /// Watches one folder; the watch's number, or the failure (ENOSPC: fs.inotify.max_user_watches).
    func watch(_ path: String) -> Result<Int32, POSIXFailure> {
        let watch = inotify_add_watch(fd, path, Self.folderEvents)
        return watch >= 0 ? .success(watch) : .failure(POSIXFailure("cannot watch \(path)"))
    }

    func unwatch(_ watch: Int32) { _ = inotify_rm_watch(fd, watch) }

    /// Makes a `wait` in progress (or the next one) return at once. Safe from any thread.
    func interrupt() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Waits up to `milliseconds` (-1: no limit) for events and returns them; empty after the time
    /// or an `interrupt`.
    func wait(milliseconds: Int32) -> [Event] {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 2, milliseconds) > 0 else { return [] }
        if fds[1].revents != 0 {
            var bytes = [UInt8](repeating: 0, count: 64)
            _ = read(wake, &bytes, bytes.count)
        }
        return readEvents()
    }

    /// Everything queued now (the descriptor does not block).
    private func readEvents() -> [Event] {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return events }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                // struct inotify_event: int wd; uint32_t mask, cookie, len; char name[len] (NUL-padded).
                while offset + 16 <= count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let bytes = raw[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                    let name = bytes.isEmpty ? nil : ArticleBytes.escapingInvalidUTF8(Array(bytes))
                    events.append(Event(watch: watch, mask: mask, name: name))
                    offset += 16 + length
                }
            }
        }
    }
}
