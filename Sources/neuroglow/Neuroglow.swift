import ArgumentParser

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
}
