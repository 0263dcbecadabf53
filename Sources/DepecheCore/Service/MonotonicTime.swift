import Glibc

/// Nanoseconds on `CLOCK_MONOTONIC`, the clock systemd uses for `MONOTONIC_USEC=` and its
/// watchdog. Stored as a plain integer so that an `Atomic` can hold it.
public enum MonotonicTime {
    /// The current reading of `CLOCK_MONOTONIC` (`clock_gettime(2)`), in nanoseconds.
    public static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
