import Glibc
import Testing
@testable import DepecheCore

@Suite struct DaemonPresenceTests {
    let directory = TemporaryDirectory()

    @Test func theStateDirectorysLockTellsWhetherADaemonRuns() throws {
        #expect(DaemonPresence.of(stateDirectory: directory.path) == .stopped, "no lock file: no daemon ever ran there")
        var lock: StateDirectoryLock? = try StateDirectoryLock(stateDirectory: directory.path)
        #expect(DaemonPresence.of(stateDirectory: directory.path) == .running(pid: getpid()))
        withExtendedLifetime(lock) {}
        lock = nil
        #expect(DaemonPresence.of(stateDirectory: directory.path) == .stopped, "the lock file stays, the lock went with its holder")
        #expect(directory.read(StateDirectoryLock.fileName) != nil)
    }
}
