/// The single-byte code pages a page that is not UTF-8 is read in; the raw value is what the
/// event's `encoding` says.
enum LegacyCharset: String {
    /// French, English and other Latin-script pages saved on Windows.
    case windows1252 = "windows-1252"
    /// Arabic pages saved on Windows.
    case windows1256 = "windows-1256"

    /// The code page an HTML page's declared charset names (``HTMLSniffer/declaredCharset(_:)``,
    /// lowercased); nil for a label of another charset. Windows-1256's labels are those of
    /// WHATWG's Encoding Standard, which browsers accept.
    init?(label: String) {
        switch label {
        case "windows-1252", "iso-8859-1", "latin1", "iso-8859-15", "cp1252": self = .windows1252
        case "windows-1256", "cp1256", "x-cp1256": self = .windows1256
        default: return nil
        }
    }

    /// The code page of bytes that declare neither: Windows-1256 when they read as Arabic
    /// (``ArabicWordScan``), else Windows-1252.
    init(guessingFrom bytes: [UInt8]) {
        self = ArabicWordScan(bytes).readsAsArabic ? .windows1256 : .windows1252
    }

    /// Decodes `bytes`, or says which byte this code page cannot read.
    func decode(_ bytes: [UInt8]) throws(Rejection) -> String {
        switch self {
        case .windows1252:
            if let undefined = bytes.firstIndex(where: Windows1252.undefined.contains) {
                throw Rejection(.undecodable, "neither UTF-8 nor Windows-1252: byte 0x\(String(bytes[undefined], radix: 16)) at offset \(undefined)")
            }
            return Windows1252.decode(bytes)
        case .windows1256:
            return try Windows1256.decode(bytes)
        }
    }
}
