import CNats
import DepecheCore

/// The stream depeche needs: subjects `<prefix>.>`, file storage, nothing discarded (no limit on
/// messages, bytes or age), a duplicate window of at least ``minimumDuplicateWindowSeconds``.
/// Created when absent; an existing stream that differs in a way that matters stops start-up.
enum StreamSetup {
    /// Message ids are remembered this long at least: a publish retried within it is dropped.
    static let minimumDuplicateWindowSeconds: Int64 = 120

    /// A stream that exists but cannot hold depeche's events as promised.
    struct IncompatibleStream: Error, CustomStringConvertible {
        var stream: String
        var setting: String
        var problem: String
        var description: String {
            "NATS stream \(stream): \(setting) \(problem); fix the stream or choose another sink.nats.stream"
        }
    }

    /// Creates the stream or checks the one there. Returns whether it was created.
    @discardableResult
    static func ensure(_ settings: SinkSettings.NATS, on connection: JetStreamConnection) throws -> Bool {
        let subjects = settings.subjectPrefix + ".>"
        let exists = try connection.withStreamInfo(settings.stream) { info -> Bool in
            guard let config = info?.Config?.pointee else { return false }
            try check(config, stream: settings.stream, subjects: subjects)
            return true
        }
        if exists { return false }
        try subjects.withCString { subject in
            try settings.stream.withCString { name in
                var config = jsStreamConfig()
                jsStreamConfig_Init(&config)
                var list: [UnsafePointer<CChar>?] = [subject]
                try list.withUnsafeMutableBufferPointer { pointers in
                    config.Name = name
                    config.Subjects = pointers.baseAddress
                    config.SubjectsLen = 1
                    config.Storage = js_FileStorage
                    config.Replicas = Int64(settings.replicas)
                    config.Duplicates = minimumDuplicateWindowSeconds * 1_000_000_000
                    config.Discard = js_DiscardOld
                    config.MaxMsgs = -1
                    config.MaxBytes = -1
                    config.MaxAge = 0
                    config.MaxMsgsPerSubject = -1
                    try connection.addStream(&config)
                }
            }
        }
        return true
    }

    private static func check(_ config: jsStreamConfig, stream: String, subjects: String) throws {
        func fail(_ setting: String, _ problem: String) -> IncompatibleStream {
            IncompatibleStream(stream: stream, setting: setting, problem: problem)
        }
        let listed = (0..<Int(config.SubjectsLen)).compactMap { config.Subjects?[$0].map { String(cString: $0) } }
        guard listed.contains(subjects) else {
            throw fail("subjects", "are \(listed), not \"\(subjects)\" (sink.nats.subject_prefix)")
        }
        guard config.Storage == js_FileStorage else { throw fail("storage", "is memory, not file") }
        guard config.Retention == js_LimitsPolicy else { throw fail("retention", "is not limits: acknowledged events would be removed") }
        guard config.MaxMsgs <= 0, config.MaxBytes <= 0, config.MaxAge == 0, config.MaxMsgsPerSubject <= 0 else {
            throw fail("max_msgs/max_bytes/max_age/max_msgs_per_subject", "are set: events would be discarded")
        }
        guard config.Duplicates >= minimumDuplicateWindowSeconds * 1_000_000_000 else {
            throw fail("duplicate_window", "is \(config.Duplicates / 1_000_000_000) s, under \(minimumDuplicateWindowSeconds) s")
        }
        guard !config.Sealed else { throw fail("sealed", "is true: nothing can be published") }
    }
}
