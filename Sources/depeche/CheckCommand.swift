import ArgumentParser
import DepecheCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the configuration, the event log and the state store; exit non-zero on any problem.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try await options.load()
        do { try StartupCheck.check(config) } catch {
            print("\(error)")
            throw ExitCode.failure
        }
        print("config: ok (inbox \(config.inbox), state \(config.stateDirectory))")
        do {
            let summary = try EventLogCheck.run(activePath: config.logPath)
            print("event log: ok (\(summary.events) events, seq \(summary.firstSeq)–\(summary.lastSeq), \(summary.segments) file(s))")
            if let store = try StoreCheck.run(config: config, logLastSeq: summary.lastSeq) {
                let foreign = store.foreignDocuments == 0 ? "" : " and \(store.foreignDocuments) of other hosts"
                let next = store.logHoldsNoEvents
                    ? "the event log holds no events (moved away or removed): the next is seq \(store.seq + 1)"
                    : "\(store.behind) event(s) to replay at the next start"
                print("state store: ok (\(store.documents) documents\(foreign), seq \(store.seq); \(next))")
            }
        } catch let error as EventLogCorruption {
            print("event log: \(error)")
            throw ExitCode.failure
        } catch {
            print("state store: \(error)")
            throw ExitCode.failure
        }
    }
}
