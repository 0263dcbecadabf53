import Glibc
import Logging
import TestSupport
import Testing

@testable import DepecheCore

@Suite struct JournalLogHandlerTests {
    /// A pipe whose write end a handler writes to and whose read end the test reads.
    private final class Pipe {
        let read: Int32
        let write: Int32
        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw POSIXFailure(call: "pipe") }
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFL, O_NONBLOCK)
        }
        deinit {
            close(read)
            close(write)
        }
        /// Everything written so far.
        func drain() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while case let count = Glibc.read(read, &buffer, buffer.count), count > 0 { bytes += buffer[..<count] }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private func logger(_ format: JournalLogHandler.Format, _ pipe: Pipe, level: Logger.Level = .info) -> Logger {
        let output = JournalLogHandler.Output(fd: pipe.write)
        var logger = Logger(label: "depeche") { label in JournalLogHandler(label: label, format: format, output: output) }
        logger.logLevel = level
        return logger
    }

    @Test func journalLinesCarryTheSyslogPriority() throws {
        let pipe = try Pipe()
        let log = logger(.journal, pipe, level: .trace)
        log.trace("t")
        log.debug("d")
        log.info("i")
        log.notice("n")
        log.warning("w")
        log.error("e")
        log.critical("c")
        #expect(pipe.drain() == "<7>t\n<7>d\n<6>i\n<5>n\n<4>w\n<3>e\n<2>c\n")
    }

    @Test func metadataFollowsTheMessageSortedAndQuotedWhenNeeded() throws {
        let pipe = try Pipe()
        var log = logger(.journal, pipe)
        log[metadataKey: "doc.id"] = "sha256:ab12"
        log.warning(
            "file rejected",
            metadata: ["reject.reason": "empty body", "file.path": "/var/lib/depeche/inbox/a=b.html", "size": "0"]
        )
        #expect(
            pipe.drain()
                == #"<4>file rejected doc.id=sha256:ab12 file.path="/var/lib/depeche/inbox/a=b.html" reject.reason="empty body" size=0"#
                + "\n")
    }

    @Test func aRecordIsAlwaysOneLine() throws {
        let pipe = try Pipe()
        let log = logger(.journal, pipe)
        log.warning("duplicate\nfile", metadata: ["file.path": "/inbox/evil\n<2>forged \"line\"\\"])
        let text = pipe.drain()
        #expect(text == #"<4>duplicate\nfile file.path="/inbox/evil\n<2>forged \"line\"\\""# + "\n")
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test func levelBelowTheLoggersIsDropped() throws {
        let pipe = try Pipe()
        let log = logger(.journal, pipe, level: .notice)
        log.info("not shown")
        log.notice("shown")
        #expect(pipe.drain() == "<5>shown\n")
    }

    @Test func plainLinesStartWithATimestampLevelAndLabel() throws {
        let pipe = try Pipe()
        logger(.plain, pipe).error("event log not writable", metadata: ["file.path": "/var/lib/depeche/state/events"])
        let line = pipe.drain()
        let stamp = line.prefix(28)  // 2025-06-01T14:03:07.123+0200
        #expect(stamp.count == 28)
        #expect(stamp.utf8.enumerated().allSatisfy { index, byte in
            switch index {
            case 4, 7: byte == UInt8(ascii: "-")
            case 10: byte == UInt8(ascii: "T")
            case 13, 16: byte == UInt8(ascii: ":")
            case 19: byte == UInt8(ascii: ".")
            case 23: byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            default: byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            }
        })
        #expect(line.dropFirst(28) == " error depeche: event log not writable file.path=/var/lib/depeche/state/events\n")
    }

    @Test func millisecondsArePaddedToThreeDigits() {
        let stamp = JournalLine.timestamp(timespec(tv_sec: 1_748_786_587, tv_nsec: 7_000_000))
        #expect(stamp.count == 28)
        #expect(stamp.dropFirst(19).prefix(4) == ".007")
    }

    @Test func journalIsDetectedOnlyWhenJournalStreamNamesTheFd() throws {
        let pipe = try Pipe()
        var status = stat()
        #expect(fstat(pipe.write, &status) == 0)
        let matching = "\(status.st_dev):\(status.st_ino)"
        #expect(JournalLogHandler.Format.detect(environment: ["JOURNAL_STREAM": matching], fd: pipe.write) == .journal)
        #expect(JournalLogHandler.Format.detect(environment: ["JOURNAL_STREAM": "\(status.st_dev):1"], fd: pipe.write) == .plain)
        #expect(JournalLogHandler.Format.detect(environment: ["JOURNAL_STREAM": "garbage"], fd: pipe.write) == .plain)
        #expect(JournalLogHandler.Format.detect(environment: [:], fd: pipe.write) == .plain)
    }
}
