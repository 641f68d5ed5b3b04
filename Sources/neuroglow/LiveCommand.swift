import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform
import Session

/// `neuroglow [live]`: the live window (the default subcommand).
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live", abstract: "Open the live window (the default).")

    @OptionGroup var model: ModelArguments
    @OptionGroup var scheduleOptions: ScheduleArguments
    @OptionGroup var view: ViewArguments
    @Option(
        help: """
            Record from the first frame into a folder of BMP frames, or a video (\(VideoFormat.extensionList), \
            through ffmpeg). R toggles recording in the window.
            """)
    var record: String?
    @Flag(help: "With --record: replace the frames of a folder, or a video file, that exists.")
    var overwrite = false
    @OptionGroup var encoding: EncodingArguments
    @Option(parsing: .unconditional, help: "Quit after this many seconds (demos, tests, soak runs).")
    var seconds: Double?
    @Flag(name: .customLong("no-vsync"), help: "Do not wait for the display's vertical sync.")
    var noVsync = false
    @Flag(name: .customLong("report-first-frame"), help: .hidden)
    var reportFirstFrame = false
    /// For `bench`: print the process's own peak resident memory on stderr when it ends.
    @Flag(name: .customLong("report-peak-memory"), help: .hidden)
    var reportPeakMemory = false

    mutating func run() throws {
        let (plan, compared) = try validating { try model.plans(schedule: scheduleOptions.resolved()) }
        try validating { try KeptWeights.check(compared.map { [$0.first, $0.second] } ?? [plan]) }
        for note in plan.notes { report("neuroglow: \(note)") }
        let size = try validating { try view.resolvedSize() }
        let palette = view.resolvedPalette
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            throw ValidationError("--seconds \(seconds): expected a positive number")
        }
        let target = try validating {
            try record.map { path throws(InputError) in try RecordingTarget.parse(path, option: "--record") }
        }
        if overwrite && target == nil { throw ValidationError("--overwrite: applies to --record; there is none") }
        try validating { try target?.checkNothingReplaced(overwrite: overwrite) }
        // Without --record, R records an mp4.
        try validating { try (target ?? .video(path: "R", format: .mp4)).checkCRF(encoding.crf) }
        if let target, target.isVideo, VideoEncoder.locateFFmpeg() == nil {
            report("neuroglow: cannot record \(target.path): \(VideoEncoder.missingFFmpeg)")
            throw ExitCode(1)
        }
        // Folders made here for the frames are removed again if the window cannot open (they are empty).
        let madeFolders: [String]
        if case .frames(let directory) = target {
            madeFolders = Self.missingFolders(directory)
        } else {
            madeFolders = []
        }
        if let target {
            do { try target.prepareFolder() } catch {
                report("neuroglow: cannot record to \(target.path): \(error)")
                throw ExitCode(1)
            }
        }
        let events = try validating { try EventLog(destination: view.events) }
        let app: LiveApp
        do {
            let options = LiveOptions(
                recordTarget: target, crf: encoding.crf, maximumSeconds: seconds, vsync: !noVsync,
                reportFirstFrame: reportFirstFrame, arguments: Array(CommandLine.arguments.dropFirst()),
                fitsScreen: view.size == nil && target == nil)
            app = try LiveApp(
                plan: plan, compared: compared, size: size,
                view: ViewChoices(palette: palette, dashed: view.dashed, widths: view.widths),
                events: events,
                options: options)
        } catch {
            for folder in madeFolders { rmdir(folder) }
            events.error("cannot open the window: \(error)")
            report("neuroglow: cannot open the window: \(error)")
            throw ExitCode(1)
        }
        let status = app.runLoop()
        if reportPeakMemory { report("peak resident MB \(peakResidentMegabytes())") }
        if status != 0 { throw ExitCode(status) }
    }

    /// `path` and those of its parents that do not exist, deepest first.
    static func missingFolders(_ path: String) -> [String] {
        var missing: [String] = [], current = path
        while !current.isEmpty && current != "/" && !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        return missing
    }
}
