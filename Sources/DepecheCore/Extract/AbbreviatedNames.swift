/// Links an organisation's short forms written in capitals to its long name, wherever each
/// appears (not only side by side in parentheses):
/// - "CHU Mohammed VI de Tanger" and "CHU Mohammed VI" to "Centre hospitalier universitaire
///   Mohammed VI de Tanger": the initials of the long name's descriptive lead, then its proper
///   rest, whole or cut before a joining word;
/// - "CHU" alone to the same: the lead's initials;
/// - "AS FAR" to "Association sportive des Forces armées royales": the initials of every
///   content word.
///
/// A short form that fits two different long names of the article is linked to neither.
struct AbbreviatedNames {
    let text: TokenizedText

    /// Keys of the long names, each with the group it stands for, or nil once two differ.
    private var longForms = KeyTable<NameGroup?>()

    init(text: TokenizedText) {
        self.text = text
    }

    /// Records `candidate` as a long name when it is one (an organisation of several words that
    /// does not open with capitals).
    mutating func addLongForm(_ candidate: NameCandidate) {
        let tokens = text.tokens
        guard candidate.type == .org, candidate.width > 1, !tokens[candidate.first].has(.allCaps) else { return }
        var lead = FoldedKey()
        var rest = candidate.first
        // The head and the lowercase words after it: "Centre hospitalier universitaire".
        while rest <= candidate.last, rest == candidate.first || !tokens[rest].has(.capitalized),
              tokens[rest].kind == .word, !NameWords.connectors.contains(tokens[rest]) {
            lead.add(text.scalar(tokens[rest]))
            rest += 1
        }
        if rest - candidate.first >= 2 {
            record(lead.value, candidate.group)
            if rest <= candidate.last, tokens[rest].has(.capitalized) {
                var key = lead
                key.add(folded: 0x20)
                for index in rest...candidate.last {
                    let token = tokens[index]
                    if token.kind == .word, NameWords.connectors.contains(token), index > rest { record(key.value, candidate.group) }
                    if token.kind != .punct { addWord(token, to: &key) }
                }
                record(key.value, candidate.group)
            }
        }
        var initials = FoldedKey()
        var words = 0
        for index in candidate.first...candidate.last where tokens[index].kind == .word && !NameWords.connectors.contains(tokens[index]) {
            initials.add(text.scalar(tokens[index]))
            words += 1
        }
        if words >= 3 { record(initials.value, candidate.group) }
    }

    /// The long name's group that the short form `candidate` stands for, if exactly one fits.
    func longForm(of candidate: NameCandidate) -> NameGroup? {
        let tokens = text.tokens
        guard candidate.type == .org, tokens[candidate.first].has(.allCaps) else { return nil }
        var key = FoldedKey()
        addWord(tokens[candidate.first], to: &key)
        let rest = candidate.first + 1
        if rest <= candidate.last {
            if (rest...candidate.last).allSatisfy({ tokens[$0].has(.allCaps) && tokens[$0].kind == .word }) {
                // "AS FAR": the letters of every word, run together.
                var letters = key
                for index in rest...candidate.last { addWord(tokens[index], to: &letters) }
                if let group = longForms[letters.value] ?? nil { return group }
            }
            key.add(folded: 0x20)
            for index in rest...candidate.last where tokens[index].kind != .punct { addWord(tokens[index], to: &key) }
        }
        return longForms[key.value] ?? nil
    }

    private mutating func record(_ key: UInt64, _ group: NameGroup) {
        if let known = longForms[key] {
            if known != group { longForms[key] = .some(nil) }
        } else {
            longForms[key] = group
        }
    }

    private func addWord(_ token: Token, to key: inout FoldedKey) {
        text.forEachScalar(of: token) { key.add($0) }
    }
}
