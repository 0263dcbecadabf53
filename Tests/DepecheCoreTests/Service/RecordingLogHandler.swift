import Logging
@testable import DepecheCore

/// Keeps every log record in memory, for tests that check what a component logs.
struct RecordingLogHandler: LogHandler {
    /// One record: its level, message and metadata.
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    /// The records of every logger made by ``logger(label:)`` of one store.
    final class Store: Sendable {
        private let records = Locked<[Record]>([])
        var all: [Record] { records.withLock { $0 } }
        func append(_ record: Record) { records.withLock { $0.append(record) } }

        /// A logger whose records land in this store.
        func logger(label: String = "test") -> Logger {
            Logger(label: label) { _ in RecordingLogHandler(store: self) }
        }
    }

    let store: Store
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append(Record(level: event.level, message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}
