import Foundation

/// The schema.org article a page describes in a `<script type="application/ld+json">`
/// block: a `NewsArticle` (or `Article`, `BlogPosting`, … any type ending in `Article` or
/// `Posting`), at the top level, in an array, or in an `@graph`.
struct HTMLJSONLD {
    /// `headline`.
    var headline: String?
    /// `datePublished`, as written.
    var datePublished: String?
    /// `author.name`, or the names of several authors joined by ", ".
    var author: String?
    /// `publisher.name`.
    var publisher: String?

    /// The first article described in `json`, or nil when it describes none or is not JSON.
    init?(json: String) {
        guard let data = json.data(using: .utf8),
            let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let article = Self.objects(in: root).first(where: Self.isArticle)
        else { return nil }
        headline = (article["headline"] as? String).map(HTMLLayout.foldingSpaces)
        datePublished = article["datePublished"] as? String
        // An organisation named as the author ("هيئة التحرير", the outlet) is no byline.
        author = Self.names(article["author"], skipping: "Organization").map { $0.joined(separator: ", ") }
        publisher = Self.names(article["publisher"])?.first
    }

    /// Every object at the top of `value`, in arrays, and in `@graph` lists.
    private static func objects(in value: Any) -> [[String: Any]] {
        if let array = value as? [Any] { return array.flatMap(objects) }
        guard let object = value as? [String: Any] else { return [] }
        return [object] + (object["@graph"].map(objects) ?? [])
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        let types = (object["@type"] as? [String]) ?? [(object["@type"] as? String) ?? ""]
        return types.contains { $0.hasSuffix("Article") || $0.hasSuffix("Posting") }
    }

    /// The names in a person or organisation value: a string, an object with `name` (unless its
    /// `@type` is `skipping`), or an array of those. Nil when there is none.
    private static func names(_ value: Any?, skipping type: String? = nil) -> [String]? {
        let names: [String]
        switch value {
        case let name as String: names = [name]
        case let object as [String: Any]:
            names = type != nil && object["@type"] as? String == type ? [] : [(object["name"] as? String) ?? ""]
        case let array as [Any]: names = array.compactMap { Self.names($0, skipping: type)?.first }
        default: names = []
        }
        let cleaned = names.map(HTMLLayout.foldingSpaces).filter { !$0.isEmpty }
        return cleaned.isEmpty ? nil : cleaned
    }
}
