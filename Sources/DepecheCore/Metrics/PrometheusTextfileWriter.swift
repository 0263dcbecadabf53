import Glibc
import Logging
import ServiceLifecycle

/// Writes ``PrometheusMetrics`` every few seconds to a file for node_exporter's textfile
/// collector (`--collector.textfile.directory`), as a swift-service-lifecycle `Service`.
///
/// Each write goes to a hidden temporary file in the same directory, which is then renamed
/// over the target, so the collector never reads half a file. No `fsync`: the file is
/// rewritten within seconds and a lost write after a crash costs nothing. A final write
/// happens on shutdown, so the file ends with the last counts.
public struct PrometheusTextfileWriter: Service {
    /// Where and how often to write.
    public struct Configuration: Sendable, Equatable {
        /// The file to write; it should end in `.prom`, in the collector's directory.
        public var path: String
        /// The time between two writes.
        public var interval: Duration

        /// Writes to `path` every `interval`.
        public init(path: String, interval: Duration = .seconds(15)) {
            self.path = path
            self.interval = interval
        }

        /// The textfile `config` asks for (`metrics.textfile`, `metrics.interval_s`); nil when
        /// `metrics.textfile` is empty, since the textfile is off by default.
        public init?(_ config: DepecheConfig) {
            guard let path = config.metricsTextfile else { return nil }
            self.init(path: path, interval: .seconds(config.metricsIntervalSeconds))
        }
    }

    /// Where and how often to write.
    public let configuration: Configuration
    private let metrics: PrometheusMetrics
    private let logger: Logger
    private let refresh: @Sendable () -> Void

    /// A writer of `metrics` as `configuration` says; `refresh` sets the gauges that are read
    /// only for a write (a file's size) just before each.
    public init(configuration: Configuration, metrics: PrometheusMetrics, logger: Logger,
                refresh: @escaping @Sendable () -> Void = {}) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.refresh = refresh
    }

    /// Writes every interval until graceful shutdown or cancellation, then once more. A
    /// failed write is logged (once per run of failures) and retried at the next interval.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var failing = false
            while true {
                failing = writeLogging(wasFailing: failing)
                try await Task.sleep(for: configuration.interval)
            }
        }
        _ = writeLogging(wasFailing: false)
    }

    /// Writes the file now, atomically; throws with the path and `errno` if it cannot.
    public func write() throws(TextfileWriteError) {
        let path = configuration.path
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw TextfileWriteError(path: temporary, operation: "open", errno: errno) }
        refresh()
        let bytes = metrics.exposition()
        let written = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        let writeErrno = errno
        // Modes are 0644 whatever the daemon's UMask=, so node_exporter's user can read it.
        let modeSet = fchmod(fd, 0o644) == 0
        close(fd)
        guard written, modeSet else {
            unlink(temporary)
            throw TextfileWriteError(path: temporary, operation: "write", errno: writeErrno)
        }
        guard rename(temporary, path) == 0 else {
            let renameErrno = errno
            unlink(temporary)
            throw TextfileWriteError(path: path, operation: "rename", errno: renameErrno)
        }
    }

    /// Writes, logging a failure only when the previous write succeeded; returns whether
    /// this one failed.
    private func writeLogging(wasFailing: Bool) -> Bool {
        do throws(TextfileWriteError) {
            try write()
            if wasFailing { logger.notice("metrics textfile written again", metadata: ["file.path": "\(configuration.path)"]) }
            return false
        } catch {
            if !wasFailing {
                logger.warning("metrics textfile not written", metadata: ["file.path": "\(error.path)", "error": "\(error)"])
            }
            return true
        }
    }
}

/// The metrics textfile could not be written.
public struct TextfileWriteError: Error, CustomStringConvertible {
    /// The file the failed call was about.
    public let path: String
    /// The call that failed: `open`, `write` or `rename`.
    public let operation: String
    /// Its `errno`.
    public let errno: Int32

    /// What failed and the usual fix.
    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno))) "
            + "(the directory must be writable by the depeche user and listed in ReadWritePaths=)"
    }
}
