import ArgumentParser
import Glibc

/// The command line (docs/DESIGN.md §4). `live` is the default subcommand.
@main
struct Neuroglow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neuroglow",
        abstract: "Watch a neural network learn, live.",
        subcommands: [
            LiveCommand.self, RecordCommand.self, TrainCommand.self, ScheduleCommand.self, DatasetsCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: LiveCommand.self
    )

    /// ArgumentParser's `main`, except that a `ValidationError` thrown by a subcommand's `run`
    /// (where options are checked against each other and against files) is reported as one found
    /// while parsing is: with that subcommand's usage line, not the root command's.
    static func main() {
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            try command.run()
        } catch let error as ValidationError {
            let kind = type(of: command)
            let name = [configuration.commandName, kind.configuration.commandName].compactMap { $0 }.joined(
                separator: " ")
            report(
                """
                Error: \(error.message)
                Usage: neuroglow \(kind.usageString())
                  See '\(name) --help' for more information.
                """)
            Glibc.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
