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
    var canonical: String?

    /// Number of tokens.
    var width: Int { last - first + 1 }
}
