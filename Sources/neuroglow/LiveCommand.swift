import ArgumentParser

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "live", abstract: "Open the live window (the default).")
    @OptionGroup var model: ModelArguments
    @OptionGroup var scheduleOptions: ScheduleArguments
    mutating func run() throws { print("live: not built yet") }
}
