/// Turns mentions into entities: one per distinct thing, in order of first mention, with its
/// first surface form, its mention count, its offsets and its canonical name.
struct EntityAssembler {
    let text: TokenizedText
    let gazetteer: Gazetteer

    private struct Draft {
        var entity: Entity
        var firstOffset: Int
    }

    /// What makes two numeric mentions one entity: same type, value, currency and unit, mixed
    /// into 64 bits (a `KeyTable` key: no SipHash, and no collision among an article's few values).
    private struct ValueKey {
        private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

        init(_ type: EntityType, _ entityValue: EntityValue, currency: String? = nil, unit: UInt64 = 0) {
            switch type {
            case .person: mix(1)
            case .org: mix(2)
            case .loc: mix(3)
            case .money: mix(4)
            case .percent: mix(5)
            case .date: mix(6)
            case .quantity: mix(7)
            }
            switch entityValue {
            case .number(let number): mix(number.bitPattern)
            case .date(let iso): mix(FoldedKey.of(iso))
            }
            if let currency { mix(FoldedKey.of(currency)) }
            mix(unit)
        }

        private mutating func mix(_ word: UInt64) {
            value = (value ^ word) &* 0xBF58_476D_1CE4_E5B9
            value ^= value >> 31
        }
    }

    /// Entities for the recognised dates, measures and names.
    func entities(dates: [DateMention], reference: (year: Int, month: Int?)?, measures: [MeasureMention],
                  names: NameRecognizer.Result) -> [Entity] {
        var drafts: [Draft] = []
        var index = KeyTable<Int>()
        func add(_ key: ValueKey, _ range: Range<Int>, _ make: () -> Entity) {
            if let known = index[key.value] {
                drafts[known].entity.count += 1
                drafts[known].entity.offsets.append(range)
            } else {
                index[key.value] = drafts.count
                drafts.append(Draft(entity: make(), firstOffset: range.lowerBound))
            }
        }
        for date in dates {
            let iso = date.iso(reference: reference)
            let range = span(date.first, date.last)
            add(ValueKey(.date, .date(iso)), range) {
                Entity(type: .date, text: text.string(tokens: date.first, date.last), count: 1, value: .date(iso),
                       offsets: [range])
            }
        }
        for measure in measures {
            let range = span(measure.first, measure.last)
            let key = ValueKey(measure.type, .number(measure.value), currency: measure.currency,
                               unit: measure.unit.map { FoldedKey.of($0) } ?? 0)
            add(key, range) {
                Entity(type: measure.type, text: text.string(tokens: measure.first, measure.last), count: 1,
                       value: .number(measure.value),
                       currency: measure.currency, unit: measure.unit, offsets: [range])
            }
        }
        addNameDrafts(names, to: &drafts)
        // Order indices, not drafts (moving entities means retaining their strings and arrays),
        // each beside its offset.
        var order = drafts.indices.map { (offset: drafts[$0].firstOffset, index: $0) }
        order.sort { $0.offset != $1.offset ? $0.offset < $1.offset : $0.index < $1.index }
        return order.map { drafts[$0.index].entity }
    }

    private func addNameDrafts(_ names: NameRecognizer.Result, to drafts: inout [Draft]) {
        // The mentions of each cluster, in text order, by a counting sort of their indices
        // (no array per cluster).
        let mentions = names.mentions
        var starts = [Int](repeating: 0, count: names.clusters + 1)
        for mention in mentions { starts[mention.cluster + 1] += 1 }
        for cluster in 0..<names.clusters { starts[cluster + 1] += starts[cluster] }
        var order = [Int](repeating: 0, count: mentions.count)
        var next = starts
        for (index, mention) in mentions.enumerated() {
            order[next[mention.cluster]] = index
            next[mention.cluster] += 1
        }
        drafts.reserveCapacity(drafts.count + names.clusters)
        for cluster in 0..<names.clusters {
            let members = order[starts[cluster]..<starts[cluster + 1]]
            guard let first = members.first else { continue }
            var strongest = mentions[first]
            for index in members where mentions[index].evidence > strongest.evidence { strongest = mentions[index] }
            guard let type = strongest.type else { continue }
            let range = mentions[first].range
            drafts.append(Draft(entity: Entity(type: type, text: nameSurface(mentions[first]), count: members.count,
                                               canonical: canonical(of: members, in: mentions),
                                               offsets: members.map { mentions[$0].range }),
                                firstOffset: range.lowerBound))
        }
    }

    /// The gazetteer's or the acronym's name; for spelling variants, the most frequent form
    /// (ties: the longest, then the first seen); nil when every mention is written alike and
    /// nothing links it.
    private func canonical(of members: ArraySlice<Int>, in mentions: [NameMention]) -> String? {
        let known = members.first { mentions[$0].evidence == .gazetteer && mentions[$0].canonical != nil }
            ?? members.first { mentions[$0].canonical != nil }
        if let known, let name = mentions[known].canonical {
            switch name {
            case .entry(let index): return gazetteer.entries[index].name
            case .expansion(let tokens): return text.string(tokens: tokens.lowerBound, tokens.upperBound)
            }
        }
        guard members.count > 1 else { return nil }
        // Spellings as written (case kept), counted; clusters are small, a list is enough.
        var spellings: [(key: UInt64, count: Int, range: Range<Int>, firstToken: Int)] = []
        for index in members {
            let (range, firstToken) = (mentions[index].range, mentions[index].firstToken)
            var key = FoldedKey()
            text.forEachScalar(in: range, from: firstToken) { key.add(folded: $0) }
            if let known = spellings.firstIndex(where: { $0.key == key.value }) {
                spellings[known].count += 1
            } else {
                spellings.append((key.value, 1, range, firstToken))
            }
        }
        guard spellings.count > 1, var best = spellings.first else { return nil }
        for spelling in spellings.dropFirst()
        where (spelling.count, spelling.range.count) > (best.count, best.range.count) {
            best = spelling
        }
        return text.string(best.range.lowerBound, best.range.upperBound, from: best.firstToken)
    }

    /// A name as written, except that a name read inside "لل" (ل + ال, "للمكتب الوطني") gets its
    /// article back: "المكتب الوطني".
    private func nameSurface(_ mention: NameMention) -> String {
        let lam: UInt32 = 0x644
        let range = mention.range
        let surface = text.string(range.lowerBound, range.upperBound, from: mention.firstToken)
        guard range.lowerBound > 0, range.count > 1,
              text.scalars(around: range.lowerBound, from: mention.firstToken) == (lam, lam) else { return surface }
        return "\u{627}" + surface
    }

    private func span(_ first: Int, _ last: Int) -> Range<Int> { text.tokens[first].start..<text.tokens[last].end }

}
