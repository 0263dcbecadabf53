/// The gazetteer's longest match at each word that may start a name, looked up once per text.
///
/// The name recognisers ask about the same capitalised words several times (candidates, runs
/// of capitals, their classification): they read this table instead of matching again.
struct GazetteerHits {
    /// 8 bytes a token: a spelling spans at most `Gazetteer.longestSpelling` tokens, a clitic one scalar.
    private struct Hit {
        var entry: Int32 = -1
        /// `last` minus the first token.
        var span: UInt8 = 0
        var skipped: UInt8 = 0
    }

    private var hits: [Hit]
    /// The words looked up (those that may start a name), in text order.
    private(set) var looked: [Int] = []

    /// Looks up every word of `range` that is capitalised, Arabic, a brand ("easyJet"), a
    /// lowercase organisation head ("ministère", "coopérative") or the start of a lowercase spelling ("inwi").
    init(text: TokenizedText, gazetteer: Gazetteer, range: Range<Int>) {
        var hits = [Hit](repeating: Hit(), count: text.tokens.count)
        var looked: [Int] = []
        looked.reserveCapacity(range.count / 8 + 8)
        let nameLike: TokenFlags = [.capitalized, .arabic, .innerCapital]
        text.tokens.withUnsafeBufferPointer { tokens in
            for index in range {
                let token = tokens[index]
                guard token.kind == .word else { continue }
                guard !token.flags.isDisjoint(with: nameLike) || gazetteer.opensLowercaseName(token) else { continue }
                looked.append(index)
            }
        }
        for index in looked {
            guard let found = gazetteer.longestMatch(in: text, at: index) else { continue }
            hits[index] = Hit(entry: Int32(found.entry), span: UInt8(found.last - index), skipped: UInt8(found.skipped))
        }
        self.hits = hits
        self.looked = looked
    }

    /// The match starting at token `index`: its entry, last token and skipped clitic scalars.
    @inline(__always)
    subscript(index: Int) -> (entry: Int, last: Int, skipped: Int)? {
        guard index >= 0, index < hits.count else { return nil }
        let hit = hits[index]
        return hit.entry < 0 ? nil : (Int(hit.entry), index + Int(hit.span), Int(hit.skipped))
    }
}
