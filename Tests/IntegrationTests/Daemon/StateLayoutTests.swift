import Glibc
import Testing

/// A state directory inside the inbox (or the inbox inside the state directory), also
/// through a symlink, is refused by `depeche run` and `depeche check`, naming both paths.
@Suite struct StateLayoutTests {
    /// Starts a daemon on `inbox` and `state`, expects it to exit at once, non-zero, with a
    /// journal naming both; `depeche check` must refuse the same configuration.
    private func expectRefused(inbox: String, state: String, in scratch: ScratchDirectory, naming names: [String]) async throws {
        let daemon = try DaemonProcess(inbox: inbox, stateDirectory: state, settings: ["intake.settle_ms": "50"], workDirectory: scratch.path)
        defer { daemon.kill() }
        try await daemon.start(waitUntilReady: false)
        #expect(await daemon.waitUntil(timeout: .seconds(5)) { !daemon.isRunning }, "still running:\n\(daemon.journalTail())")
        #expect(await daemon.terminate() ?? 0 != 0)
        let journal = daemon.journal()
        for name in names { #expect(journal.contains(name), "\(name) not named in:\n\(journal)") }
        let check = try daemon.check()
        #expect(check.status != 0)
        for name in names { #expect(check.stdout.contains(name), "\(name) not named in:\n\(check.stdout)") }
    }

    /// `--inbox ./var --state-dir ./var/state`, and the same through a symlink that leads
    /// from outside the inbox into it.
    @Test(arguments: [false, true]) func aStateDirectoryInsideTheInboxIsRefused(throughASymlink: Bool) async throws {
        let scratch = try ScratchDirectory(label: "stateininbox")
        defer { scratch.remove() }
        let inbox = scratch.appending("var")
        try FileSystem.makeDirectories(inbox + "/deep")
        if throughASymlink { #expect(symlink(inbox + "/deep", scratch.appending("elsewhere")) == 0) }
        let state = throughASymlink ? scratch.appending("elsewhere/state") : inbox + "/state"
        try await expectRefused(inbox: inbox, state: state, in: scratch, naming: [inbox, state])
        #expect(FileSystem.kind(state) == nil, "the state directory was created")
        #expect(FileSystem.nonDirectories(below: inbox).isEmpty)
    }

    @Test func anInboxInsideTheStateDirectoryIsRefused() async throws {
        let scratch = try ScratchDirectory(label: "inboxinstate")
        defer { scratch.remove() }
        let state = scratch.appending("state")
        try FileSystem.makeDirectories(state + "/inbox")
        try await expectRefused(inbox: state + "/inbox", state: state, in: scratch, naming: [state, state + "/inbox"])
    }

    /// `--inbox` naming a file, and `--state-dir` naming a file or a path under one: refused as
    /// configuration, naming the file (not an errno from whatever call met it first), and
    /// nothing is created.
    @Test(arguments: ["inbox", "state", "under state"]) func aFileWhereADirectoryBelongsIsRefused(where place: String) async throws {
        let scratch = try ScratchDirectory(label: "fileasdir")
        defer { scratch.remove() }
        let file = scratch.appending("page.txt")
        try FileSystem.write(Array("not a directory\n".utf8), to: file)
        let (inbox, state) = switch place {
        case "inbox": (file, scratch.appending("state"))
        case "state": (scratch.appending("inbox"), file)
        default: (scratch.appending("inbox"), file + "/state")
        }
        try await expectRefused(
            inbox: inbox, state: state, in: scratch,
            naming: [place == "inbox" ? "config: inbox: " : "config: state_dir: ", file + (place == "under state" ? " is a regular file" : "")])
        #expect(FileSystem.kind(scratch.appending(place == "inbox" ? "state" : "inbox")) == nil, "a directory was created")
        #expect(try FileSystem.read(file) == Array("not a directory\n".utf8))
    }

    @Test func siblingsAreAccepted() async throws {
        let run = try DaemonSandbox(label: "siblings", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        #expect(try run.daemon.check().status == 0)
        #expect(await run.daemon.terminate() == 0)
    }
}
