/// Turns mentions into entities: one per distinct thing, in order of first mention, with its
/// first surface form, its mention count, its offsets and its canonical name.
struct EntityAssembler {
    let text: TokenizedText
    let gazetteer: Gazetteer

    private struct Draft {
        var entity: Entity
        var firstOffset: Int
    }

    /// What makes two numeric mentions one entity: same type, value, currency and unit.
    private struct ValueKey: Hashable {
        var type: EntityType
        var value: EntityValue
        var currency: String?
        var unit: UInt64
    }

    /// Entities for the recognised dates, measures and names.
    func entities(dates: [DateMention], referenceYear: Int?, measures: [MeasureMention],
                  names: NameRecognizer.Result) -> [Entity] {
        var drafts: [Draft] = []
        var index: [ValueKey: Int] = [:]
        func add(_ key: ValueKey, _ range: Range<Int>, _ make: () -> Entity) {
            if let known = index[key] {
                drafts[known].entity.count += 1
                drafts[known].entity.offsets.append(range)
            } else {
                index[key] = drafts.count
                drafts.append(Draft(entity: make(), firstOffset: range.lowerBound))
            }
        }
        for date in dates {
            let iso = date.iso(defaultYear: referenceYear)
            let range = span(date.first, date.last)
            add(ValueKey(type: .date, value: .date(iso), unit: 0), range) {
                Entity(type: .date, text: surface(range), count: 1, value: .date(iso), offsets: [range])
            }
        }
        for measure in measures {
            let range = span(measure.first, measure.last)
            let key = ValueKey(type: measure.type, value: .number(measure.value), currency: measure.currency,
                               unit: measure.unit.map { FoldedKey.of($0) } ?? 0)
            add(key, range) {
                Entity(type: measure.type, text: surface(range), count: 1, value: .number(measure.value),
                       currency: measure.currency, unit: measure.unit, offsets: [range])
            }
        }
        drafts += nameDrafts(names)
        return drafts.sorted { $0.firstOffset < $1.firstOffset }.map(\.entity)
    }

    private func nameDrafts(_ names: NameRecognizer.Result) -> [Draft] {
        var clusters = [[NameMention]](repeating: [], count: names.clusters)
        for mention in names.mentions { clusters[mention.cluster].append(mention) }
        return clusters.compactMap { mentions -> Draft? in
            guard let strongest = mentions.max(by: { $0.evidence < $1.evidence }), let type = strongest.type,
                  let first = mentions.first else { return nil }
            let ranges = mentions.map(\.range)
            return Draft(entity: Entity(type: type, text: surface(first.range), count: mentions.count,
                                        canonical: canonical(of: mentions), offsets: ranges),
                         firstOffset: first.range.lowerBound)
        }
    }

    /// The gazetteer's or the acronym's name; for spelling variants, the most frequent form
    /// (ties: the longest); nil when every mention is written alike and nothing links it.
    private func canonical(of mentions: [NameMention]) -> String? {
        if let known = mentions.first(where: { $0.evidence == .gazetteer && $0.canonical != nil })?.canonical
            ?? mentions.first(where: { $0.canonical != nil })?.canonical {
            switch known {
            case .entry(let index): return gazetteer.entries[index].name
            case .expansion(let tokens): return text.string(tokens: tokens.lowerBound, tokens.upperBound)
            }
        }
        var counts: [UInt64: (count: Int, length: Int, range: Range<Int>)] = [:]
        for mention in mentions where mention.type == .person || mentions.count > 1 {
            var key = FoldedKey()
            for index in mention.range { key.add(folded: text.scalars[index]) }
            let known = counts[key.value]
            counts[key.value] = ((known?.count ?? 0) + 1, mention.range.count, known?.range ?? mention.range)
        }
        guard counts.count > 1,
              let best = counts.values.max(by: { ($0.count, $0.length) < ($1.count, $1.length) }) else { return nil }
        return surface(best.range)
    }

    private func span(_ first: Int, _ last: Int) -> Range<Int> { text.tokens[first].start..<text.tokens[last].end }

    private func surface(_ range: Range<Int>) -> String { text.string(range.lowerBound, range.upperBound) }
}
