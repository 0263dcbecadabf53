/// Words looked up by their folded key: "Février", "fevrier" and "FÉVRIER" are one entry.
struct WordTable<Value: Sendable>: Sendable {
    private let values: [UInt64: Value]

    /// Builds the table; words that fold alike must carry one value.
    init(_ pairs: [(String, Value)]) {
        var values: [UInt64: Value] = [:]
        values.reserveCapacity(pairs.count)
        for (word, value) in pairs { values[FoldedKey.of(word)] = value }
        self.values = values
    }

    /// The value of a word token, nil for other tokens and unknown words.
    @inline(__always)
    subscript(token: Token) -> Value? { token.kind == .word ? values[token.key] : nil }

    /// The value of a folded key.
    @inline(__always)
    subscript(key: UInt64) -> Value? { values[key] }
}

/// A set of words compared folded.
struct WordSet: Sendable {
    private let keys: Set<UInt64>

    /// Builds the set from words (white space separated words are each added).
    init(_ words: String) {
        keys = Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { FoldedKey.of($0) })
    }

    /// Whether `token` is a word of the set.
    @inline(__always)
    func contains(_ token: Token) -> Bool { token.kind == .word && keys.contains(token.key) }

    /// Whether a folded key is in the set.
    @inline(__always)
    func contains(key: UInt64) -> Bool { keys.contains(key) }
}

/// Multi-token phrases ("pour cent", "en l'occurrence", "Publié dans") matched token by token.
struct PhraseTable<Value: Sendable>: Sendable {
    private struct Phrase: Sendable {
        let keys: [UInt64]
        let kinds: [TokenKind]
        let value: Value
    }

    private let byFirstKey: [UInt64: [Phrase]]

    /// Builds the table; each phrase is tokenized like the text it is matched against.
    init(_ pairs: [(String, Value)]) {
        var table: [UInt64: [Phrase]] = [:]
        for (text, value) in pairs {
            let tokens = TokenizedText(text).tokens
            guard let first = tokens.first else { continue }
            table[first.key, default: []].append(
                Phrase(keys: tokens.map(\.key), kinds: tokens.map(\.kind), value: value))
        }
        for key in table.keys { table[key]?.sort { $0.keys.count > $1.keys.count } }
        byFirstKey = table
    }

    /// The longest phrase starting at token `index`: its value and its last token's index.
    func match(_ tokens: [Token], at index: Int) -> (value: Value, last: Int)? {
        guard index < tokens.count, let candidates = byFirstKey[tokens[index].key] else { return nil }
        for phrase in candidates where index + phrase.keys.count <= tokens.count {
            var ok = true
            for k in 0..<phrase.keys.count {
                let token = tokens[index + k]
                if token.key != phrase.keys[k] || token.kind != phrase.kinds[k] { ok = false; break }
                if k > 0 && token.has(.blankLineBefore) { ok = false; break }
            }
            if ok { return (phrase.value, index + phrase.keys.count - 1) }
        }
        return nil
    }

    /// Whether a phrase ends at token `index` (scanning backwards): the index of its first token.
    func matchEnding(_ tokens: [Token], at index: Int) -> Int? {
        var start = index
        while start >= 0 && index - start < 6 {
            if let found = match(tokens, at: start), found.last == index { return start }
            start -= 1
        }
        return nil
    }
}
