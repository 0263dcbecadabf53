import Glibc

/// A `sockaddr_un` for an `AF_UNIX` socket named the way `$NOTIFY_SOCKET` names one: an
/// absolute path, or a name in the abstract namespace when it starts with `@` (the `@`
/// stands for the leading NUL byte, as in `ss -x` and `sd_notify(3)`).
package struct UnixSocketAddress {
    /// The address, ready for `bind(2)` or `sendto(2)`.
    package private(set) var storage = sockaddr_un()
    /// The number of bytes of `storage` that count: an abstract name has no terminating NUL.
    package let length: socklen_t

    /// Parses `name`; nil when it is neither absolute nor abstract, or too long for `sun_path`.
    package init?(_ name: String) {
        var bytes = Array(name.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@") else { return nil }
        let isAbstract = first == UInt8(ascii: "@")
        if isAbstract { bytes[0] = 0 }
        let pathCapacity = MemoryLayout.size(ofValue: storage.sun_path)
        // A path needs room for its NUL terminator; an abstract name may fill sun_path.
        guard bytes.count + (isAbstract ? 0 : 1) <= pathCapacity else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        length = socklen_t(pathOffset + bytes.count + (isAbstract ? 0 : 1))
    }

    /// Calls `body` with the address as the `sockaddr` pointer and length the socket calls take.
    package func withSockaddr<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result
    ) rethrows -> Result {
        try withUnsafePointer(to: storage) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, length) }
        }
    }
}
