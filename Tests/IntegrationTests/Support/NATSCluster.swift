import CNats
import Foundation
import Glibc
@testable import DepecheCore
@testable import DepecheNATS

/// Real `nats-server` processes on loopback for a test: one node or a cluster of three, each
/// with free ports and its own store directory under a scratch directory. Nodes can be killed
/// and restarted (same ports, same store); everything started is killed when the test ends.
final class NATSCluster {
    /// One node.
    struct Node {
        var name: String
        var clientPort: Int
        var configPath: String
        var logPath: String
    }

    let scratch: ScratchDirectory
    let nodes: [Node]
    private var processes: [Int: ChildProcess] = [:]

    /// Writes the nodes' configurations and starts them all.
    init(label: String, size: Int) throws {
        let scratch = try ScratchDirectory(label: label)
        self.scratch = scratch
        let clientPorts = try (0..<size).map { _ in try Self.freePort() }
        let routePorts = try (0..<size).map { _ in try Self.freePort() }
        nodes = try (0..<size).map { index in
            let name = "n\(index + 1)"
            var config = """
                server_name: \(name)
                listen: 127.0.0.1:\(clientPorts[index])
                jetstream { store_dir: "\(scratch.appending(name))" }

                """
            if size > 1 {
                let routes = routePorts.enumerated().filter { $0.offset != index }.map { "nats-route://127.0.0.1:\($0.element)" }
                config += """
                    cluster {
                      name: depeche-test
                      listen: 127.0.0.1:\(routePorts[index])
                      routes: [\(routes.joined(separator: ", "))]
                    }

                    """
            }
            let node = Node(
                name: name, clientPort: clientPorts[index], configPath: scratch.appending("\(name).conf"),
                logPath: scratch.appending("\(name).log"))
            try FileSystem.write(Array(config.utf8), to: node.configPath)
            return node
        }
        for index in nodes.indices { try start(index) }
    }

    deinit {
        for index in processes.keys { kill(index) }
        scratch.remove()
    }

    /// Every node's client URL, comma-separated (`sink.nats.servers`).
    var servers: String { nodes.map { "nats://127.0.0.1:\($0.clientPort)" }.joined(separator: ",") }

    /// The settings a test daemon or reader uses.
    func settings(host: String = "test", replicas: Int? = nil) -> SinkSettings.NATS {
        SinkSettings.NATS(
            servers: nodes.map { "nats://127.0.0.1:\($0.clientPort)" }, stream: "DEPECHE", subjectPrefix: "depeche",
            replicas: replicas ?? nodes.count, credentials: nil, hostID: host)
    }

    /// The `--set` keys that point a daemon at this cluster.
    func daemonSettings(host: String) -> [String: String] {
        [
            "sink.kind": "nats", "sink.nats.servers": servers, "sink.nats.host_id": host,
            "sink.nats.replicas": "\(nodes.count)",
        ]
    }

    /// A ready cluster of `size` nodes (see ``waitUntilReady(timeout:)``).
    static func ready(label: String, size: Int) async throws -> NATSCluster {
        let cluster = try NATSCluster(label: label, size: size)
        try await cluster.waitUntilReady()
        return cluster
    }

    /// A started daemon publishing to this cluster as `host`, on its own inbox (the caller
    /// removes it), taking files 50 ms after they settle and writing its metrics every second
    /// to ``metricsPath(host:)``.
    func startDaemon(host: String, label: String) async throws -> DaemonSandbox {
        var settings = daemonSettings(host: host)
        settings["intake.settle_ms"] = "50"
        settings["metrics.textfile"] = metricsPath(host: host)
        settings["metrics.interval_s"] = "1"
        let run = try DaemonSandbox(label: label, settings: settings)
        try await run.daemon.start()
        return run
    }

    /// The Prometheus textfile of the daemon started for `host`.
    func metricsPath(host: String) -> String { scratch.appending("\(host).prom") }

    /// The value of gauge `name` in the last metrics the daemon of `host` wrote, or nil.
    func gauge(_ name: String, host: String) -> Double? {
        Self.gauge(name, in: String(decoding: (try? FileSystem.read(metricsPath(host: host))) ?? [], as: UTF8.self))
    }

    /// The value of gauge `name` in a Prometheus textfile, or nil.
    static func gauge(_ name: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// Starts node `index` (again).
    func start(_ index: Int) throws {
        processes[index] = try ChildProcess("nats-server", ["-c", nodes[index].configPath], stderr: nodes[index].logPath)
    }

    /// `kill -9` of node `index`.
    func kill(_ index: Int) {
        processes[index]?.send(SIGKILL)
        processes[index]?.wait()
        processes[index] = nil
    }

    /// Waits until the cluster stores messages in an R-`nodes.count` stream (a meta leader is
    /// elected and every node has joined): creates the stream depeche will use (or the one
    /// `stream` describes).
    func waitUntilReady(stream: SinkSettings.NATS? = nil, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        let connection = try JetStreamConnection(settings: settings(), name: "test")
        while true {
            do {
                try StreamSetup.ensure(stream ?? settings(), on: connection)
                return
            } catch {
                if ContinuousClock.now >= deadline { throw HarnessError("the NATS cluster is not ready: \(error)") }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// The index of the node leading the stream now, if one does.
    func streamLeader() throws -> Int? {
        let connection = try JetStreamConnection(settings: settings(), name: "test")
        let leader = try connection.withStreamInfo("DEPECHE") { info in info?.Cluster?.pointee.Leader.map { String(cString: $0) } }
        return nodes.firstIndex { $0.name == leader }
    }

    /// ``streamEvents()``, read again for up to `attempts` seconds while it fails: after nodes
    /// restart, their catch-up may move the stream's leader once more, and a read meanwhile times
    /// out (a cluster takes about 5 s to elect one: FINDINGS).
    func settledStreamEvents(attempts: Int = 15) throws -> [LogEvent] {
        for _ in 1..<attempts {
            if let events = try? streamEvents() { return events }
            usleep(1_000_000)
        }
        return try streamEvents()
    }

    /// Every message of the stream, in stream order, parsed.
    func streamEvents() throws -> [LogEvent] {
        let connection = try JetStreamConnection(settings: settings(), name: "test reader")
        let reader = try StreamReader(connection: connection, settings: settings(), start: .sequence(1))
        var events: [LogEvent] = []
        try reader.read(follow: false) { message in
            events.append(try EventLogFile.parse(message.data).get())
        }
        return events
    }

    /// A TCP port nobody listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw HarnessError("cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
