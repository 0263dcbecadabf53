#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread through procfs, for `top -H` and the tests that look for it:
/// Foundation's `Thread.name` does not reliably reach the kernel on Linux.
public enum ThreadName {
    /// Sets the calling thread's name (the kernel keeps its first 15 bytes).
    public static func set(_ name: String) {
        let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard comm >= 0 else { return }
        _ = Array(name.utf8.prefix(15)).withUnsafeBytes { write(comm, $0.baseAddress, $0.count) }
        close(comm)
    }
}
