/// Up to 32 bytes of big-endian numbers, built on the stack: a store key or fixed-size value
/// without an array allocation.
struct PackedRecord {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Bytes written so far.
    private(set) var count = 0

    /// Appends `value`'s low `size` bytes, most significant first.
    @inline(__always)
    mutating func append(_ value: UInt64, bytes size: Int) {
        precondition(count + size <= 32, "a packed record holds 32 bytes")
        let start = count
        withUnsafeMutableBytes(of: &words) { raw in
            for index in 0..<size { raw[start + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (size - 1 - index))) }
        }
        count += size
    }

    /// Calls `body` with the bytes written.
    @inline(__always)
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeBytes(of: words) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}

/// The big-endian number of `size` (at most 8) bytes at `pointer`.
@inline(__always)
func loadBigEndian(_ pointer: UnsafeRawPointer, bytes size: Int) -> UInt64 {
    switch size {
    case 6:
        return UInt64(UInt32(bigEndian: pointer.loadUnaligned(as: UInt32.self))) << 16
            | UInt64(UInt16(bigEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))
    case 7:
        return UInt64(UInt32(bigEndian: pointer.loadUnaligned(as: UInt32.self))) << 24
            | UInt64(UInt16(bigEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt16.self))) << 8
            | UInt64(pointer.load(fromByteOffset: 6, as: UInt8.self))
    case 8: return UInt64(bigEndian: pointer.loadUnaligned(as: UInt64.self))
    default:
        var value: UInt64 = 0
        for index in 0..<size { value = value << 8 | UInt64(pointer.load(fromByteOffset: index, as: UInt8.self)) }
        return value
    }
}

/// `value`'s low `count` bytes, most significant first.
func bytes(_ value: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * (count - 1 - $0))) }
}

/// The big-endian number in `bytes` (at most 8).
func bigEndian(_ bytes: some Collection<UInt8>) -> UInt64 {
    bytes.reduce(0) { $0 << 8 | UInt64($1) }
}
