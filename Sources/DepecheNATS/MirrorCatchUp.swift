import DepecheCore
import Logging

/// Start-up after a crash. An event the server acknowledged may be missing from the local log
/// (the process died between the two), and, with several events in flight, the stream may hold
/// a later event of this host and not an earlier one (refused or lost, and not yet published
/// again). Reads the stream after the saved cursor and appends to the mirror, in `seq` order,
/// every event of this host beyond the mirror's last; an event the stream lacks is published
/// again from the ``Outbox``, under the same rules, so no `seq` is left without its event. The
/// dedup state and the disposition ledger recovered from the mirror then know every event, and
/// their files are moved without a second event.
enum MirrorCatchUp {
    /// This host's events after the mirror's last are neither in the stream nor in the outbox,
    /// though the stream holds later ones.
    struct Hole: Error, CustomStringConvertible {
        var seq: Int
        var outbox: String
        var description: String {
            "NATS: this host's event seq \(seq) is in neither the stream nor \(outbox), though the stream holds later ones; "
                + "the local state cannot be brought up to date (was the outbox removed?)"
        }
    }

    /// Copies the missing events, and publishes those the stream lacks.
    static func run(publisher: Publisher) throws {
        let (settings, mirror, cursor) = (publisher.settings, publisher.mirror, publisher.cursor)
        let reader = try StreamReader(connection: publisher.connection, settings: settings, start: .sequence(cursor.value + 1))
        var copied = 0
        var ahead: [Int: StreamReader.Message] = [:]
        var lastRead = cursor.value
        let read = try reader.read(follow: false) { message in
            lastRead = message.streamSeq
            let event = try EventLogReader.parse(message.data, path: "nats:\(settings.stream)", lineNumber: Int(message.streamSeq))
            if event.string("host") == settings.hostID, let seq = event.seq, seq > mirror.lastSeq {
                ahead[seq] = message
                while let next = ahead.removeValue(forKey: mirror.lastSeq + 1) {
                    try mirror.append(line: next.data + [UInt8(ascii: "\n")], seq: mirror.lastSeq + 1)
                    copied += 1
                }
            }
            if ahead.isEmpty { cursor.advance(to: message.streamSeq) }
        }
        var republished = 0
        let intents = publisher.outbox.intents().filter { $0.key > mirror.lastSeq }
        let last = max(ahead.keys.max() ?? 0, intents.keys.max() ?? 0)
        while mirror.lastSeq < last {
            let seq = mirror.lastSeq + 1
            if let message = ahead.removeValue(forKey: seq) {
                try mirror.append(line: message.data + [UInt8(ascii: "\n")], seq: seq)
                copied += 1
            } else if let intent = intents[seq], let outgoing = OutgoingEvent(intent: intent, settings: settings) {
                publisher.record(try PublishDecision.decide(outgoing, answer: nil, through: publisher), of: outgoing)
                republished += 1
            } else {
                throw Hole(seq: seq, outbox: publisher.outbox.path)
            }
        }
        cursor.advance(to: lastRead)
        publisher.logger.info("local log caught up with the NATS stream", metadata: [
            "nats.stream": "\(settings.stream)", "nats.read": "\(read)", "events.copied": "\(copied)",
            "events.republished": "\(republished)", "log.seq": "\(mirror.lastSeq)",
        ])
    }
}
