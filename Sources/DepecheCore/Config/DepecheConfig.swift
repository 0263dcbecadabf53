import Configuration
import SystemPackage

/// Every setting of the daemon, read once at start-up and again on SIGHUP.
///
/// Keys (YAML file, `DEPECHE_…` environment variables, command-line overrides; every key and
/// its default is documented in `config/depeche.yaml`):
/// `inbox`, `state_dir`, `log.path`, `log.fsync`, `log.group_commit_ms`, `log.rotate_bytes`,
/// `log.retain_segments`, `intake.settle_ms`, `intake.rescan_interval_s`,
/// `intake.max_file_size`, `intake.workers`, `dispose.mode`, `extract.gazetteer_dir`,
/// `event.include_text`, `near_duplicate.threshold`, `store.map_size`,
/// `metrics.textfile`, `metrics.interval_s`, `sink.kind`, `sink.nats.servers`, `sink.nats.stream`,
/// `sink.nats.subject_prefix`, `sink.nats.replicas`, `sink.nats.credentials`, `sink.nats.host_id`.
public struct DepecheConfig: Sendable, Equatable {
    /// When appended events reach the disk.
    public enum FsyncPolicy: String, Sendable, CaseIterable {
        /// `fsync` after every event, before the file leaves the inbox.
        case always
        /// One `fsync` for all events of a short window (`log.group_commit_ms`).
        case group
        /// Leave it to the kernel.
        case never
    }

    /// What happens to a file once its event is durably in the log.
    public enum DisposeMode: String, Sendable, CaseIterable {
        /// Move into the content-addressed store `state/archive/ab/<hash>.<ext>`.
        case archive
        /// Unlink it.
        case delete
        /// Leave it in the inbox (depeche remembers it and does not report it again).
        case keep
    }

    /// The directory scrapers drop files into.
    public var inbox: String
    /// Where the log, the indices, the archive and the quarantine live.
    public var stateDirectory: String
    /// The active event-log file.
    public var logPath: String
    /// When appended events are flushed to disk.
    public var fsync: FsyncPolicy
    /// The group-commit window, in milliseconds.
    public var groupCommitMilliseconds: Int
    /// The active log is rotated once it grows past this many bytes.
    public var rotateBytes: Int
    /// How many closed segments are kept (0: all).
    public var retainSegments: Int
    /// How long a file's size and mtime must stay unchanged before it is taken.
    public var settleMilliseconds: Int
    /// The backstop rescan period, in seconds (0: only at start-up and on overflow).
    public var rescanIntervalSeconds: Int
    /// Larger files are rejected as `too_large`.
    public var maxFileSize: Int
    /// How many files are analysed at once.
    public var workers: Int
    /// What happens to a processed file.
    public var dispose: DisposeMode
    /// Gazetteer files (TSV) for the extractor.
    public var gazetteerDirectory: String
    /// Whether `document.ingested` carries the cleaned article as `text`.
    public var includeText: Bool
    /// Similarity from which an ingested article is marked `near_duplicate_of` an earlier one.
    public var nearDuplicateThreshold: Double
    /// The state store's memory map, in bytes: the most the store can hold.
    public var storeMapSize: Int
    /// Path of the Prometheus textfile, or nil when metrics are not written.
    public var metricsTextfile: String?
    /// How often the Prometheus textfile is rewritten, in seconds.
    public var metricsIntervalSeconds: Int
    /// Where events go (`sink.*`).
    public var sink: SinkSettings

    /// The archive, quarantine and index paths derived from `stateDirectory`.
    public var archiveDirectory: String { stateDirectory + "/archive" }
    /// Where rejected files are moved, name and bytes unchanged.
    public var quarantineDirectory: String { stateDirectory + "/quarantine" }
    /// The state store (``StateStore``).
    public var storeDirectory: String { stateDirectory + "/store" }
    /// The SimHash distance (bits) that `nearDuplicateThreshold` allows.
    public var nearDuplicateMaxDistance: Int { NearDuplicatePolicy.maxDistance(forSimilarity: nearDuplicateThreshold)! }

