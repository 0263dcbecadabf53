import Glibc

/// Finds where an event starts in a segment of the event log without reading the lines
/// before it: a binary search over byte offsets, each probe reading one line's opening
/// (`{"v":1,"seq":N,…`) with `pread`. `seq` grows by one per line, so the search is exact.
enum EventLogSeek {
    /// The offset of the first line of the file open as `fd` (`size` bytes) whose `seq` is at
    /// least `seq`, or `size` when there is none.
    static func offset(ofSeq seq: Int, fd: Int32, size: Int, path: String) throws -> Int {
        var low = 0
        var high = size
        while low < high {
            let middle = low + (high - low) / 2
            let start = try lineStart(atOrAfter: middle, fd: fd, size: size, path: path)
            let isAtOrPast = try start >= size || seqOfLine(at: start, fd: fd, path: path) >= seq
            if isAtOrPast {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return try lineStart(atOrAfter: low, fd: fd, size: size, path: path)
    }

    /// The first line start at or after `offset` (`size` when none).
    private static func lineStart(atOrAfter offset: Int, fd: Int32, size: Int, path: String) throws -> Int {
        guard offset > 0 else { return 0 }
        var position = offset - 1
        var chunk = [UInt8](repeating: 0, count: 4096)
        while position < size {
            let count = try chunk.withUnsafeMutableBytes { raw in
                try Posix.check("pread", path) { pread(fd, raw.baseAddress, raw.count, off_t(position)) }
            }
            if count == 0 { break }
            if let newline = chunk[..<count].firstIndex(of: UInt8(ascii: "\n")) { return position + newline + 1 }
            position += count
        }
        return size
    }

    private static let seqField = BytePattern(#""seq":"#)

    /// The `seq` of the line starting at `offset`, read from its first bytes (however long the
    /// line: `seq` is the second field).
    static func seqOfLine(at offset: Int, fd: Int32, path: String) throws -> Int {
        var head = [UInt8](repeating: 0, count: 64)
        let count = try head.withUnsafeMutableBytes { raw in
            try Posix.check("pread", path) { pread(fd, raw.baseAddress, raw.count, off_t(offset)) }
        }
        let bytes = head[..<count]
        guard let field = head.withUnsafeBytes({ ByteSearch.firstOffset(of: seqField, in: UnsafeRawBufferPointer(rebasing: $0[..<count])) })
        else {
            throw EventLogCorruption(path: path, lineNumber: 0, problem: "no \"seq\" at the start of the line at byte \(offset)")
        }
        let digits = bytes[(field + seqField.bytes.count)...].prefix { (0x30...0x39).contains($0) }
        guard let seq = Int(decimal: digits) else {
            throw EventLogCorruption(path: path, lineNumber: 0, problem: "no integer \"seq\" in the line at byte \(offset)")
        }
        return seq
    }
}
