import Glibc
import Testing

extension Reliability {
    /// Start the daemon, drop a burst of files with mixed writers (duplicates and bad files
    /// among them), `kill -9` it at a random moment, restart, and so on; then check every
    /// promise of the contract over the whole run. The state store is written once per group
    /// commit, so a kill lands between store commits, and restarts replay the events after the
    /// store's `seq`.
    ///
    /// `TORTURE_ITERATIONS`, `TORTURE_FILES` (per burst) and `TORTURE_SEED` set the run;
    /// `scripts/torture.sh` does 200 iterations.
    @Suite struct CrashTorture {
        /// Where the kills land besides: with the state directory on another file system
        /// (/dev/shm), every disposal is a copy then an unlink, with crash windows of its own; with
        /// a log rotated every few events, a kill can come inside a rotation (between the sync,
        /// the rename and the new active file).
        enum Layout: CustomStringConvertible, CaseIterable {
            case plain, stateOnAnotherFileSystem, rotatingLog

            var description: String {
                switch self {
                case .plain: ""
                case .stateOnAnotherFileSystem: " (state on another file system)"
                case .rotatingLog: " (log rotated every 16 KiB)"
                }
            }
        }

        @Test(arguments: Layout.allCases)
        func killNineDuringBurstsLosesAndRepeatsNothing(layout: Layout) async throws {
            let iterations = Reliability.environment("TORTURE_ITERATIONS", default: 6)
            let burst = Reliability.environment("TORTURE_FILES", default: 30)
            let seed = UInt64(Reliability.environment("TORTURE_SEED", default: Int(UInt32.random(in: 1...UInt32.max))))
            var random = SeededGenerator(seed: seed)
            let foreignState = try ScratchDirectory(label: "torture-state", base: "/dev/shm")
            var settings = ["intake.settle_ms": "100"]
            if layout == .rotatingLog { settings["log.rotate_bytes"] = "16384" }
            let run = try DaemonSandbox(
                label: "torture", settings: settings, stateDirectory: layout == .stateOnAnotherFileSystem ? foreignState.path : nil)
            defer {
                run.remove()
                foreignState.remove()
            }

            var dropped: [DroppedFile] = []
            var contents: [[UInt8]] = []
            var killedBeforeReady = 0
            for iteration in 0..<iterations {
                let early = Int.random(in: 0..<5, using: &random) == 0
                try await run.daemon.start(waitUntilReady: !early)
                var jobs: [WriteJob] = []
                for index in 0..<burst {
                    let file = TortureRun.nextFile(iteration: iteration, index: index, contents: &contents, using: &random)
                    guard case .bytes(let bytes) = file.content else { continue }
                    let method = WriteMethod.allCases.randomElement(using: &random)!
                    jobs.append(try run.writer.start(bytes, to: FileSystem.display(file.path), method: method))
                    dropped.append(file)
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: early ? 0...60 : 0...900, using: &random)))
                if early && !run.daemon.isReady { killedBeforeReady += 1 }
                run.daemon.kill()
                for job in jobs { try await job.wait() }
            }

            try await run.daemon.start()
            let settled = await run.waitUntilProcessed(dropped.count, timeout: .seconds(90))
            let status = await run.daemon.terminate()
            let check = try run.daemon.check()
            let log = run.daemon.eventLog.read()
            let problems = run.invariants.violations(of: log, dropped: dropped)
            print("""
                crash torture\(layout): seed \(seed), \(iterations) kill -9 (\(killedBeforeReady) before the start-up scan ended), \
                \(dropped.count) files, \(log.events.count) events, \(problems.count) violation(s)
                """)
            #expect(settled, "not every file was processed within 90 s:\n\(run.daemon.journalTail())")
            #expect(status == 0, "SIGTERM exit status \(String(describing: status)):\n\(run.daemon.journalTail())")
            #expect(check.status == 0, "depeche check: \(check.stdout)\(check.stderr)")
            if layout == .rotatingLog {
                #expect(run.daemon.eventLog.segmentPaths().count >= iterations, "the log was not rotated as often as the layout means")
            }
            #expect(problems.isEmpty, "seed \(seed):\n\(problems.prefix(40).joined(separator: "\n"))\n\(run.daemon.journalTail())")
        }
    }
}

/// How a torture run makes its bursts.
private enum TortureRun {
    /// The next file of a burst: mostly new pages, some copies of earlier ones, some bad
    /// files; a third of them in per-site subdirectories. Names are unique over the run.
    static func nextFile(iteration: Int, index: Int, contents: inout [[UInt8]], using random: inout SeededGenerator) -> DroppedFile {
        let directory = Int.random(in: 0..<3, using: &random) == 0 ? "site-\(Int.random(in: 0..<3, using: &random))/" : ""
        let name = "\(directory)i\(iteration)-f\(index)"
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<15 where !contents.isEmpty:
            return DroppedFile(path: Array("\(name).txt".utf8), bytes: contents.randomElement(using: &random)!, expected: .document)
        case 0..<30:
            let bad = TestPages.bad(serial: iteration * 1000 + index)
            return DroppedFile(path: Array("\(name).bin".utf8), bytes: bad.bytes, expected: .rejected(bad.reason))
        default:
            let page = TestPages.page(serial: iteration * 1000 + index, paragraphCount: Int.random(in: 2...40, using: &random))
            contents.append(page)
            return DroppedFile(path: Array("\(name).txt".utf8), bytes: page, expected: .document)
        }
    }
}
