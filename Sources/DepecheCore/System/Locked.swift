import Glibc

/// A value only reached with a lock held: `Synchronization.Mutex`'s interface over a
/// `pthread_mutex_t`.
///
/// Why not `Mutex` itself: on Linux it locks with a futex that ThreadSanitizer does not see,
/// so a sanitized build reports every access made under it as a race (an eight-line program
/// appending to a `Mutex<[Int]>` from two threads is reported), and the thread-sanitizer run
/// of the suite could find nothing real. ThreadSanitizer intercepts `pthread_mutex_lock`.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only inside `withLock`, between
    // `pthread_mutex_lock` and `pthread_mutex_unlock` of `mutex`, which lives (at a fixed
    // address, as POSIX requires) as long as the object.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// A lock around `value`.
    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
