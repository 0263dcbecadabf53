/// An amount, a percentage or a quantity found in the text.
struct MeasureMention: Sendable {
    /// MONEY, PERCENT or QUANTITY.
    var type: EntityType
    /// The plain value (scale and currency multipliers applied).
    var value: Double
    /// ISO 4217 code of a MONEY.
    var currency: String?
    /// The unit noun of a QUANTITY, as written.
    var unit: String?
    /// Index of the first token.
    var first: Int
    /// Index of the last token.
    var last: Int
}

/// Finds money ("10 milliards de DH", "366 MMDH", "$1.2 billion"), percentages ("7% à 8%" is
/// two) and quantities ("80.000 salariés", "69 900 emplois", "183 kg", "20 dernières éditions").
/// Durations ("20 ans", "3 mois") and bare years are neither.
struct MeasureRecognizer {
    let text: TokenizedText
    /// French number conventions ("117.394" = 117394) unless the article is English.
    let french: Bool

    /// What a number is followed by, before ranges are considered.
    private struct Reading {
        var type: EntityType
        var scale: Double
        /// What a smaller number after the scale adds ("38 ألفا و412": 412).
        var addend = 0.0
        var currency: CurrencyWord?
        var unit: String?
        var first: Int
        var last: Int
    }

    /// All measures of tokens `range`, skipping tokens already `claimed` (dates).
    func measures(in range: Range<Int>, claimed: [Bool]) -> [MeasureMention] {
        var found: [MeasureMention] = []
        var i = range.lowerBound
        for start in text.landmarks.numbers where start >= i && start < range.upperBound {
            i = start
            guard !claimed[i], let number = NumberScanner.scan(text, at: i, french: french) else {
                i += 1
                continue
            }
            if let reading = read(number, claimed: claimed) {
                found.append(negated(mention(number.value, reading), temperature: isTemperature(reading)))
                i = reading.last + 1
            } else if let reading = rangeEnd(after: number, claimed: claimed) {
                // "7 à 8 %", "entre 40 et 50%": the first end takes the second one's unit.
                var own = reading
                own.first = number.first
                own.last = number.last
                found.append(negated(mention(number.value, own), temperature: isTemperature(reading)))
                i = number.last + 1
            } else if let amount = implicitAmount(number, after: found.last) {
                found.append(amount)
                i = amount.last + 1
            } else {
                i = number.last + 1
            }
        }
        return amountsInWords(in: range, claimed: claimed, besides: found)
    }

    /// `found` with the amounts written in words in `range` ("quinze mille dirhams", "ثلاثمائة
    /// مليون درهم"), in text order. Only amounts: counts in words ("trois semaines") are left alone.
    private func amountsInWords(in range: Range<Int>, claimed: [Bool], besides found: [MeasureMention]) -> [MeasureMention] {
        // The tokenizer noted the few number words; the rest is for them alone.
        var amounts: [MeasureMention] = []
        var resumeAt = range.lowerBound
        for start in text.landmarks.numberWords where start >= resumeAt && start < range.upperBound && !claimed[start]
            && !found.contains(where: { ($0.first...$0.last).contains(start) }) {
            guard let number = CardinalWords.scan(text, at: start), number.last < range.upperBound,
                  let reading = read(number, claimed: claimed, moneyOnly: true), reading.type == .money,
                  !found.contains(where: { $0.first <= reading.last && start <= $0.last }) else { continue }
            amounts.append(mention(number.value, reading))
            resumeAt = reading.last + 1
        }
        guard !amounts.isEmpty else { return found }
        return (found + amounts).sorted { $0.first < $1.first }
    }

    private func mention(_ value: Double, _ reading: Reading) -> MeasureMention {
        let scaled = (value * reading.scale + reading.addend) * (reading.currency?.multiplier ?? 1)
        return MeasureMention(type: reading.type, value: scaled, currency: reading.currency?.code, unit: reading.unit,
                              first: reading.first, last: reading.last)
    }

