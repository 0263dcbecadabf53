import DepecheCore
import Logging

/// Start-up after a crash: an event the server acknowledged may be missing from the local log
/// (the process died between the two). Reads the stream after the saved cursor and appends to
/// the mirror every event of this host with a `seq` beyond the mirror's last, in order, so the
/// dedup state and the disposition ledger recovered from the mirror know it, and its file is
/// moved without a second event.
enum MirrorCatchUp {
    /// Copies the missing events.
    static func run(
        connection: JetStreamConnection, settings: SinkSettings.NATS, mirror: JSONLEventLog, cursor: MirrorCursor, logger: Logger
    ) throws {
        let reader = try StreamReader(connection: connection, settings: settings, start: .sequence(cursor.value + 1))
        var copied = 0
        let read = try reader.read(follow: false) { message in
            let event = try EventLogReader.parse(message.data, path: "nats:\(settings.stream)", lineNumber: Int(message.streamSeq))
            guard event.string("host") == settings.hostID, let seq = event.seq else { return }
            if seq > mirror.lastSeq {
                try mirror.append(line: message.data + [UInt8(ascii: "\n")], seq: seq)
                copied += 1
            }
            cursor.advance(to: message.streamSeq)
        }
        logger.info("local log caught up with the NATS stream", metadata: [
            "nats.stream": "\(settings.stream)", "nats.read": "\(read)", "events.copied": "\(copied)", "log.seq": "\(mirror.lastSeq)",
        ])
    }
}
