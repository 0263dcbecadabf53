/// What must hold of a cluster's stream after a test: every content ingested once, every file
/// one event, each host's `seq` gap-free, every duplicate naming an ingested event and its own
/// archived bytes; and each host's local log a copy of its events in the stream.
enum ClusterChecks {
    /// The problems found in `events` (the whole stream), given the files each host was given.
    static func violations(of events: [LogEvent], filesPerHost: [String: Set<String>]) -> [String] {
        var problems: [String] = []
        var ingested: [String: LogEvent] = [:]
        var ingestedBySeq: [String: LogEvent] = [:]
        for event in events where event.type == "document.ingested" {
            guard let text = event.string("text_sha256") else { problems.append("ingested without text_sha256"); continue }
            if let first = ingested[text] {
                problems.append("content \(text.prefix(12)) ingested twice: \(host(first)):\(first.seq) and \(host(event)):\(event.seq)")
            }
            ingested[text] = event
            ingestedBySeq["\(host(event)):\(event.seq)"] = event
        }
        for event in events where event.type == "document.duplicate" {
            let key = "\(event.string("of_host") ?? host(event)):\(event.int("of_seq") ?? -1)"
            if ingestedBySeq[key]?.id != event.string("of") {
                problems.append("\(host(event)):\(event.seq) duplicate of \(key), which is no ingested event with id \(event.string("of") ?? "nil")")
            }
            if event.string("stored")?.hasPrefix("archive/") != true {
                problems.append("\(host(event)):\(event.seq) duplicate does not say where its bytes are archived")
            }
        }
        for (name, files) in filesPerHost {
            let own = events.filter { host($0) == name }
            let seqs = own.map(\.seq)
            if seqs.sorted() != own.indices.map({ $0 + 1 }) {
                problems.append("host \(name): seq not 1…\(own.count), each once: \(seqs.prefix(40))")
            }
            if let late = outOfOrder(own) { problems.append("host \(name): \(late)") }
            var paths: [String: Int] = [:]
            for event in own { paths[event.displayPath, default: 0] += 1 }
            for (path, count) in paths where count > 1 { problems.append("host \(name): \(path) has \(count) events") }
            for path in files where paths[path] == nil { problems.append("host \(name): \(path) has no event") }
        }
        return problems
    }

    /// A host's events are in the stream in `seq` order, except a `document.duplicate` that
    /// replaced a refused claim: it comes after the events published with it (a batch: at most
    /// 512). Says which event breaks that, if one does.
    static func outOfOrder(_ own: [LogEvent]) -> String? {
        var highest = 0
        for event in own {
            if event.seq < highest && (event.type != "document.duplicate" || highest - event.seq > 512) {
                return "seq \(event.seq) (\(event.type)) comes after seq \(highest) in the stream"
            }
            highest = max(highest, event.seq)
        }
        return nil
    }

    /// The problems of a host's local log against its events in the stream (same lines, by `seq`).
    static func mirrorViolations(local: [LogEvent], stream: [LogEvent], host name: String) -> [String] {
        let own = stream.filter { host($0) == name }.sorted { $0.seq < $1.seq }
        guard local.count == own.count else { return ["host \(name): local log has \(local.count) events, the stream \(own.count)"] }
        return zip(local, own).compactMap { pair in
            pair.0.seq == pair.1.seq && pair.0.type == pair.1.type && pair.0.path == pair.1.path
                ? nil : "host \(name): local seq \(pair.0.seq) differs from the stream's"
        }
    }

    static func host(_ event: LogEvent) -> String { event.string("host") ?? "?" }
}
