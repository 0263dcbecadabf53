import DepecheCore
import FuzzDriver
import FuzzReplay
import Glibc
import Logging

/// Any bytes as an event log and an index snapshot (see FuzzReplay.eventLog), in a private
/// scratch state directory on /dev/shm.
enum Target {
    static let directory = "/dev/shm/depeche-fuzz-eventlog-\(getpid())"
    /// The event log's options there, set before fuzzing starts.
    nonisolated(unsafe) static var options: JSONLEventLog.Options?
    // nonisolated(unsafe): written once below, before libFuzzer's single thread reads it.
    static let quiet = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })
}

mkdir(Target.directory, 0o700)
atexit {
    unlink(Target.directory + "/events.jsonl")
    unlink(Target.directory + "/index.snapshot")
    rmdir(Target.directory)
}
let config = try await ConfigLoader.load(file: nil, environment: [:], overrides: ["state_dir": Target.directory, "log.fsync": "never"])
Target.options = JSONLEventLog.Options(config)
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(depeche_fuzz_run(&argc, &argv) { data, size in
    guard let options = Target.options else { return 0 }
    FuzzReplay.eventLog(
        Array(UnsafeBufferPointer(start: data, count: size)), options: options,
        snapshotPath: Target.directory + "/index.snapshot", logger: Target.quiet)
    return 0
})
