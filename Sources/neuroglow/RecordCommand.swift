import ArgumentParser

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Render the session into a folder of BMP frames.")
    @Argument var dir: String
    mutating func run() throws { print("record: not built yet") }
}
