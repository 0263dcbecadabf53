import Glibc
import Logging
import ServiceLifecycle

/// `depeche run`: the pipeline, top to bottom.
///
/// watch (``InotifyWatcher``) → settle (``Intake``) → read (``FileReader``) →
/// decode/clean/fingerprint/extract (``DocumentAnalyzer``) → dedup + event log (``Committer``)
/// → dispose (``Disposer``), once the event is durable.
///
/// Start-up takes the state directory's lock (``StateDirectoryLock``, held until `run()`
/// returns) and the inbox's (``InboxLock``), then watches first, then scans, so no file slips
/// between the two. On SIGTERM it stops taking files, finishes those in flight, flushes the
/// log, brings the state store up to it and returns. When it cannot go on (its event log
/// deleted under it), it stops the same way and throws why.
public final class Daemon: Service {
    /// The configuration it runs with.
    public let config: DepecheConfig
    private let logger: Logger
    private let hooks: DaemonHooks
    private let makeSink: EventSinkFactory
    /// What a reload acts on, once `run()` has set it up.
    private let running = Locked<(log: JSONLEventLog, stages: Stages)?>(nil)

    /// Creates the daemon; `hooks` lets the service layer (systemd, metrics) follow it;
    /// `makeSink` chooses where events go (by default the local event log).
    public init(
        config: DepecheConfig, logger: Logger, hooks: DaemonHooks = DaemonHooks(),
        makeSink: @escaping EventSinkFactory = { log, _ in log }
    ) {
        self.config = config
        self.logger = logger
        self.hooks = hooks
        self.makeSink = makeSink
    }

    /// The analysis stages for `config`, with its gazetteer loaded.
    public static func analyzer(for config: DepecheConfig) throws -> DocumentAnalyzer {
        do {
            return DocumentAnalyzer(extractor: Extractor(gazetteer: try Gazetteer.load(directory: config.gazetteerDirectory)))
        } catch {
            throw ConfigurationError(key: "extract.gazetteer_dir", problem: "\(error)")
        }
    }

    /// SIGHUP: reopens the event log and reloads the gazetteer; keys that only take effect
    /// at start-up are named in a warning when they changed.
    public func reload(_ new: DepecheConfig) throws {
        guard let (log, stages) = running.withLock({ $0 }) else { return }
        try log.reopen()
        stages.replaceAnalyzer(try Self.analyzer(for: new))
        let changed = config.keysNeedingRestart(toBecome: new)
        if !changed.isEmpty {
            logger.warning("these settings changed and take effect at the next start", metadata: ["keys": "\(changed.joined(separator: ", "))"])
        }
    }

    public func run() async throws {
        let analyzer = try StartupCheck.check(config)
        try Posix.makeDirectories(config.inbox)
        try Posix.makeDirectories(config.stateDirectory)
        let lock = try StateDirectoryLock(stateDirectory: config.stateDirectory)
        defer { withExtendedLifetime(lock) {} }
        let inbox = try Self.realPath(config.inbox)
        let inboxFD = try Posix.check("open", inbox) { open(inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(inboxFD) }
        if try !InboxLock.take(inboxFD, inbox: inbox) {
            logger.warning("the inbox's file system cannot lock it: a second daemon on this inbox would not be refused", metadata: ["inbox": "\(inbox)"])
        }

        if FileReader.walksPaths {
            logger.notice("openat2 cannot run here (Linux before 5.6, or a sandbox refuses it): inbox paths are opened one directory at a time, links still refused")
        }

        let log = try JSONLEventLog(options: .init(config), logger: logger)
        if let format = try StoreUpgrade.formatToConvert(directory: config.storeDirectory, mapSize: config.storeMapSize) {
            let what = "converting the state store from format \(format) to \(StateStore.format), once (about 30 s a million documents)"
            logger.notice("\(what)", metadata: ["store": "\(config.storeDirectory)"])
            hooks.slowStart(what, StoreUpgrade.startAllowance)
        }
        let store = try Recovery.openStore(config: config, logger: logger)
        try Recovery.continueEmptyLog(log, after: store, logger: logger)
        let sink = try await makeSink(log, logger)
        let recovered = try Recovery.recover(store: store, config: config, lastSeq: log.lastSeq, logger: logger)
        let disposer = Disposer(inboxFD: inboxFD, stateDirectory: config.stateDirectory, mode: config.dispose)
        let committer = Committer(sink: sink, disposer: disposer, config: config, recovered: recovered, logger: logger)
        let intake = Intake(settle: .milliseconds(config.settleMilliseconds), inboxFD: inboxFD)
        let watcher = InotifyWatcher(inbox: config.inbox)
        try await watcher.start()
        hooks.watcherStarted(watcher)
        let scanner = InboxScanner(inboxFD: inboxFD)
        let found = scanner.scan().files
        await committer.pruneLedger(keeping: Set(found))
        found.forEach(intake.touch)
        logger.info("watching the inbox", metadata: ["inbox": "\(inbox)", "files.found": "\(found.count)", "log.seq": "\(log.lastSeq)"])
        hooks.ready()

        let stages = Stages(
            config: config, logger: logger, hooks: hooks, intake: intake, committer: committer, log: log, sink: sink,
            reader: FileReader(inboxFD: inboxFD, maxFileSize: config.maxFileSize), disposer: disposer,
            scanner: scanner, analyzer: analyzer)
        running.withLock { $0 = (log, stages) }
        await withGracefulShutdownHandler {
            await stages.run(watcher: watcher)
        } onGracefulShutdown: {
            watcher.stop()
            stages.stop()
        }
        await stages.persist()
        if let fatal = stages.fatalFailure {
            watcher.stop()
            throw fatal
        }
        logger.info("stopped", metadata: ["log.seq": "\(log.lastSeq)"])
    }

    static func realPath(_ path: String) throws -> String {
        guard let resolved = Posix.realPath(path) else { throw SystemCallError("realpath", path: path) }
        return resolved
    }
}
