import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import TestSupport
import Testing

@testable import DepecheCore

@Suite struct WatchdogTests {
    /// A watchdog with `WATCHDOG_USEC` = 400 ms: it ticks every 200 ms and lets a heartbeat
    /// stay silent for 200 ms.
    private func makeWatchdog(
        socket: NotifySocket, heartbeat: Heartbeat, counters: PipelineCounters, logger: Logger
    ) -> Watchdog {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000"])
        return Watchdog(notifier: notifier, heartbeats: [heartbeat], counters: counters, logger: logger)
    }

    /// Beats `heartbeat` every 20 ms until cancelled, like a watcher loop.
    private func beating(_ heartbeat: Heartbeat) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                heartbeat.beat()
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    @Test func pingsStopWhileAHeartbeatIsSilentAndResumeWhenItBeats() async throws {
        let socket = try NotifySocket()
        let heartbeat = Heartbeat(name: "watcher")
        let counters = PipelineCounters(factory: PrometheusMetrics().factory)
        let logs = RecordingLogHandler.Store()
        let watchdog = makeWatchdog(socket: socket, heartbeat: heartbeat, counters: counters, logger: logs.logger())
        #expect(watchdog.tickInterval == .milliseconds(200))
        #expect(watchdog.maximumSilence == .milliseconds(200))

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watchdog.run() }

                let beats = beating(heartbeat)
                let alive = await socket.receiveAll(for: .seconds(1))
                #expect(alive.filter { $0.hasLine("WATCHDOG=1") }.count >= 2)
                #expect(alive.allSatisfy { $0.hasLine("STATUS=0 ingested, 0 duplicates, 0 rejected, inbox empty") })

                beats.cancel()
                _ = await socket.receiveAll(for: .milliseconds(600))
                let wedged = await socket.receiveAll(for: .milliseconds(800))
                #expect(wedged.count >= 2, "status keeps coming while the watchdog is withheld")
                #expect(!wedged.contains { $0.hasLine("WATCHDOG=1") })
                let withheld = logs.all.filter { $0.message.hasPrefix("watchdog ping withheld") }
                #expect(withheld.count == 1)
                #expect(withheld.first?.level == .error)
                #expect(withheld.first?.metadata["heartbeat"] == "watcher")

                let resumed = beating(heartbeat)
                #expect(await socket.receive(until: "WATCHDOG=1").last?.hasLine("WATCHDOG=1") == true)
                #expect(logs.all.contains { $0.message == "watchdog pings resumed" })

                trigger.triggerGracefulShutdown()
                let last = await socket.receive(until: "STOPPING=1").last
                #expect(last?.hasLine("STOPPING=1") == true)
                try await group.next()
                resumed.cancel()
            }
        }
    }

    @Test func anIdleHeartbeatKeepsTheWatchdogFed() async throws {
        let socket = try NotifySocket()
        let heartbeat = Heartbeat(name: "pipeline")
        heartbeat.idle()
        let counters = PipelineCounters(factory: PrometheusMetrics().factory)
        let watchdog = makeWatchdog(
            socket: socket, heartbeat: heartbeat, counters: counters, logger: RecordingLogHandler.Store().logger())

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watchdog.run() }
                _ = await socket.receiveAll(for: .milliseconds(600))
                let later = await socket.receiveAll(for: .milliseconds(600))
                #expect(later.contains { $0.hasLine("WATCHDOG=1") })
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }

    @Test func withoutWatchdogUsecOnlyStatusIsSent() async throws {
        let socket = try NotifySocket()
        let counters = PipelineCounters(factory: PrometheusMetrics().factory)
        counters.queueDepth(1)
        counters.documentIngested(bytes: 10, latency: .milliseconds(3))
        let watchdog = Watchdog(
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name]),
            heartbeats: [Heartbeat(name: "watcher")],
            counters: counters,
            logger: RecordingLogHandler.Store().logger(),
            statusInterval: .milliseconds(100)
        )
        #expect(watchdog.tickInterval == .milliseconds(100))

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watchdog.run() }
                let messages = await socket.receiveAll(for: .milliseconds(500))
                #expect(messages.count >= 2)
                #expect(messages.allSatisfy { $0 == "STATUS=1 ingested, 0 duplicates, 0 rejected, 1 queued" })
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
        #expect(await socket.receive(until: "STOPPING=1").last == "STOPPING=1\nSTATUS=stopping; 1 ingested, 0 duplicates, 0 rejected, 1 queued")
    }

    @Test func withoutNotifySocketItOnlyWaitsForShutdown() async throws {
        let watchdog = Watchdog(
            notifier: SystemdNotifier(environment: [:]),
            heartbeats: [],
            counters: PipelineCounters(factory: PrometheusMetrics().factory),
            logger: RecordingLogHandler.Store().logger()
        )
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watchdog.run() }
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }

    @Test func heartbeatSilence() throws {
        let heartbeat = Heartbeat(name: "watcher")
        let now = MonotonicTime.nanoseconds()
        let silence = try #require(heartbeat.silence(at: now + 3_000_000_000))
        #expect(silence >= .seconds(3) && silence < .seconds(4))
        heartbeat.idle()
        #expect(heartbeat.silence(at: now + 3_000_000_000) == nil)
        heartbeat.beat()
        #expect(heartbeat.silence(at: MonotonicTime.nanoseconds()).map { $0 < .seconds(1) } == true)
    }
}