    /// "-4%", "(-1,7%)", "-2 °C": a percentage or temperature with a minus sign glued to it,
    /// standing apart, is negative (a change, a frost); "3-4%" is a range. So is a temperature
    /// after "moins", "minus", "ناقص".
    private func negated(_ mention: MeasureMention, temperature: Bool) -> MeasureMention {
        let tokens = text.tokens, minusAt = mention.first - 1
        guard mention.type == .percent || temperature, minusAt >= 0 else { return mention }
        let sign = (tokens[minusAt].isPunct("-") || tokens[minusAt].isPunct("\u{2212}")) && !tokens[mention.first].has(.spaceBefore)
            && (minusAt == 0 || tokens[minusAt].has(.spaceBefore) || tokens[minusAt].has(.newlineBefore) || tokens[minusAt - 1].isPunct("("))
        let word = temperature && NumberWords.minusWords.contains(tokens[minusAt]) && !tokens[mention.first].has(.newlineBefore)
        guard sign || word else { return mention }
        var negative = mention
        (negative.value, negative.first) = (-mention.value, minusAt)
        return negative
    }

    /// Whether a quantity's unit is a temperature's: the degree sign ("47°C", "26°") or a word for it.
    private func isTemperature(_ reading: Reading) -> Bool {
        let tokens = text.tokens
        guard reading.type == .quantity else { return false }
        return (reading.first...reading.last).contains { tokens[$0].isPunct("°") } || NumberWords.temperatureUnits.contains(tokens[reading.last])
    }

    /// How far an amount may lend its currency to a bare "1,1 milliard" after it.
    private static let currencyReach = 16

    /// "un budget de 1,6 milliard de dirhams, dont 1,1 milliard consacré à …": a number with a
    /// scale word and nothing after it, in the sentence of an amount, is an amount in its currency.
    private func implicitAmount(_ number: ScannedNumber, after previous: MeasureMention?) -> MeasureMention? {
        let tokens = text.tokens
        guard let previous, previous.type == .money, let currency = previous.currency,
              number.first - previous.last <= Self.currencyReach,
              let scaleToken = tokens.at(number.last + 1), !scaleToken.has(.newlineBefore),
              let scale = NumberWords.scales[scaleToken], !NumberWords.shortScales.contains(scaleToken),
              !((previous.last + 1)..<number.first).contains(where: { tokens[$0].isPunct(".") || tokens[$0].has(.newlineBefore) })
        else { return nil }
        let factor = NumberWords.frenchBillion.contains(scaleToken) && french ? 1e12 : scale
        return MeasureMention(type: .money, value: number.value * factor, currency: currency, unit: nil,
                              first: number.first, last: number.last + 1)
    }

    /// The other end of a range whose first end is a bare number, or a number and its scale
    /// ("بين 80 ألفا و150 ألف درهم"): that end's reading, the first end's scale in it (the caller gives it the first end's tokens).
    private func rangeEnd(after number: ScannedNumber, claimed: [Bool]) -> Reading? {
        var joinerAt = number.last + 1
        var scale = 1.0
        if let word = text.tokens.at(joinerAt), !word.has(.newlineBefore), let factor = NumberWords.scales[word],
           !NumberWords.shortScales.contains(word) {
            (scale, joinerAt) = (factor, joinerAt + 1)
        }
        guard !number.isYearLike, let joiner = text.tokens.at(joinerAt),
              NumberWords.rangeJoiners.contains(joiner) || joiner.isPunct("-") || NumberWords.minusWords.contains(joiner)
        else { return nil }
        // "entre -6 et -2 °C", "ناقص ٧ وناقص ١ درجة": the second end below zero.
        var secondAt = joinerAt + 1
        if let minus = text.tokens.at(secondAt), minus.isPunct("-") || NumberWords.minusWords.contains(minus),
           let digits = text.tokens.at(secondAt + 1), digits.kind == .number, !digits.has(.newlineBefore) {
            secondAt += 1
        }
        guard secondAt < claimed.count, !claimed[secondAt],
              let second = NumberScanner.scan(text, at: secondAt, french: french),
              var reading = read(second, claimed: claimed) else { return nil }
        if scale > 1 { (reading.scale, reading.addend) = (scale, 0) }
        return reading
    }

