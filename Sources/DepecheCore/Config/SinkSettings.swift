import Glibc

/// Where events go (`sink.*` keys): the local JSON-lines log, or a NATS JetStream stream
/// shared by several hosts. Only settings live here; the NATS client is in `DepecheNATS`.
public struct SinkSettings: Sendable, Equatable {
    /// Which sink the daemon writes to.
    public enum Kind: String, Sendable, CaseIterable {
        /// The local event log alone (`log.*`).
        case jsonl
        /// A NATS JetStream stream (`sink.nats.*`); the local log keeps a copy of this host's events.
        case nats
    }

    /// The `sink.nats.*` keys.
    public struct NATS: Sendable, Equatable {
        /// Server URLs (`nats://` or `tls://`), from the comma-separated `sink.nats.servers`.
        public var servers: [String]
        /// The stream's name.
        public var stream: String
        /// Every event is published under `<subjectPrefix>.>`.
        public var subjectPrefix: String
        /// Replicas when depeche creates the stream.
        public var replicas: Int
        /// A `.creds` file, or nil.
        public var credentials: String?
        /// This host's name in events (`host`) and message ids.
        public var hostID: String
    }

    /// The sink.
    public var kind: Kind
    /// The NATS settings (read and checked whatever the kind).
    public var nats: NATS

    /// Reads `sink.kind` and `sink.nats.*`; `string`, `int` and `choice` throw a
    /// ``ConfigurationError`` naming the key.
    init(
        string: (String) throws -> String, int: (String, Int) throws -> Int,
        kind: () throws -> Kind
    ) throws {
        self.kind = try kind()
        let servers = try string("sink.nats.servers").split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !servers.isEmpty else { throw ConfigurationError(key: "sink.nats.servers", problem: "must name at least one server") }
        let stream = try string("sink.nats.stream")
        guard Self.isToken(stream) else {
            throw ConfigurationError(key: "sink.nats.stream", problem: "must be letters, digits, - and _, got \"\(stream)\"")
        }
        let prefix = try string("sink.nats.subject_prefix")
        guard prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.isToken(String($0)) }) else {
            throw ConfigurationError(
                key: "sink.nats.subject_prefix", problem: "must be dot-separated tokens of letters, digits, - and _, got \"\(prefix)\"")
        }
        let credentials = try string("sink.nats.credentials")
        let configuredHost = try string("sink.nats.host_id")
        let host = configuredHost.isEmpty ? Self.hostName() : configuredHost
        guard Self.isToken(host) else {
            throw ConfigurationError(key: "sink.nats.host_id", problem: "must be letters, digits, - and _, got \"\(host)\"")
        }
        nats = NATS(
            servers: servers, stream: stream, subjectPrefix: prefix, replicas: try int("sink.nats.replicas", 1),
            credentials: credentials.isEmpty ? nil : credentials, hostID: host)
    }

    /// A subject token, stream or consumer name: letters, digits, `-` and `_`.
    public static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }

    /// The host name with every character a subject token cannot hold made `-`.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let token = String(name.map { isToken(String($0)) ? $0 : "-" })
        return token.isEmpty ? "localhost" : token
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
