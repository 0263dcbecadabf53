import ArgumentParser

@main
struct DepecheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "depeche",
        abstract: "Watches an inbox of scraped news pages and appends one JSON event per document to a log.",
        subcommands: [RunCommand.self, ExtractCommand.self, TailCommand.self, CheckCommand.self, StatusCommand.self]
    )
}