    /// "و" is Arabic's "and" between the parts of a number.
    private static let and = FoldedKey.of("و")

    /// "38 ألفا و412 مترشحا", "3 ملايين و500 ألف درهم": after a scale word at `k - 1`, "و" and
    /// a number (with its own scale) smaller than `scale`, which adds to it; its value and last token.
    private func addedPart(at k: Int, below scale: Double, claimed: [Bool]) -> (value: Double, last: Int)? {
        let tokens = text.tokens
        guard let and = tokens.at(k), and.key == Self.and, !and.has(.newlineBefore), k + 1 < claimed.count,
              !claimed[k + 1], let part = NumberScanner.scan(text, at: k + 1, french: french), !part.isYearLike
        else { return nil }
        var (value, last) = (part.value, part.last)
        if let word = tokens.at(last + 1), !word.has(.newlineBefore), let factor = NumberWords.scales[word],
           !NumberWords.shortScales.contains(word) {
            (value, last) = (value * factor, last + 1)
        }
        return value < scale ? (value, last) : nil
    }

    /// What follows (or precedes) a number: a percent sign, a scale and a currency, a unit
    /// (not looked for when `moneyOnly`).
    private func read(_ number: ScannedNumber, claimed: [Bool], moneyOnly: Bool = false) -> Reading? {
        let tokens = text.tokens
        var first = number.first
        var currency: CurrencyWord?
        // Not across a table's cells ("7,80 DH      11,50 DH": the second number's currency is after it).
        if let start = NumberWords.currenciesBefore.matchEnding(tokens, at: number.first - 1),
           !tokens[number.first].has(.newlineBefore), tokens[number.first].start - tokens[number.first - 1].end < 2,
           let found = NumberWords.currenciesBefore.match(tokens, at: start) {
            currency = found.value
            first = start
            // "C$45 million": capitals glued to the dollar sign name the country.
            if tokens[start].isPunct("$"), let prefix = tokens.at(start - 1), !tokens[start].has(.spaceBefore),
               prefix.has(.capitalized), prefix.length == 1 || prefix.has(.allCaps), let dollar = NumberWords.dollarPrefixes[prefix] {
                currency = dollar
                first = start - 1
            }
        }
        var k = number.last + 1
        if currency == nil, let percent = NumberWords.percentSigns.match(tokens, at: k), !crossesLine(k, percent.last) {
            return Reading(type: .percent, scale: 1, first: first, last: percent.last)
        }
        var scale = 1.0
        var last = number.last
        if let next = tokens.at(k), !next.has(.newlineBefore), let factor = NumberWords.scales[next] {
            let short = NumberWords.shortScales.contains(next)
            if !short || currency != nil || currencyAfter(k + 1) != nil {
                scale = NumberWords.frenchBillion.contains(next) && french ? 1e12 : factor
                last = k
                k += 1
            }
        }
        var addend = 0.0
        if scale > 1, let part = addedPart(at: k, below: scale, claimed: claimed) {
            (addend, last, k) = (part.value, part.last, part.last + 1)
        }
        let afterOf = skipOf(k)
        if let found = currencyAfter(k) ?? (afterOf != k ? currencyAfter(afterOf) : nil) {
            return Reading(type: .money, scale: scale, addend: addend, currency: found.value, first: first, last: found.last)
        }
        if let currency {
            return Reading(type: .money, scale: scale, addend: addend, currency: currency, first: first, last: last)
        }
        if moneyOnly { return nil }
        if number.isYearLike && scale == 1 {
            return unit(at: k, measuresOnly: true, claimed: claimed, count: number.value).map {
                Reading(type: .quantity, scale: 1, unit: $0.unit, first: first, last: $0.last)
            }
        }
        let unitStart = scale == 1 ? k : afterOf
        return unit(at: unitStart, measuresOnly: false, claimed: claimed, count: number.value * scale + addend).map {
            Reading(type: .quantity, scale: scale, addend: addend, unit: $0.unit, first: first, last: $0.last)
        }
    }

