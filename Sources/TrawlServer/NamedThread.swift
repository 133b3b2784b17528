import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts one of the daemon's own threads, named where operators and tests look (`top -H`,
/// `ps -L`, /proc/PID/task/*/comm). Foundation's `Thread.name` reaches the kernel only when set on
/// the running thread after `start()` has recorded it, which a thread scheduled at once can run
/// before: on a busy machine the matcher's thread kept the name of the pool thread that made it.
/// So each thread names itself before its body runs.
enum NamedThread {
    static func start(_ name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            nameCallingThread(name)
            body()
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Through /proc/thread-self/comm (`pthread_setname_np` does the same, but Swift's Glibc module
    /// does not export it); the kernel keeps 15 bytes of the name.
    private static func nameCallingThread(_ name: String) {
        #if os(Linux)
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        defer { close(file) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        #endif
    }
}
