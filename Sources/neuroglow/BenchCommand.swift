import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure training, scene, render, record, startup and memory.")
    mutating func run() throws { print("bench: not built yet") }
}