    /// A currency written after the amount, starting at token `k`.
    private func currencyAfter(_ k: Int) -> (value: CurrencyWord, last: Int)? {
        guard let token = text.tokens.at(k), !token.has(.newlineBefore),
              let found = NumberWords.currenciesAfter.match(text.tokens, at: k) else { return nil }
        // "DA" and "DT" are also initials and words ("da"): only all-caps they are currencies.
        if token.kind == .word, token.length == 2, !token.has(.allCaps), found.value.code != "MAD" { return nil }
        return found
    }

    /// The token after "de"/"d'"/"of" at `k`, or `k` when there is none.
    private func skipOf(_ k: Int) -> Int {
        guard let token = text.tokens.at(k), NumberWords.ofWords.contains(token) else { return k }
        return text.tokens.at(k + 1)?.key == 0x27 ? k + 2 : k + 1
    }

    /// The unit noun at token `k` (after up to two adjectives): its surface and its token.
    private func unit(at start: Int, measuresOnly: Bool, claimed: [Bool], count: Double) -> (unit: String, last: Int)? {
        let tokens = text.tokens
        // "47°C", "-2 °C", "26°": the degree sign, and the scale's letter glued to it.
        if let sign = tokens.at(start), sign.isPunct("°"), !sign.has(.newlineBefore) {
            let scale = tokens.at(start + 1).flatMap { $0.kind == .word && $0.length == 1 && !$0.has(.spaceBefore) ? $0 : nil }
            let last = scale == nil ? start : start + 1
            return (text.string(sign.start, tokens[last].end), last)
        }
        // "a 42-hectare site": a unit of measure hyphenated to its number.
        if let hyphen = tokens.at(start), hyphen.isPunct("-"), !hyphen.has(.spaceBefore),
           let unit = tokens.at(start + 1), !unit.has(.spaceBefore), NumberWords.measureUnits.contains(unit) {
            return noun(at: start + 1, measuresOnly: measuresOnly, claimed: claimed, count: count)
        }
        if !french, !measuresOnly, let compound = hyphenatedNoun(at: start, claimed: claimed) { return compound }
        var k = start
        var adjectives = 0
        while adjectives < 2, let token = tokens.at(k), !measuresOnly, NumberWords.unitAdjectives.contains(token),
              !token.has(.capitalized), tokens.at(k + 1)?.kind == .word {
            k += 1
            adjectives += 1
        }
        if let found = noun(at: k, measuresOnly: measuresOnly, claimed: claimed, count: count) { return found }
        // English puts modifiers before the noun: "300 million cubic meters", "56 million mobile subscribers",
        // "60 Moroccan engineers", "18 double-deck electric trains".
        guard !french, !measuresOnly else { return nil }
        if let herd = headOf(at: k, claimed: claimed) { return herd }
        var modifier = k
        var modifiers = 0
        while modifiers < 2, let token = tokens.at(modifier), isModifier(token) || NameWords.nationalities.contains(token) {
            // "double-deck": a hyphenated modifier is one.
            while let hyphen = tokens.at(modifier + 1), hyphen.isPunct("-"), !hyphen.has(.spaceBefore),
                  let part = tokens.at(modifier + 2), part.kind == .word, !part.has(.spaceBefore) {
                modifier += 2
            }
            if let found = noun(at: modifier + 1, measuresOnly: false, claimed: claimed, count: count) {
                return (text.string(tokens[k].start, tokens[found.last].end), found.last)
            }
            modifier += 1
            modifiers += 1
        }
        return nil
    }

    /// "220 head of livestock": "head of" and the animals counted.
    private func headOf(at k: Int, claimed: [Bool]) -> (unit: String, last: Int)? {
        let tokens = text.tokens
        guard let head = tokens.at(k), head.key == Self.head, head.kind == .word, let of = tokens.at(k + 1),
              NumberWords.ofWords.contains(of), let animals = tokens.at(k + 2), animals.kind == .word,
              !animals.has(.capitalized), k + 2 < claimed.count, !claimed[k + 2] else { return nil }
        return (text.string(head.start, animals.end), k + 2)
    }

    /// "head", the count noun of cattle.
    private static let head = FoldedKey.of("head")

