/// Which names in the inbox are files in progress rather than pages: dot-files (rsync's
/// `.name.XXXXXX` among them), `*.tmp`, `*.part`, `*.crdownload`, `*.swp`, and names ending in `~`.
public enum NamePolicy {
    static let temporarySuffixes: [[UInt8]] = [".tmp", ".part", ".crdownload", ".swp", ".partial", "~"].map { Array($0.utf8) }

    /// Whether a file or directory with this name is ignored until it is renamed.
    public static func isIgnored(_ name: [UInt8]) -> Bool {
        guard let first = name.first else { return true }
        if first == UInt8(ascii: ".") { return true }
        let lower = name.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return temporarySuffixes.contains { lower.count > $0.count && lower.suffix($0.count).elementsEqual($0) }
    }
}
