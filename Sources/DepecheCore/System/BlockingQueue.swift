import Dispatch

/// Runs blocking calls (an LMDB commit and its `fdatasync`, the log's group-commit `fsync`) on a
/// thread of their own, one at a time, in the order they are asked for, so that they hold up
/// neither an actor nor one of the cooperative pool's threads, which are as many as the
/// processors. In a burst of 8,000 articles the store alone synced 562 times (470 ms): run by
/// the committer, each sync held up every worker waiting to commit a file, and both cores sat
/// idle for about 30 % of the burst.
final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    /// A queue named `label` (as thread names show it).
    init(label: String) { queue = DispatchQueue(label: label) }

    /// Runs `body` on the queue's thread and returns what it returns.
    func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}
