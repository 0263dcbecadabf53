import Foundation
import Testing

@testable import DepecheCore

/// The fixture pages in Fixtures/html/ (our own articles, in the style of scraped pages) and
/// the variants tests build from them: the same story re-saved under another ticker, with
/// other typography or line breaks, or with one figure changed.
enum StoryFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/html")

    /// A fixture's bytes.
    static func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// A UTF-8 fixture's text.
    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// A fixture decoded as the daemon decodes it (`TextDecoder`): UTF-8, Windows-1252 or
    /// Windows-1256, HTML or text.
    static func decoded(_ name: String) throws -> DecodedDocument {
        try TextDecoder.decode([UInt8](try bytes(name)), fileExtension: URL(fileURLWithPath: name).pathExtension)
    }

    /// A scraped text page: the ticker of other headlines on the first line, then the page.
    static func page(_ body: String, ticker: String) -> String {
        ticker.trimmingCharacters(in: .newlines) + "\n" + body
    }

    /// `text` as another scraper would type it: straight apostrophes, English double quotes
    /// without the inner spaces, no-break spaces before colons, curly apostrophes where it had
    /// straight ones.
    static func retypeset(_ text: String) -> String {
        text.replacingOccurrences(of: "'", with: "\u{2018}")
            .replacingOccurrences(of: "’", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "’")
            .replacingOccurrences(of: "« ", with: "“")
            .replacingOccurrences(of: " »", with: "”")
            .replacingOccurrences(of: " : ", with: "\u{00A0}: ")
    }

    /// `text` with every paragraph hard-wrapped at `width` columns.
    static func rewrapped(_ text: String, width: Int) -> String {
        text.components(separatedBy: "\n").map { line in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if !current.isEmpty, current.count + word.count + 1 > width {
                    lines.append(current)
                    current = ""
                }
                current += current.isEmpty ? String(word) : " " + word
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Whether `fingerprint` is a near duplicate of `earlier` as the daemon decides by default
    /// (``NearDuplicatePolicy``): SimHashes within the default distance, sketches agreeing.
    static func isNear(_ fingerprint: ArticleFingerprint, _ earlier: ArticleFingerprint) -> Bool {
        fingerprint.simhashDistance(to: earlier) <= NearDuplicatePolicy.defaultMaxDistance
            && fingerprint.sketch.agreement(with: earlier.sketch) >= NearDuplicatePolicy.minimumSketchAgreement
    }

    /// `text` with one figure updated: `old` must occur in it.
    static func updated(_ text: String, replacing old: String, with new: String) throws -> String {
        try #require(text.contains(old))
        return text.replacingOccurrences(of: old, with: new)
    }
}
