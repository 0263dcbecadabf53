import Glibc
import TestSupport
import Testing

@testable import DepecheCore

@Suite struct SystemdNotifierTests {
    @Test(arguments: [false, true])
    func sendsAssignmentsInOneDatagram(abstract: Bool) async throws {
        let socket = try NotifySocket(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        try notifier.send(.ready, .status("3 ingested, 0 duplicates, 0 rejected, inbox empty"))
        #expect(await socket.receive() == "READY=1\nSTATUS=3 ingested, 0 duplicates, 0 rejected, inbox empty")
        try notifier.send(.watchdog)
        try notifier.send(.stopping)
        #expect(await socket.receive() == "WATCHDOG=1")
        #expect(await socket.receive() == "STOPPING=1")
    }

    @Test func reloadingCarriesTheMonotonicClock() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        let before = MonotonicTime.nanoseconds() / 1000
        try notifier.send(.reloading)
        let after = MonotonicTime.nanoseconds() / 1000
        let lines = try #require(await socket.receive()).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect(stamp >= before && stamp <= after)
    }

    /// A long start-up (a store conversion) asks for more time than `TimeoutStartSec=`.
    @Test func aSlowStartExtendsTheTimeoutInMicroseconds() async throws {
        let socket = try NotifySocket()
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name]).send(.extendTimeout(.seconds(3_600)), .status("converting"))
        #expect(await socket.receive() == "EXTEND_TIMEOUT_USEC=3600000000\nSTATUS=converting")
    }

    @Test func statusIsKeptOnOneLine() async throws {
        let socket = try NotifySocket()
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name]).send(.status("two\nlines\r"))
        #expect(await socket.receive() == "STATUS=two lines ")
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.send(.ready)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled == false)
    }

    @Test func relativeSocketNameIsRejected() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "run/notify"])
        do throws(SystemdNotifyError) {
            try notifier.send(.ready)
            Issue.record("a relative NOTIFY_SOCKET was accepted")
        } catch {
            #expect(error.code == .unsupportedAddress)
        }
    }

    @Test func missingSocketFailsWithErrno() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/depeche/notify"])
        do throws(SystemdNotifyError) {
            try notifier.send(.ready)
            Issue.record("sending to a missing socket succeeded")
        } catch {
            #expect(error.code == .sendFailed)
            #expect(error.errno == ENOENT)
            #expect(error.description.contains("/nonexistent/depeche/notify"))
        }
    }

    @Test func watchdogTimeoutFollowsSdWatchdogEnabled() {
        let pid = String(getpid())
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogTimeout == .seconds(30))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "500000", "WATCHDOG_PID": pid]).watchdogTimeout
                == .milliseconds(500))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "500000", "WATCHDOG_PID": "1"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogTimeout == nil)
    }

    @Test func socketAddressLengths() throws {
        let path = try #require(UnixSocketAddress("/run/systemd/notify"))
        #expect(path.length == 2 + 19 + 1)
        let abstract = try #require(UnixSocketAddress("@notify"))
        #expect(abstract.length == 2 + 7)
        #expect(UnixSocketAddress("/" + String(repeating: "a", count: 106)) != nil)
        #expect(UnixSocketAddress("/" + String(repeating: "a", count: 107)) == nil)
        #expect(UnixSocketAddress("@" + String(repeating: "a", count: 107)) != nil)
        #expect(UnixSocketAddress("") == nil)
    }
}
