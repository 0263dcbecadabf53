import Foundation
import Testing

@testable import DepecheCore

/// An actor whose jobs run on a ``DedicatedThreadExecutor``.
private actor OnItsOwnThread {
    private nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private(set) var count = 0

    init(name: String) { executor = DedicatedThreadExecutor(name: name) }
    deinit { executor.stop() }

    func increment() { count += 1 }

    /// The name of the thread this runs on.
    func threadName() -> String {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
    }
}

@Suite struct DedicatedThreadExecutorTests {
    /// The names of this process's threads.
    private static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .newlines) }
    }

    /// The actor's methods run on the executor's named thread, not on the cooperative pool.
    @Test func jobsRunOnTheNamedThread() async {
        let actor = OnItsOwnThread(name: "dte-named")
        #expect(await actor.threadName() == "dte-named")
    }

    /// Jobs sent from many tasks at once run one at a time: no increment is lost.
    @Test func jobsRunOneAtATime() async {
        let actor = OnItsOwnThread(name: "dte-serial")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { for _ in 0..<500 { await actor.increment() } } }
        }
        #expect(await actor.count == 4_000)
    }

    /// Once the actor is gone, its thread ends: no thread is left behind per committer.
    @Test func theThreadEndsWithTheActor() async throws {
        var actor: OnItsOwnThread? = OnItsOwnThread(name: "dte-ends")
        #expect(await actor?.threadName() == "dte-ends")
        actor = nil
        let deadline = ContinuousClock.now + .seconds(10)
        while Self.threadNames().contains("dte-ends"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!Self.threadNames().contains("dte-ends"))
    }
}
