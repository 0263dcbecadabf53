extension PipelineCounters {
    /// Counts one appended event: its outcome, the file's size and the time since the file
    /// was received (`now` − `receipt.received`).
    public func record(_ event: DocumentEvent, at now: Timestamp = .now()) {
        let receipt = event.receipt
        let bytes = receipt.identity?.size ?? 0
        let latency = Duration.nanoseconds(max(0, now.nanoseconds - receipt.received.nanoseconds))
        switch event {
        case .ingested:
            documentIngested(bytes: bytes, latency: latency)
        case .duplicate(let duplicate):
            duplicateFound(match: duplicate.match.rawValue, bytes: bytes, latency: latency)
        case .rejected(let rejected):
            documentRejected(reason: rejected.rejection.reason.rawValue, bytes: bytes, latency: latency)
        }
    }
}
