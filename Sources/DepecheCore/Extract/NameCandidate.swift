/// What links mentions of one entity together.
enum NameGroup: Hashable, Sendable {
    /// A gazetteer entry (its index).
    case gazetteer(Int)
    /// An acronym and its expansion found together (the pair's index).
    case acronym(Int)
    /// A person, by the spelling-tolerant key of their whole name.
    case person(UInt64)
    /// Anything else, by the folded letters of the mention.
    case surface(UInt64)

    /// One 64-bit key per group (the kinds mixed in so that they do not collide).
    var key: UInt64 {
        switch self {
        case .gazetteer(let index): 0x1000_0000_0000_0000 | UInt64(index)
        case .acronym(let index): 0x2000_0000_0000_0000 | UInt64(index)
        case .person(let hash): hash ^ 0x5851_F42D_4C95_7F2D
        case .surface(let hash): hash ^ 0x1405_7B7E_F767_814F
        }
    }
}

/// A name a mention is linked to, resolved to text only for the entities reported.
enum KnownName: Sendable, Equatable {
    /// A gazetteer entry's canonical name (its index).
    case entry(Int)
    /// An acronym's expansion, by its tokens.
    case expansion(ClosedRange<Int>)
}

/// Why a span was proposed as a name; on equal spans the stronger reason wins.
enum NameEvidence: Int, Comparable, Sendable {
    /// An all-caps word nobody explained ("OFPPT").
    case unknownAcronym = 0
    /// A role word next to the name ("…, président de").
    case role
    /// The first word is a known given name.
    case givenName
    /// An organisation head noun ("Association marocaine de …").
    case organisationHead
    /// A courtesy title before it ("M.", "Mme").
    case title
    /// The publication named by a byline.
    case byline
    /// An item of a list introduced by a category ("centres d'appels, en l'occurrence, A, B").
    case listItem
    /// A gazetteer spelling.
    case gazetteer
    /// An acronym next to its expansion in parentheses.
    case acronymPair
    /// The page's own publication on a credit line ("Source : X"): no entity, and no other reading
    /// of its tokens either.
    case credit

    static func < (a: NameEvidence, b: NameEvidence) -> Bool { a.rawValue < b.rawValue }
}

/// A span of tokens proposed as a person, organisation or place, before overlaps are resolved.
struct NameCandidate: Sendable {
    /// Index of the first token.
    var first: Int
    /// Index of the last token.
    var last: Int
    /// Scalars of the first token to leave out (an Arabic clitic).
    var skipped = 0
    /// PERSON, ORG or LOC; nil for a known name that must not be reported (MISC).
    var type: EntityType?
    /// Why it was proposed.
    var evidence: NameEvidence
    /// What links it to other mentions.
    var group: NameGroup
    /// The known name it stands for.
    var canonical: KnownName?

    /// Number of tokens.
    var width: Int { last - first + 1 }

    /// A gazetteer entry's match from token `first` (its last token and the clitic it skipped), as `type`.
    static func known(at first: Int, _ hit: (entry: Int, last: Int, skipped: Int), type: EntityType?) -> NameCandidate {
        NameCandidate(first: first, last: hit.last, skipped: hit.skipped, type: type, evidence: .gazetteer,
                      group: .gazetteer(hit.entry), canonical: .entry(hit.entry))
    }
}
