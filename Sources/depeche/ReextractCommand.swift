import ArgumentParser
import DepecheCore
import Glibc

struct ReextractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reextract",
        abstract: "Run today's analysis again over the archived documents of the log (never writes the log).",
        discussion: """
            Prints one line per document.ingested event with a seq in --from...--until, shaped like \
            that event (same id, seq and path) with today's metadata and entities and a "reextracted" \
            timestamp. Documents without an archived copy (dispose.mode delete or keep) are counted \
            and named on stderr. Safe while the daemon runs: it only reads the log and the archive.
            """)

    @OptionGroup var options: ConfigOptions

    // `.unconditional`: `--from -5` reaches validate() (and its message) instead of reading as a flag.
    @Option(parsing: .unconditional, help: "The first seq to re-extract.")
    var from: Int = 1

    @Option(parsing: .unconditional, help: "The last seq to re-extract (default: the last one logged).")
    var until: Int?

    func validate() throws {
        guard from >= 1, until ?? from >= from else { throw ValidationError("--from must be at least 1 and --until at least --from") }
    }

    func run() async throws {
        let config = try await options.load()
        let seqs = from...(until ?? .max)
        let reextraction = Reextraction(config: config, analyzer: try Daemon.analyzer(for: config))
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: try reextraction.count(seqs)) : nil
        var (done, reextracted, notArchived, unusable) = (0, 0, 0, 0)
        try reextraction.run(seqs) { outcome in
            switch outcome {
            case .reextracted(let line):
                emit(line)
                reextracted += 1
            case .skipped(let seq, let path, let skip):
                if progress != nil { emitError("\n") }
                emitError("reextract: seq \(seq) \(path): \(Self.describe(skip))\n")
                if case .unusable = skip { unusable += 1 } else { notArchived += 1 }
            }
            done += 1
            progress?.show(done: done)
        }
        progress?.finish()
        emitError("reextract: \(reextracted) re-extracted, \(notArchived) without an archived copy, \(unusable) unusable\n")
    }

    private static func describe(_ skip: Reextraction.Skip) -> String {
        switch skip {
        case .notArchived: "no archived copy (dispose.mode delete or keep)"
        case .archiveMissing(let stored): "no archived copy (\(stored) is gone)"
        case .unusable(let reason): reason
        }
    }
}
