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

    /// An id from its four 64-bit words (as hex).
    private static func id(_ words: [UInt64]) -> String {
        "sha256:" + words.map { String(repeating: "0", count: 16 - String($0, radix: 16).count) + String($0, radix: 16) }.joined()
    }

    /// The indexes answer as a scan of every pending document does, through random appends
    /// (contents and articles repeated, and two ids whose 128-bit keys are the same), removals
    /// of the first changes and revisions in the middle; and the near lookup's one pass as two
    /// scans, one of the decided documents and one of the others.
    @Test func lookupsAnswerAsAScanThroughRandomChanges() {
        var random = SplitMix64(seed: 29)
        // Ids 0 and 1 share their key (words 0 and 2 differ by the same bits).
        var ids = [Self.id([1, 2, 3, 4]), Self.id([1 ^ 0xFF, 2, 3 ^ 0xFF, 4])]
        ids += (5..<15).map { Self.id([UInt64($0), 7, 8, 9]) }
        let texts: [String?] = [nil] + (20..<26).map { Self.id([UInt64($0), 1, 1, 1]) }
        let simhashes: [UInt64] = [0, 0b1011, 0xFFFF, 0xF0F0_F0F0, 1 << 40]
        let sketches = [
            MinHashSketch(low: 1, high: 2), MinHashSketch(low: 1, high: 3), MinHashSketch(low: 0xFF00, high: 2),
            MinHashSketch(low: 0x0102_0304_0506_0708, high: 0x1112_1314_1516_1718),
        ]
        var pending = PendingChanges(appliedSeq: 0)
        var model: [StoredDocument] = []
        var kinds: [Bool] = []          // the pending changes: a document, or a ledger change
        var seq = 0
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        for step in 0..<3_000 {
            switch random.next() % 20 {
            case 0..<11:
                seq += 1
                let document = StoredDocument(id: pick(ids), seq: seq, textHash: pick(texts), simhash: pick(simhashes), sketch: pick(sketches))
                pending.append(.document(document))
                model.append(document)
                kinds.append(true)
            case 11..<13:
                pending.append(.ledgerRemove(InboxPath("gone-\(step).txt")))
                kinds.append(false)
            case 13..<17:
                let count = Int(random.next() % UInt64(kinds.count + 1))
                pending.removeFirst(count, appliedThrough: seq)
                model.removeFirst(kinds[..<count].count { $0 })
                kinds.removeFirst(count)
            default:
                guard let revised = model.indices.randomElement(using: &random) else { continue }
                pending.removeDocument(seq: model[revised].seq)
                // The change stays among `kinds` only as far as counting goes: `removeDocument` drops it too.
                let position = kinds.indices.filter { kinds[$0] }[revised]
                kinds.remove(at: position)
                model.remove(at: revised)
            }
            for id in ids {
                let expected = model.first { Digest128($0.id) == Digest128(id) && $0.id == id }.map { FirstSeen(id: id, seq: $0.seq) }
                #expect(pending.first(withContent: id) == expected, "step \(step), \(id)")
            }
            for case let text? in texts {
                let expected = model.first { $0.textKey == Digest128(text) }.map { FirstSeen(id: $0.id, seq: $0.seq) }
                #expect(pending.first(withText: text) == expected, "step \(step), \(text)")
            }
            let (simhash, sketch, decided) = (pick(simhashes) ^ 1, pick(sketches), Int(random.next() % UInt64(seq + 1)))
            let found = pending.nearest(simhash: simhash, sketch: sketch, within: 10, decided: decided)
            for (side, range) in [(found.decided, 0...decided), (found.undecided, (decided + 1)...Int.max)] {
                var best: (distance: Int, document: StoredDocument)?
                for document in model where range.contains(document.seq) {
                    let distance = (document.simhash! ^ simhash).nonzeroBitCount
                    guard distance <= min(10, (best?.distance ?? .max) - 1),
                          document.sketch.agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement else { continue }
                    best = (distance, document)
                }
                #expect(side?.seq == best?.document.seq && side?.match.id == best?.document.id && side?.match.distance == best?.distance,
                        "step \(step)")
            }
        }
        #expect(seq > 1_000)
    }
}
