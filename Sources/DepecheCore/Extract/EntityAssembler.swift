/// Turns mentions into entities: one per distinct thing, in order of first mention, with its
/// first surface form, its mention count, its offsets and its canonical name.
struct EntityAssembler {
    let text: TokenizedText

    private struct Draft {
        var entity: Entity
        var firstOffset: Int
    }

    /// Entities for the recognised dates, measures and names.
    func entities(dates: [DateMention], referenceYear: Int?, measures: [MeasureMention],
                  names: NameRecognizer.Result) -> [Entity] {
        var drafts: [Draft] = []
        var index: [String: Int] = [:]
        func add(_ key: String, _ range: Range<Int>, _ make: () -> Entity) {
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
            add("DATE \(iso)", range) {
                Entity(type: .date, text: surface(range), count: 1, value: .date(iso), offsets: [range])
            }
        }
        for measure in measures {
            let range = span(measure.first, measure.last)
            let unitKey = measure.unit.map { String(FoldedKey.of($0)) } ?? ""
            add("\(measure.type.rawValue) \(measure.value) \(measure.currency ?? "") \(unitKey)", range) {
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
            return known
        }
        var counts: [String: Int] = [:]
        for mention in mentions where mention.type == .person || mentions.count > 1 {
            counts[surface(mention.range), default: 0] += 1
        }
        guard counts.count > 1 else { return nil }
        return counts.max { a, b in
            a.value != b.value ? a.value < b.value : (a.key.unicodeScalars.count, b.key) < (b.key.unicodeScalars.count, a.key)
        }?.key
    }

    private func span(_ first: Int, _ last: Int) -> Range<Int> { text.tokens[first].start..<text.tokens[last].end }

    private func surface(_ range: Range<Int>) -> String { text.string(range.lowerBound, range.upperBound) }
}
