/// The kinds of entity the extractor reports (the `type` of an entity in the event log).
public enum EntityType: String, Sendable, CaseIterable, Hashable {
    /// A named person, without title or role.
    case person = "PERSON"
    /// A company, institution, association, ministry, party, team or publication.
    case org = "ORG"
    /// A country, region, city, district, continent or geographic area.
    case loc = "LOC"
    /// An amount with its currency.
    case money = "MONEY"
    /// A percentage.
    case percent = "PERCENT"
    /// A calendar date with at least day and month, or month and year.
    case date = "DATE"
    /// A count or measure with its unit noun.
    case quantity = "QUANTITY"
}

/// The value of a numeric entity.
public enum EntityValue: Sendable, Hashable {
    /// MONEY, PERCENT and QUANTITY: a plain number (`10 milliards` → 1e10).
    case number(Double)
    /// DATE: ISO 8601, `2024-02-07` or `2024-02` (`--04-23` when no year can be inferred).
    case date(String)
}

/// One distinct entity of an article, with every place it is mentioned.
public struct Entity: Sendable, Equatable {
    /// What it is.
    public var type: EntityType
    /// The first surface form seen in the text.
    public var text: String
    /// How many times it is mentioned.
    public var count: Int
    /// The known name it was linked to (gazetteer entry, acronym expansion, spelling variant).
    public var canonical: String?
    /// The value of a MONEY, PERCENT, QUANTITY or DATE.
    public var value: EntityValue?
    /// ISO 4217 code of a MONEY.
    public var currency: String?
    /// The unit noun of a QUANTITY, as written ("salariés", "kg").
    public var unit: String?
    /// Where each mention is: half-open ranges of Unicode scalar offsets into the article text.
    public var offsets: [Range<Int>]

    /// Creates an entity.
    public init(type: EntityType, text: String, count: Int, canonical: String? = nil, value: EntityValue? = nil,
                currency: String? = nil, unit: String? = nil, offsets: [Range<Int>]) {
        self.type = type
        self.text = text
        self.count = count
        self.canonical = canonical
        self.value = value
        self.currency = currency
        self.unit = unit
        self.offsets = offsets
    }

    /// Writes the entity as one JSON object (an array element).
    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("type", type.rawValue)
        json.field("text", text)
        switch value {
        case .number(let number)?: json.field("value", number)
        case .date(let iso)?: json.field("value", iso)
        case nil: break
        }
        if let currency { json.field("currency", currency) }
        if let unit { json.field("unit", unit) }
        json.field("count", count)
        if let canonical { json.field("canonical", canonical) }
        json.beginArray("offsets")
        for range in offsets {
            json.beginArray()
            json.element(range.lowerBound)
            json.element(range.upperBound)
            json.endArray()
        }
        json.endArray()
        json.endObject()
    }
}

/// What the extractor found in one article: its metadata and its entities.
public struct Extraction: Sendable, Equatable {
    /// `fr`, `en`, `ar` or `und`.
    public var lang: String
    /// The headline.
    public var title: String?
    /// The publication date, ISO 8601.
    public var published: String?
    /// The byline.
    public var author: String?
    /// The publication ("La Vie éco").
    public var source: String?
    /// One entry per distinct entity, in order of first mention.
    public var entities: [Entity]

    /// Creates an extraction.
    public init(lang: String, title: String? = nil, published: String? = nil, author: String? = nil,
                source: String? = nil, entities: [Entity] = []) {
        self.lang = lang
        self.title = title
        self.published = published
        self.author = author
        self.source = source
        self.entities = entities
    }

    /// Writes the `lang`, `title`, `published`, `author`, `source` and `entities` fields into an
    /// open event object.
    public func write(into json: inout JSONWriter) {
        json.field("lang", lang)
        json.field("title", title)
        json.field("published", published)
        json.field("author", author)
        json.field("source", source)
        json.beginArray("entities")
        // By index: `for entity in entities` copies each entity (retaining its strings and offsets).
        for index in entities.indices { entities[index].write(into: &json) }
        json.endArray()
    }
}
