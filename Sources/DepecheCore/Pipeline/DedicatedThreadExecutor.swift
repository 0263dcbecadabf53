import Dispatch
import Foundation
import Synchronization

/// A serial executor with a thread of its own, for an actor whose methods block: the
/// committer waits for the event sink (a JetStream acknowledgement, about a millisecond a
/// publish on a replicated stream) and for the store's `fsync`. On the cooperative pool, which
/// has one thread per core, each such wait took a core away from analysis (on two cores, half
/// of it); on its own thread it takes none.
public final class DedicatedThreadExecutor: SerialExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wakeup = DispatchSemaphore(value: 0)

    /// Starts the thread, named `name` (see ``ThreadName``).
    public init(name: String) {
        Thread { [self] in
            ThreadName.set(name)
            run()
        }.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        wakeup.signal()
    }

    /// Lets the thread end once the jobs already queued have run.
    public func stop() {
        queue.withLock { $0.stopping = true }
        wakeup.signal()
    }

    private func run() {
        while true {
            wakeup.wait()
            let next: UnownedJob? = queue.withLock { queue in
                guard queue.head < queue.jobs.count else { return nil }
                defer {
                    queue.head += 1
                    if queue.head == queue.jobs.count { queue.jobs.removeAll(keepingCapacity: true); queue.head = 0 }
                }
                return queue.jobs[queue.head]
            }
            if let next {
                next.runSynchronously(on: asUnownedSerialExecutor())
            } else if queue.withLock({ $0.stopping && $0.head == $0.jobs.count }) {
                return
            }
        }
    }
}
