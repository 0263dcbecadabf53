import Testing
@testable import DepecheCore

@Suite struct PendingChangesTests {
    /// Events 1…`count`, each a document and its ledger entry, with a file gone in between.
    func pending(_ count: Int) -> PendingChanges {
        var pending = PendingChanges(appliedSeq: 0)
        for seq in 1...count {
            pending.append(.document(StoredDocument(id: "sha256:\(seq)", seq: seq, textHash: nil, simhash: nil, sketch: MinHashSketch(low: 0, high: 0))))
            let entry = DispositionLedger.Entry(identity: FileIdentity(inode: UInt64(seq), size: 1, mtimeNanoseconds: 1), seq: seq, id: nil, rejected: false)
            pending.append(.ledgerRecord(InboxPath("\(seq).txt"), entry))
            if seq == 3 { pending.append(.ledgerRemove(InboxPath("1.txt"))) }
        }
        return pending
    }

    @Test func aPrefixEndsAtTheDurableSeq() {
        let (changes, count, seq) = pending(10).prefix(through: 4, documents: 16)
        #expect(count == 9 && changes.count == 9 && seq == 4)
    }

    /// Past `limit` documents the prefix ends before the next one, with every change of the
    /// events it holds, and brings the store to the last of them.
    @Test func aPrefixHoldsAtMostLimitDocuments() {
        var pending = pending(40)
        var transactions: [(count: Int, seq: Int)] = []
        while pending.appliedSeq < 40 {
            let (_, count, seq) = pending.prefix(through: 40, documents: 16)
            transactions.append((count, seq))
            pending.removeFirst(count, appliedThrough: seq)
        }
        #expect(transactions.map(\.seq) == [16, 32, 40])
        #expect(transactions.map(\.count) == [33, 32, 16])
    }
}