    /// "a 90-room eco-lodge", "a 6,000-square-metre plant": an English count hyphenated to its
    /// singular noun (one or two words) before the noun they qualify; the words and the last token.
    /// Ages and durations ("a 25-year contract", "54-year-old") are not counts of things.
    private func hyphenatedNoun(at start: Int, claimed: [Bool]) -> (unit: String, last: Int)? {
        let tokens = text.tokens
        var last = start - 1
        while last - start < 3, let hyphen = tokens.at(last + 1), hyphen.isPunct("-"), !hyphen.has(.spaceBefore),
              let word = tokens.at(last + 2), word.kind == .word, !word.has(.spaceBefore), !word.has(.capitalized),
              last + 2 < claimed.count, !claimed[last + 2], word.length >= 3, !NumberWords.timeUnits.contains(word),
              !NumberWords.notUnits.contains(word), !NumberWords.englishFunctionWords.contains(word) {
            last += 2
        }
        guard last > start, let qualified = tokens.at(last + 1), qualified.kind == .word, qualified.has(.spaceBefore),
              !qualified.has(.capitalized), !qualified.has(.newlineBefore),
              !NumberWords.englishFunctionWords.contains(qualified) else { return nil }
        return (text.string(tokens[start + 1].start, tokens[last].end), last)
    }

    /// A lowercase word that may stand between an English number and its noun.
    private func isModifier(_ token: Token) -> Bool {
        token.kind == .word && !token.has(.capitalized) && token.has(.spaceBefore) && token.length >= 3
            && !NumberWords.notUnits.contains(token) && !NumberWords.timeUnits.contains(token)
            && !NumberWords.ofWords.contains(token) && !NumberWords.englishFunctionWords.contains(token)
    }

    /// The unit noun exactly at token `k`: a unit of measure, or a plural noun.
    private func noun(at k: Int, measuresOnly: Bool, claimed: [Bool], count: Double) -> (unit: String, last: Int)? {
        let tokens = text.tokens
        guard let token = tokens.at(k), token.kind == .word, k < claimed.count, !claimed[k],
              !token.has(.newlineBefore), !(tokens.at(k + 1)?.isPunct("'") ?? false) else { return nil }
        if NumberWords.measureUnits.contains(token) {
            guard token.has(.spaceBefore) || token.length >= 2 else { return nil }
            var last = k
            // "m2", "m3", "km2": a power glued to the unit.
            if let power = tokens.at(k + 1), power.kind == .number, !power.has(.spaceBefore), power.length == 1,
               power.key == 2 || power.key == 3 {
                last = k + 1
            }
            return (text.string(token.start, tokens[last].end), last)
        }
        guard !measuresOnly, token.has(.spaceBefore) || tokens[k - 1].isPunct("'"), !token.has(.capitalized), token.length >= 3,
              !NumberWords.timeUnits.contains(token), !NumberWords.notUnits.contains(token),
              !NumberWords.ofWords.contains(token), CalendarWords.months[token] == nil,
              isCountedNoun(token, count: count) else { return nil }
        return (text.string(token.start, token.end), k)
    }

    /// Whether a word can be what a number counts: a plural (French and English -s/-x,
    /// "people"); in Arabic any indefinite noun from three on (a plural to ten, broken or sound:
    /// "٦ نقاط"; the singular from eleven: "٣١ مليون قنطار", "٢٥ نقطة").
    private func isCountedNoun(_ token: Token, count: Double) -> Bool {
        let lastScalar = text.lastScalar(token)
        if token.has(.arabic) {
            if lastScalar == 0x646 || lastScalar == 0x62A { return true }   // ـون/ـين, ـات
            let definite = text.scalar(token) == 0x627 && text.scalar(token, 1) == 0x644   // ال
            return count >= 3 && !definite && !NumberWords.arabicParticles.contains(token)
        }
        return lastScalar == 0x73 || lastScalar == 0x78 || NumberWords.irregularPlurals.contains(token)
    }

    private func crossesLine(_ from: Int, _ to: Int) -> Bool {
        (from...to).contains { text.tokens[$0].has(.newlineBefore) }
    }
}
