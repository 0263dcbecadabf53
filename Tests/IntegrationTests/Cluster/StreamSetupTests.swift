import DepecheCore
import Testing

/// An existing stream that would not keep depeche's promises stops start-up with a message
/// naming the setting.
@Suite struct StreamSetupTests {
    @Test func anExistingStreamWithOtherSubjectsStopsStartUpNamingTheSetting() async throws {
        let server = try NATSCluster(label: "nats1", size: 1)
        var other = server.settings()
        other.subjectPrefix = "elsewhere"
        try await server.waitUntilReady(stream: other)
        let run = try DaemonSandbox(label: "stream-setup", settings: server.daemonSettings(host: "a"))
        defer { run.remove() }
        try await run.daemon.start(waitUntilReady: false)
        #expect(await run.daemon.waitUntil(timeout: .seconds(30)) { !run.daemon.isRunning }, "depeche did not stop")
        let journal = run.daemon.journal()
        #expect(journal.contains("depeche stopped"), "\(journal)")
        #expect(journal.contains("NATS stream DEPECHE: subjects are") && journal.contains("(sink.nats.subject_prefix)"), "\(journal)")
    }
}