    /// The keys whose new value differs from this one and that are read only at start-up
    /// (every key but the gazetteer directory, which a reload applies).
    public func keysNeedingRestart(toBecome new: DepecheConfig) -> [String] {
        var changed: [String] = []
        func check<T: Equatable>(_ key: String, _ path: KeyPath<DepecheConfig, T>) {
            if self[keyPath: path] != new[keyPath: path] { changed.append(key) }
        }
        check("inbox", \.inbox)
        check("state_dir", \.stateDirectory)
        check("log.path", \.logPath)
        check("log.fsync", \.fsync)
        check("log.group_commit_ms", \.groupCommitMilliseconds)
        check("log.rotate_bytes", \.rotateBytes)
        check("log.retain_segments", \.retainSegments)
        check("intake.settle_ms", \.settleMilliseconds)
        check("intake.rescan_interval_s", \.rescanIntervalSeconds)
        check("intake.max_file_size", \.maxFileSize)
        check("intake.workers", \.workers)
        check("dispose.mode", \.dispose)
        check("event.include_text", \.includeText)
        check("near_duplicate.threshold", \.nearDuplicateThreshold)
        check("store.map_size", \.storeMapSize)
        check("metrics.textfile", \.metricsTextfile)
        check("metrics.interval_s", \.metricsIntervalSeconds)
        check("sink", \.sink)
        return changed
    }

    /// Reads every key from `reader`; a bad value throws a ``ConfigurationError`` naming its key.
    public init(reader: ConfigReader) throws {
        func string(_ key: String) throws -> String {
            do { return try reader.requiredString(forKey: ConfigKey(key)) } catch {
                throw ConfigurationError(key: key, problem: "must be a string")
            }
        }
        func int(_ key: String, min: Int) throws -> Int {
            let value: Int
            do { value = try reader.requiredInt(forKey: ConfigKey(key)) } catch {
                throw ConfigurationError(key: key, problem: "must be an integer")
            }
            guard value >= min else { throw ConfigurationError(key: key, problem: "must be at least \(min), got \(value)") }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T where T.RawValue == String {
            let raw = try string(key)
            guard let value = T(rawValue: raw) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(key: key, problem: "must be one of \(allowed), got \"\(raw)\"")
            }
            return value
        }
        inbox = try string("inbox")
        stateDirectory = try string("state_dir")
        let configuredLog = try string("log.path")
        logPath = configuredLog.isEmpty ? stateDirectory + "/events.jsonl" : configuredLog
        fsync = try choice("log.fsync", FsyncPolicy.self)
        groupCommitMilliseconds = try int("log.group_commit_ms", min: 1)
        rotateBytes = try int("log.rotate_bytes", min: 4096)
        retainSegments = try int("log.retain_segments", min: 0)
        settleMilliseconds = try int("intake.settle_ms", min: 0)
        rescanIntervalSeconds = try int("intake.rescan_interval_s", min: 0)
        maxFileSize = try int("intake.max_file_size", min: 1)
        workers = try int("intake.workers", min: 1)
        dispose = try choice("dispose.mode", DisposeMode.self)
        gazetteerDirectory = try string("extract.gazetteer_dir")
        do { includeText = try reader.requiredBool(forKey: "event.include_text") } catch {
            throw ConfigurationError(key: "event.include_text", problem: "must be true or false")
        }
        do { nearDuplicateThreshold = try reader.requiredDouble(forKey: "near_duplicate.threshold") } catch {
            throw ConfigurationError(key: "near_duplicate.threshold", problem: "must be a number")
        }
        guard NearDuplicatePolicy.maxDistance(forSimilarity: nearDuplicateThreshold) != nil else {
            throw ConfigurationError(
                key: "near_duplicate.threshold",
                problem: "must be above 0.75 and at most 1 (a SimHash distance of 15 bits or less), got \(nearDuplicateThreshold)")
        }
        storeMapSize = try int("store.map_size", min: 1 << 20)
        let textfile = try string("metrics.textfile")
        metricsTextfile = textfile.isEmpty ? nil : textfile
        metricsIntervalSeconds = try int("metrics.interval_s", min: 1)
        sink = try SinkSettings(string: string, int: { try int($0, min: $1) }, kind: { try choice("sink.kind", SinkSettings.Kind.self) })
        guard !inbox.isEmpty else { throw ConfigurationError(key: "inbox", problem: "must not be empty") }
        guard !stateDirectory.isEmpty else { throw ConfigurationError(key: "state_dir", problem: "must not be empty") }
    }
}

/// A configuration problem that stops start-up: it names the key and what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The offending key, dotted (`log.fsync`), or the file when the file itself is at fault.
    public var key: String
    /// What is wrong with it.
    public var problem: String

    /// Creates an error for `key`.
    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    /// `config: log.fsync: must be one of always, group, never, got "sometimes"`.
    public var description: String { "config: \(key): \(problem)" }
}
