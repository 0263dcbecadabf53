import Glibc

/// Windows-1256 ("cp1256"), the code page Arabic pages saved on Windows use, read by glibc's
/// iconv (`iconv_open("UTF-8", "CP1256")`, the CP1256 gconv module that ships with libc6).
/// The one file that calls iconv.
enum Windows1256 {
    /// Decodes `bytes`. Glibc's CP1256 maps every byte to one character of the Basic
    /// Multilingual Plane (three UTF-8 bytes at most), so the output never outgrows three bytes
    /// a byte. Throws `undecodable` when iconv cannot convert from CP1256 (its gconv module is
    /// missing) or stops at a byte (one that has no mapping in the table iconv uses).
    static func decode(_ bytes: [UInt8]) throws(Rejection) -> String {
        guard let converter = iconv_open("UTF-8", "CP1256"), converter != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw Rejection(.undecodable, "cannot read Windows-1256: iconv_open(\"UTF-8\", \"CP1256\") failed: \(String(cString: strerror(errno))) (are glibc's gconv modules installed?)")
        }
        defer { iconv_close(converter) }
        var failure: Rejection?
        // iconv takes `char **` but only moves the pointer: it never writes through it.
        let text = bytes.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: 3 * input.count) { output in
                var (inPointer, inLeft) = (input.baseAddress.map { UnsafeMutablePointer(mutating: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }, input.count)
                var (outPointer, outLeft) = (output.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }, output.count)
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    failure = rejection(bytes, offset: input.count - inLeft, code: errno)
                }
                return output.count - outLeft
            }
        }
        if let failure { throw failure }
        return text
    }

    /// Why iconv stopped at `offset`: a byte with no mapping (`EILSEQ`), or any other error.
    private static func rejection(_ bytes: [UInt8], offset: Int, code: Int32) -> Rejection {
        if code == EILSEQ {
            return Rejection(.undecodable, "neither UTF-8 nor Windows-1256: byte 0x\(String(bytes[offset], radix: 16)) at offset \(offset) has no Windows-1256 mapping")
        }
        return Rejection(.undecodable, "cannot read Windows-1256: iconv stopped at byte offset \(offset): \(String(cString: strerror(code)))")
    }
}
