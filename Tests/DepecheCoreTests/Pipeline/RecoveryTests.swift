import Logging
import Testing
@testable import DepecheCore

/// Start-up's recovery of the store against the log, when the two disagree.
@Suite struct RecoveryTests {
    let state = TemporaryDirectory()
    var config: DepecheConfig { InMemoryDefaults.config(inbox: state.url("inbox"), state: state.path) }

    /// A store that has seen events 1–3 (one document, seq 2).
    func storeAtSeq3() throws -> StateStore {
        let store = try Recovery.openStore(config: config, logger: .quiet)
        let document = StoredDocument(
            id: ContentHash.id(of: Array("page".utf8)), seq: 2, textHash: nil, simhash: 0x1234, sketch: MinHashSketch(low: 1, high: 2))
        try store.apply([.document(document)], through: 3)
        return store
    }

    @Test func aLogHoldingNoEventsGoesOnAfterTheStoresSeqAndTheStoreKeepsItsDocuments() throws {
        let store = try storeAtSeq3()
        let log = try JSONLEventLog(options: .init(config), logger: .quiet)
        #expect(log.lastSeq == 0)
        try Recovery.continueEmptyLog(log, after: store, logger: .quiet)
        #expect(log.lastSeq == 3 && log.durableSeq == 3)
        let recovered = try Recovery.recover(store: store, config: config, lastSeq: log.lastSeq, logger: .quiet)
        #expect(recovered.seq == 3)
        #expect(try store.read { try $0.documentCount() } == 1)
        #expect(try log.append(JSONLEventLogTests.event("next.txt")) == 4)
        #expect(try EventLogCheck.run(activePath: log.path).firstSeq == 4)
    }

    @Test func aLogBehindTheStoreThatHoldsEventsRebuildsTheStoreFromIt() throws {
        let store = try storeAtSeq3()
        let log = try JSONLEventLog(options: .init(config), logger: .quiet)
        _ = try log.append(JSONLEventLogTests.event("a.txt"))
        try Recovery.continueEmptyLog(log, after: store, logger: .quiet)
        #expect(log.lastSeq == 1)
        let recovered = try Recovery.recover(store: store, config: config, lastSeq: log.lastSeq, logger: .quiet)
        #expect(recovered.seq == 1)
        #expect(try store.seq() == 1)
        #expect(try store.read { try $0.documentCount() } == 0)
    }
}
