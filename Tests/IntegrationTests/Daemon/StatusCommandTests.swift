import Testing

/// `depeche status` tells live figures from those a stopped daemon left behind.
@Suite struct StatusCommandTests {
    @Test func statusSaysWhetherTheDaemonRunsAndHowOldItsMetricsAre() async throws {
        let run = try DaemonSandbox(label: "status", settings: ["intake.settle_ms": "50", "metrics.interval_s": "1"])
        defer { run.remove() }
        let textfile = run.scratch.appending("depeche.prom")
        run.daemon.settings["metrics.textfile"] = textfile
        func status() throws -> Command.Result {
            let arguments = ["status", "--config", run.daemon.configPath, "--set", "metrics.textfile=\(textfile)"]
            return try Command.run(DaemonProcess.binary, arguments, dropping: DaemonProcess.isDepecheVariable)
        }
        try await run.daemon.start()
        try await run.writer.write(TestPages.page(serial: 1), to: "a.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.waitUntil(timeout: .seconds(10)) { (try? FileSystem.read(textfile)) != nil })
        let live = try status()
        let pid = try #require(run.daemon.pid)
        #expect(live.stdout.hasPrefix("daemon: running (pid \(pid)) on \(run.state)\nmetrics: \(textfile), written "), "\(live.stdout)")
        #expect(!live.stdout.contains("before it stopped"))

        #expect(await run.daemon.terminate() == 0)
        let stopped = try status()
        #expect(stopped.status == 0)
        #expect(stopped.stdout.hasPrefix("daemon: not running on \(run.state)\nmetrics: \(textfile), written "), "\(stopped.stdout)")
        #expect(stopped.stdout.contains(" ago (the last the daemon wrote before it stopped)\ningested           1\n"), "\(stopped.stdout)")
    }
}
