import Glibc
import Testing

/// `depeche tail --nats --durable`: interrupted, then resumed, prints every event of the stream
/// once and in stream order.
@Suite struct TailNATSTests {
    @Test func aDurableTailInterruptedAndResumedPrintsEveryEventOnceInOrder() async throws {
        let server = try await NATSCluster.ready(label: "nats1", size: 1)
        let run = try await server.startDaemon(host: "a", label: "tail-nats")
        defer { run.remove() }
        func drop(_ serials: Range<Int>) async throws {
            for serial in serials {
                try run.writer.moveIn(TestPages.page(serial: serial, paragraphCount: 2), to: Array("p\(serial).txt".utf8))
            }
            _ = await run.waitUntilProcessed(serials.upperBound)
        }
        let tailArguments = ["tail", "--nats", "--durable", "job", "--config", run.daemon.configPath, "--set", "sink.nats.servers=\(server.servers)"]
        try await drop(0..<20)

        let output = run.scratch.appending("tail.out")
        let follower = try ChildProcess(DaemonProcess.binary, tailArguments + ["--follow"], stdout: output, dropping: DaemonProcess.isDepecheVariable)
        _ = await run.daemon.waitUntil(timeout: .seconds(20)) { Self.lines(output).count >= 20 }
        follower.send(SIGINT)
        #expect(await follower.wait(timeout: .seconds(10)) == 0)
        try await drop(20..<35)
        let resumed = try Command.run(DaemonProcess.binary, tailArguments, dropping: DaemonProcess.isDepecheVariable)
        #expect(resumed.status == 0, "\(resumed.stderr)")

        let printed = Self.lines(output) + resumed.stdout.split(separator: "\n").map(String.init)
        let printedSeqs = printed.compactMap { try? EventLogFile.parse(Array($0.utf8)).get().seq }
        let stream = try server.streamEvents().map(\.seq)
        #expect(stream.count == 35)
        #expect(printedSeqs == stream)
    }

    private static func lines(_ path: String) -> [String] {
        String(decoding: (try? FileSystem.read(path)) ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
