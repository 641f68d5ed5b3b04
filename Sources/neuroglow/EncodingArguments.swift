import ArgumentParser

/// How a video recording is encoded (`record FILE.mp4`, `--record FILE.mp4`, R in the window).
struct EncodingArguments: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: """
            Video quality against size, ffmpeg's constant rate factor: lower is better and larger. \
            .mp4/.mkv 0–51 (default 20), .webm 0–63 (default 32); a .gif has none.
            """)
    var crf: Int?
}
