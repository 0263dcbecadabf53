import Foundation
import Glibc
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import TestSupport
import Testing

@testable import DepecheCore

@Suite struct WatchdogTests {
    /// A watchdog with `WATCHDOG_USEC` = 1 s: it ticks every 500 ms and lets a heartbeat stay
    /// silent for 500 ms.
    private func makeWatchdog(
        socket: NotifySocket, heartbeat: Heartbeat, counters: PipelineCounters, logger: Logger
    ) -> Watchdog {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "1000000"])
        return Watchdog(notifier: notifier, heartbeats: [heartbeat], counters: counters, logger: logger)
    }

    /// Beats a heartbeat every 20 ms on a thread of its own, like the watcher thread (and,
    /// like it, whatever keeps the cooperative pool busy).
    private final class BeatingThread: Sendable {
        private let stopped = Atomic<Bool>(false)

        init(_ heartbeat: Heartbeat) {
            Thread { [self] in
                while !stopped.load(ordering: .relaxed) {
                    heartbeat.beat()
                    usleep(20_000)
                }
            }.start()
        }

        func stop() { stopped.store(true, ordering: .relaxed) }
    }

    private static func isPing(_ message: String) -> Bool { message.hasLine("WATCHDOG=1") }

    @Test func pingsStopWhileAHeartbeatIsSilentAndResumeWhenItBeats() async throws {
        let socket = try NotifySocket()
        let heartbeat = Heartbeat(name: "watcher")
        let counters = PipelineCounters(factory: PrometheusMetrics().factory)
        let logs = RecordingLogHandler.Store()
        let watchdog = makeWatchdog(socket: socket, heartbeat: heartbeat, counters: counters, logger: logs.logger())
        #expect(watchdog.tickInterval == .milliseconds(500))
        #expect(watchdog.maximumSilence == .milliseconds(500))

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watchdog.run() }

                let beats = BeatingThread(heartbeat)
                let alive = await socket.receive(untilCount: 2, of: Self.isPing)
                #expect(alive.filter(Self.isPing).count == 2)
                #expect(alive.allSatisfy { $0.hasLine("STATUS=0 ingested, 0 duplicates, 0 rejected, inbox empty") })

                // Silent: once a tick has withheld its ping, every later tick does too, and
                // the status goes on.
                beats.stop()
                let first = await socket.receive(untilCount: 1, of: { !Self.isPing($0) })
                #expect(first.last.map(Self.isPing) == false)
                let wedged = await socket.receive(untilCount: 3, of: { _ in true })
                #expect(wedged.count == 3, "status keeps coming while the watchdog is withheld")
                #expect(!wedged.contains(where: Self.isPing))
                let withheld = logs.all.filter { $0.message.hasPrefix("watchdog ping withheld") }
                #expect(withheld.count == 1)
                #expect(withheld.first?.level == .error)
                #expect(withheld.first?.metadata["heartbeat"] == "watcher")

                let resumed = BeatingThread(heartbeat)
                #expect(await socket.receive(until: "WATCHDOG=1").last.map(Self.isPing) == true)
                #expect(logs.all.contains { $0.message == "watchdog pings resumed" })

                trigger.triggerGracefulShutdown()
                let last = await socket.receive(until: "STOPPING=1").last
                #expect(last?.hasLine("STOPPING=1") == true)
                try await group.next()
                resumed.stop()
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
                // Well past the 500 ms a beating heartbeat may stay silent.
                let messages = await socket.receive(untilCount: 4, of: { _ in true })
                #expect(messages.count == 4)
                #expect(messages.allSatisfy(Self.isPing))
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
                let messages = await socket.receive(untilCount: 3, of: { _ in true })
                #expect(messages.count == 3)
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

    /// What the unit's comment and the README say of the pings under the unit's `WatchdogSec=`
    /// is what the watchdog does with it.
    @Test func theUnitAndTheReadmeGiveThePingIntervalTheCodeUses() throws {
        let root = #filePath.components(upTo: "Tests")
        let unitFile = try String(contentsOfFile: root + "systemd/depeche.service", encoding: .utf8)
        func words(_ text: String) -> String { text.split(whereSeparator: { " \n#".contains($0) }).joined(separator: " ") }
        let (unit, readme) = (words(unitFile), words(try String(contentsOfFile: root + "README.md", encoding: .utf8)))
        let setting = try #require(unitFile.split(separator: "\n").first { $0.hasPrefix("WatchdogSec=") })
        let seconds = try #require(Int(setting.dropFirst("WatchdogSec=".count).dropLast()), "\(setting)")
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@depeche-test", "WATCHDOG_USEC": "\(seconds * 1_000_000)"])
        let watchdog = Watchdog(notifier: notifier, counters: PipelineCounters(factory: PrometheusMetrics().factory), logger: .quiet)
        let (tick, silence) = (watchdog.tickInterval.components.seconds, watchdog.maximumSilence.components.seconds)
        #expect(unit.contains("depeche pings every \(tick) s while its inotify watcher thread goes round (it must have within the last \(silence) s"))
        #expect(readme.contains("sets `WatchdogSec=\(seconds)s`. depeche pings systemd every \(tick) s"))
        #expect(readme.contains("must have gone round within the last \(silence) s"))
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
