/// Words looked up by their folded key: "Février", "fevrier" and "FÉVRIER" are one entry.
struct WordTable<Value: Sendable>: Sendable {
    private let values: KeyTable<Value>

    /// Builds the table; words that fold alike must carry one value.
    init(_ pairs: [(String, Value)]) {
        var values = KeyTable<Value>(capacity: pairs.count)
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
    private let keys: KeySet

    /// Builds the set from words (white space separated words are each added).
    init(_ words: String) {
        keys = KeySet(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { FoldedKey.of($0) })
    }

    /// Whether `token` is a word of the set.
    @inline(__always)
    func contains(_ token: Token) -> Bool { token.kind == .word && keys.contains(token.key) }

    /// Whether a folded key is in the set.
    @inline(__always)
    func contains(key: UInt64) -> Bool { keys.contains(key) }

    /// The words' folded keys, in no order.
    var allKeys: [UInt64] { keys.keys }
}

/// Word endings ("ique", "aire", "ront") matched against a token's UTF-8, without building strings.
struct SuffixSet: Sendable {
    /// Each ending's UTF-8 and its number of scalars.
    private let endings: [(utf8: [UInt8], scalars: Int)]

    /// Builds the set from endings written in lowercase.
    init(_ endings: [String]) {
        self.endings = endings.map { (Array($0.utf8), $0.unicodeScalars.count) }
    }

    /// Whether the word token ends with one of the endings (compared as written, lowercase), the
    /// ending shorter than the word. Equal bytes at the end are equal scalars: a UTF-8 ending
    /// starts with a lead byte.
    func matches(_ token: Token, in text: TokenizedText) -> Bool {
        guard token.kind == .word else { return false }
        let end = text.byteEnd(token)
        return endings.contains { ending in
            guard ending.scalars < token.length, end - ending.utf8.count >= token.byteStart else { return false }
            return text.utf8[(end - ending.utf8.count)..<end].elementsEqual(ending.utf8)
        }
    }
}

/// Multi-token phrases ("pour cent", "en l'occurrence", "Publié dans") matched token by token.
struct PhraseTable<Value: Sendable>: Sendable {
    private struct Phrase: Sendable {
        let keys: [UInt64]
        let kinds: [TokenKind]
        let value: Value
    }

    private let byFirstKey: KeyTable<[Phrase]>
    /// Keys of the phrases' first tokens: `match` gives up at once on any other token.
    private let firstKeys: KeySet
    /// Keys of the phrases' last tokens: `matchEnding` gives up at once on any other token.
    private let lastKeys: KeySet

    /// Builds the table; each phrase is tokenized like the text it is matched against.
    init(_ pairs: [(String, Value)]) {
        var table: [UInt64: [Phrase]] = [:]
        for (text, value) in pairs {
            let tokens = TokenizedText(text).tokens
            guard let first = tokens.first else { continue }
            table[first.key, default: []].append(
                Phrase(keys: tokens.map(\.key), kinds: tokens.map(\.kind), value: value))
        }
        var sorted = KeyTable<[Phrase]>(capacity: table.count)
        for (key, phrases) in table { sorted[key] = phrases.sorted { $0.keys.count > $1.keys.count } }
        byFirstKey = sorted
        firstKeys = KeySet(Array(table.keys))
        lastKeys = KeySet(table.values.flatMap { $0.compactMap(\.keys.last) })
    }

    /// The longest phrase starting at token `index`: its value and its last token's index.
    func match(_ tokens: [Token], at index: Int) -> (value: Value, last: Int)? {
        guard index >= 0, index < tokens.count, firstKeys.contains(tokens[index].key),
              let candidates = byFirstKey[tokens[index].key] else { return nil }
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
        guard index >= 0, index < tokens.count, lastKeys.contains(tokens[index].key) else { return nil }
        var start = index
        while start >= 0 && index - start < 6 {
            if let found = match(tokens, at: start), found.last == index { return start }
            start -= 1
        }
        return nil
    }
}

/// An immutable open-addressing set of `FoldedKey` values (a `KeyTable` without values).
struct KeySet: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    /// A Bloom filter of about eight bits per key (one word for small sets): most absent keys, the
    /// common case, are turned away by one load, without probing (a large set's slots are out of cache).
    private let bloom: [UInt64]
    private let bloomMask: Int

    /// Builds the set (a key may come several times).
    init(_ keys: [UInt64]) {
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        for key in keys {
            let key = key == 0 ? 1 : key
            var i = Int(truncatingIfNeeded: key ^ (key >> 32)) & (size - 1)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (size - 1) }
            slots[i] = key
        }
        var words = 1
        while words * 64 < keys.count * 8 { words <<= 1 }
        var bloom = [UInt64](repeating: 0, count: words)
        for key in slots where key != 0 { bloom[Self.bloomWord(key, words - 1)] |= 1 << (key & 63) }
        self.slots = slots
        mask = size - 1
        self.bloom = bloom
        bloomMask = words - 1
    }

    @inline(__always)
    private static func bloomWord(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: key >> 6) & mask }

    /// The keys (as stored: a key 0 reads 1), in no order.
    var keys: [UInt64] { slots.filter { $0 != 0 } }

    /// Whether `key` is in the set.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let key = key == 0 ? 1 : key
        guard bloom[Self.bloomWord(key, bloomMask)] & 1 << (key & 63) != 0 else { return false }
        return slots.withUnsafeBufferPointer { slots in
            var i = Int(truncatingIfNeeded: key ^ (key >> 32)) & mask
            while true {
                let found = slots[i]
                if found == key { return true }
                if found == 0 { return false }
                i = (i &+ 1) & mask
            }
        }
    }
}

/// An open-addressing hash table keyed by `FoldedKey` values.
///
/// The keys are already well-mixed 64-bit hashes, so they index the table directly: no
/// second hash (Swift's `Set` and `Dictionary` run SipHash on every lookup, which was a fifth
/// of the extractor's time).
struct KeyTable<Value: Sendable>: Sendable {
    private var slots: [UInt64]
    private var values: [Value?]
    private var mask: Int
    /// Number of keys stored.
    private(set) var count = 0

    /// An empty table that allocates nothing until a key is stored (many an article's tables stay empty).
    init() {
        slots = []
        values = []
        mask = 0
    }

    /// An empty table sized for about `capacity` keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    /// Key 0 marks an empty slot; a real key 0 is stored as 1 (FNV-1a practically never yields either).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private func slot(of key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 32)) & mask }

    /// The value stored for `key`.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        get {
            guard count > 0 else { return nil }
            let key = Self.stored(key)
            var i = slot(of: key)
            while true {
                let found = slots[i]
                if found == key { return values[i] }
                if found == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > slots.count { grow() }
            let key = Self.stored(key)
            var i = slot(of: key)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            if slots[i] == 0 { count += 1 }
            slots[i] = key
            values[i] = newValue
        }
    }

    /// Whether `key` is stored.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    /// The stored keys (as stored: a key 0 reads 1), in no order.
    var keys: [UInt64] { slots.filter { $0 != 0 } }

    private mutating func grow() {
        var bigger = KeyTable(capacity: max(slots.count, 8))
        for (i, key) in slots.enumerated() where key != 0 { bigger[key] = values[i] }
        self = bigger
    }
}
