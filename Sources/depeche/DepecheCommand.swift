import ArgumentParser
import DepecheCore

@main
struct DepecheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "depeche",
        abstract: "Watches an inbox of scraped news pages and appends one JSON event per document to a log.",
        discussion: """
            Every command reads one configuration file: the one given with --config, else \
            $DEPECHE_CONFIG, else ./config/depeche.yaml, else /etc/depeche/depeche.yaml, the first \
            that exists (none: built-in defaults). DEPECHE_* variables and --set override its keys.
            """,
        version: Depeche.version,
        subcommands: [
            RunCommand.self, ExtractCommand.self, ReextractCommand.self, TailCommand.self, CheckCommand.self, StatusCommand.self,
        ]
    )

    /// Sets up the process, then runs the command the arguments name.
    static func main() async {
        ProcessMemory.returnLargeBlocksToTheSystem()
        ProcessMemory.oneHeapPerProcessor()
        await main(nil)
    }
}
