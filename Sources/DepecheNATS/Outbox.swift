import DepecheCore
import Foundation
import Glibc

/// The batch of this host's events being published, written (`state/nats.outbox`) before any
/// of them is sent. Several are in flight at once, and the server may store a later one while
/// an earlier one is refused (its content already ingested by another host: this host then
/// publishes a `document.duplicate` with the same `seq`) or lost with a connection. A crash in
/// between leaves a hole in this host's `seq` in the stream; at start, ``MirrorCatchUp`` fills
/// it from here, publishing the event again under the same rules. Written without `fsync`: it
/// covers a crash of the process, the stream itself being the durable copy.
final class Outbox: Sendable {
    let path: String
    private let fd: Int32

    /// Opens (or creates) the outbox at `path`.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw SystemCallError("open", path: path) }
    }

    deinit { close(fd) }

    /// Replaces what the outbox holds with `bodies`, one event a line. Emptied first, so a crash
    /// while it is written leaves a part of this batch, never a mix with the previous one (all
    /// of whose events were decided before this batch began).
    func replace(with bodies: [[UInt8]]) throws {
        guard ftruncate(fd, 0) == 0 else { throw SystemCallError("ftruncate", path: path) }
        var data: [UInt8] = []
        data.reserveCapacity(bodies.reduce(0) { $0 + $1.count + 1 })
        for body in bodies {
            data.append(contentsOf: body)
            data.append(UInt8(ascii: "\n"))
        }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { pwrite(fd, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("pwrite", path: path)
            }
            offset += written
        }
    }

    /// The events it holds, by `seq`; a line a crash cut short is left out (its event was not
    /// sent: nothing is sent before the whole batch is written).
    func intents() -> [Int: LoggedEvent] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var events: [Int: LoggedEvent] = [:]
        for (number, line) in Array(data).split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let event = try? EventLogReader.parse(Array(line), path: path, lineNumber: number + 1), let seq = event.seq else { continue }
            events[seq] = event
        }
        return events
    }
}
