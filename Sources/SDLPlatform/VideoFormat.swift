/// A video container neuroglow writes through ffmpeg, chosen by the file's extension, with the
/// encoder settings for it (docs/DESIGN.md §5 "Video").
public enum VideoFormat: String, CaseIterable, Sendable {
    /// H.264 in yuv420p: what every player plays.
    case mp4
    /// VP9, for the web.
    case webm
    /// H.264 in Matroska: the file stays playable even when the encoder is killed mid-way.
    case mkv
    /// An animated GIF with a palette made for the whole recording.
    case gif

    /// The format a path names by its extension (any case), or nil: a path without one of these
    /// extensions is a folder of BMP frames.
    public init?(path: String) {
        guard let ext = Self.fileExtension(of: path) else { return nil }
        self.init(rawValue: ext)
    }

    /// The extension of a path's last component, lower-cased ("MOV" → "mov"), or nil.
    public static func fileExtension(of path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return path[path.index(after: dot)...].lowercased()
    }

    /// The extensions recognised, for messages: ".mp4, .webm, .mkv or .gif".
    public static let extensionList =
        allCases.dropLast().map { "." + $0.rawValue }.joined(separator: ", ") + " or ." + allCases.last!.rawValue

    /// The constant-rate-factor values the encoder takes (lower: better and larger), or nil when
    /// the format has none (GIF).
    public var crfRange: ClosedRange<Int>? {
        switch self {
        case .mp4, .mkv: 0...51
        case .webm: 0...63
        case .gif: nil
        }
    }

    /// The default quality: visually close to the BMP frames at a small fraction of their size.
    public var defaultCRF: Int? {
        switch self {
        case .mp4, .mkv: 20
        case .webm: 32
        case .gif: nil
        }
    }

    /// Whether frames reach ffmpeg as YUV 4:2:0 (`YUV420Frame`); else as 32-bit RGB (a GIF's
    /// palette is made from the colours themselves).
    var takesYUV: Bool { self != .gif }

    /// The colour tags of `YUV420Frame`'s output, for ffmpeg's input and the file.
    static let yuvColourTags = [
        "-color_range", "tv", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
    ]

    /// ffmpeg's output options for this format, between the input and the output file.
    func outputArguments(crf: Int?) -> [String] {
        // Matroska (.mkv, .webm) writes a random segment id and the date into the file unless it
        // is told to be bit-exact: same options, same file.
        let exact = self == .mkv || self == .webm ? ["-fflags", "+bitexact"] : []
        return exact + codecArguments(crf: crf)
    }

    private func codecArguments(crf: Int?) -> [String] {
        let quality = crf ?? defaultCRF ?? 0
        switch self {
        case .mp4, .mkv:
            // ultrafast: rendering and encoding share two cores; the picture is flat colour and
            // thin lines, which stays ~500 times smaller than its BMP frames even so.
            return ["-c:v", "libx264", "-preset", "ultrafast", "-crf", String(quality)] + Self.yuvColourTags
        case .webm:
            return [
                "-c:v", "libvpx-vp9", "-crf", String(quality), "-b:v", "0", "-deadline", "realtime", "-cpu-used", "8",
                "-row-mt", "1",
            ] + Self.yuvColourTags
        case .gif:
            return ["-filter_complex", "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse", "-loop", "0"]
        }
    }
}
