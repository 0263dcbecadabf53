import DepecheCore
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Implements ``ForeignDocumentFeed`` for a cluster: reads the `document.ingested` events of
/// the stream (`<prefix>.doc.>`, every host's) from a stream sequence on, through an ephemeral
/// pull consumer, and hands over those of other hosts in batches (one per fetch, at most 256
/// messages, positioned at the last message's stream sequence, this host's own included).
///
/// The C client's calls block, so they run on a thread of their own (`depeche-follow`), never
/// on the cooperative pool; the thread fetches the next batch only once the previous one was
/// taken, so at most one batch waits in memory however far behind the reader is.
struct ForeignDocumentFollower: ForeignDocumentFeed {
    let connection: JetStreamConnection
    let settings: SinkSettings.NATS

    func follow(after position: UInt64, _ receive: @escaping @Sendable (ForeignDocumentBatch) async throws -> Void) async throws {
        let (batches, continuation) = AsyncThrowingStream.makeStream(of: ForeignDocumentBatch.self)
        let handoff = Handoff()
        continuation.onTermination = { _ in handoff.stop() }
        let (connection, settings) = (connection, settings)
        Thread {
            ThreadName.set("depeche-follow")
            do {
                try Self.read(after: position, connection: connection, settings: settings, handoff: handoff) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }.start()
        for try await batch in batches {
            try await receive(batch)
            handoff.taken()
        }
    }

    /// The thread's loop: fetch, parse, hand over, wait until taken; until stopped or failed.
    private static func read(
        after position: UInt64, connection: JetStreamConnection, settings: SinkSettings.NATS, handoff: Handoff,
        send: (ForeignDocumentBatch) -> Void
    ) throws {
        let reader = try StreamReader(
            connection: connection, settings: settings, start: .sequence(position + 1), subject: "\(settings.subjectPrefix).doc.>")
        var documents: [ForeignDocument] = []
        var last = position
        let ownHost = OwnHostMarker(hostID: settings.hostID)
        let endOfBatch = {
            guard last > position || !documents.isEmpty else { return }
            send(ForeignDocumentBatch(documents: documents, position: last))
            documents.removeAll()
            handoff.waitUntilTaken()
        }
        try reader.read(follow: true, patience: .seconds(10), shouldStop: { handoff.isStopped }, endOfBatch: endOfBatch) { message in
            last = message.streamSeq
            // This host's own documents (as many as the others' together) are not parsed at all.
            if ownHost?.marks(message.data) == true { return }
            guard let event = try? EventLogReader.parse(message.data, path: "nats:\(settings.stream)", lineNumber: Int(message.streamSeq)),
                let document = ForeignDocument.described(by: event, at: message.streamSeq, localHost: settings.hostID)
            else { return }
            documents.append(document)
        }
    }
}

/// The follower thread's side of the hand-over: it waits until the async side took the batch,
/// or was stopped.
private final class Handoff: Sendable {
    private let takenSignal = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// The async side handled the last batch.
    func taken() { takenSignal.signal() }

    /// Blocks the thread until ``taken()`` or ``stop()``.
    func waitUntilTaken() {
        if !isStopped { takenSignal.wait() }
    }

    /// The async side is gone: the thread stops at its next fetch.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        takenSignal.signal()
    }
}

/// `"host":"<this host>"` as the event's JSON writes it: found in a message's bytes, the
/// message is this host's own. Only for host ids that JSON writes unescaped (letters, digits,
/// ".", "-", "_"); others are told apart by parsing.
private struct OwnHostMarker {
    let needle: BytePattern

    init?(hostID: String) {
        guard !hostID.isEmpty, hostID.utf8.allSatisfy({ byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2E || byte == 0x2D
                || byte == 0x5F
        }) else { return nil }
        needle = BytePattern("\"host\":\"\(hostID)\"")
    }

    /// Whether `bytes` hold the marker ("near_duplicate_host" does not: a quote must open "host").
    func marks(_ bytes: [UInt8]) -> Bool { ByteSearch.contains(needle, in: bytes) }
}
