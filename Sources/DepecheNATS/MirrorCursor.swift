import DepecheCore
import Glibc
import Synchronization

/// How far the stream has been copied into the local log: the stream sequence of the last
/// event of this host known to be in the mirror, saved in `state/nats.cursor` at each flush.
/// A saved value never exceeds the truth (it is taken after the copy), so start-up reads the
/// stream from just after it and finds every event the mirror may lack.
final class MirrorCursor: Sendable {
    private let path: String
    private let current: Atomic<UInt64>
    private let saved: Atomic<UInt64>

    /// Reads the saved cursor at `path` (0 when there is none or it is unreadable).
    init(path: String) {
        self.path = path
        var value: UInt64 = 0
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &bytes, bytes.count)
            value = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).split(separator: "\n").first.flatMap { UInt64($0) } ?? 0
        }
        current = Atomic(value)
        saved = Atomic(value)
    }

    /// The stream sequence of the last event known to be mirrored.
    var value: UInt64 { current.load(ordering: .relaxed) }

    /// An event at `streamSeq` is now in the mirror.
    func advance(to streamSeq: UInt64) {
        current.store(max(value, streamSeq), ordering: .relaxed)
    }

    /// Writes the cursor when it moved since the last save (atomically, durably).
    func save() throws {
        let value = self.value
        guard saved.load(ordering: .relaxed) != value else { return }
        let file = try AtomicFileWriter(path: path)
        try file.write(Array("\(value)\n".utf8))
        try file.commit()
        saved.store(value, ordering: .relaxed)
    }
}
