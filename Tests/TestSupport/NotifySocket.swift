import DepecheCore
import Glibc

/// The receiving end of `$NOTIFY_SOCKET`, as systemd holds it: a datagram socket the test
/// binds, at a path in a fresh directory or under an abstract name.
public final class NotifySocket {
    /// The value to put in `NOTIFY_SOCKET`.
    public let name: String
    private let fd: Int32
    private let directory: String?

    /// Binds a socket at `<tmp>/notify.sock`, or at `@depeche-test-<pid>-<random>` if `abstract`.
    public init(abstract: Bool = false) throws {
        if abstract {
            directory = nil
            name = "@depeche-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        } else {
            var template = Array("/tmp/depeche-notify-XXXXXX".utf8CString)
            guard mkdtemp(&template) != nil else { throw POSIXFailure(call: "mkdtemp") }
            let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            directory = path
            name = path + "/notify.sock"
        }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure(call: "socket") }
        guard let address = UnixSocketAddress(name) else { throw POSIXFailure(call: "UnixSocketAddress") }
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        guard bound == 0 else { throw POSIXFailure(call: "bind") }
    }

    deinit {
        close(fd)
        if let directory {
            unlink(name)
            rmdir(directory)
        }
    }

    /// The next datagram, or nil if none comes within `timeout`. Polls without blocking, so
    /// that the services under test keep the cooperative thread pool.
    public func receive(timeout: Duration = .seconds(5)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
            guard errno == EAGAIN || errno == EINTR else { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        } while ContinuousClock.now < deadline
        return nil
    }

    /// Every datagram that arrives within `duration`.
    public func receiveAll(for duration: Duration) async -> [String] {
        let deadline = ContinuousClock.now + duration
        var messages: [String] = []
        while case let left = deadline - ContinuousClock.now, left > .zero, let message = await receive(timeout: left) {
            messages.append(message)
        }
        return messages
    }

    /// Receives until a datagram holds `line` as one of its lines, or `timeout` passes;
    /// returns every datagram received, the matching one last.
    public func receive(until line: String, timeout: Duration = .seconds(60)) async -> [String] {
        await receive(untilCount: 1, of: { $0.hasLine(line) }, timeout: timeout)
    }

    /// Receives until `count` datagrams satisfy `matches`, or `timeout` passes; returns every
    /// datagram received, the last match last. Waiting for what must happen, rather than
    /// counting in a fixed window, keeps a test right when the machine is slow; the timeout
    /// only bounds a failure, and is long because the whole suite's synchronous tests can keep
    /// the cooperative pool (one thread per core) from running the notifier for many seconds.
    public func receive(
        untilCount count: Int, of matches: (String) -> Bool, timeout: Duration = .seconds(60)
    ) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        var messages: [String] = []
        var matched = 0
        while matched < count, case let left = deadline - ContinuousClock.now, left > .zero,
            let message = await receive(timeout: left)
        {
            messages.append(message)
            if matches(message) { matched += 1 }
        }
        return messages
    }
}

extension String {
    /// Whether one of the lines of this notification is exactly `line`.
    public func hasLine(_ line: String) -> Bool {
        split(separator: "\n").contains { $0 == line }
    }
}

/// A C call failed while setting up a test.
public struct POSIXFailure: Error, CustomStringConvertible {
    /// The call that failed.
    public let call: String
    /// Its `errno`.
    public let code = errno

    /// A failure of `call`, with the current `errno`.
    public init(call: String) { self.call = call }

    /// The call and the `errno` message.
    public var description: String { "\(call): \(String(cString: strerror(code)))" }
}
