import Foundation

/// A path relative to the inbox, kept as the exact bytes the file system gave: names need
/// not be UTF-8.
public struct InboxPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The raw bytes, components separated by `/`, never starting with `/`.
    public var bytes: [UInt8]

    /// Creates a path from raw bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Creates a path from a string.
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    /// Whether the bytes are valid UTF-8 (if not, events carry `path_b64` too).
    public var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// The path as text; invalid bytes become U+FFFD.
    public var displayString: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes in base64.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The last component.
    public var fileName: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// Whether this is one name at the inbox's top (no `/`, not `.` or `..`).
    public var isTopLevelName: Bool {
        !bytes.isEmpty && !bytes.contains(UInt8(ascii: "/")) && bytes != [UInt8(ascii: ".")] && bytes != [UInt8(ascii: "."), UInt8(ascii: ".")]
    }

    /// The directory part, or an empty path at the top of the inbox.
    public var directory: InboxPath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return InboxPath(bytes: []) }
        return InboxPath(bytes: Array(bytes[..<slash]))
    }

    /// `self/name`.
    public func appending(_ name: [UInt8]) -> InboxPath {
        bytes.isEmpty ? InboxPath(bytes: name) : InboxPath(bytes: bytes + [UInt8(ascii: "/")] + name)
    }

    /// The file's extension (`txt`, `html`), lower-cased, or "" when there is none.
    public var fileExtension: String {
        let name = fileName
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > name.startIndex, dot < name.endIndex - 1 else {
            return ""
        }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return ext.count <= 10 && ext.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) ? ext : ""
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    public static func < (lhs: InboxPath, rhs: InboxPath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public var description: String { displayString }
}
