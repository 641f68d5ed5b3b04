import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform

/// Finds the shipped font: next to the executable's package (`Assets/`), under
/// `$NEUROGLOW_ASSETS`, or Debian's copy of the same font.
enum AssetLocator {
    static let fontName = "DejaVuSans.ttf"

    static func fontPath() -> String? {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["NEUROGLOW_ASSETS"] {
            candidates.append(override + "/" + fontName)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("Assets").appendingPathComponent(fontName).path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/Assets/" + fontName)
        candidates.append("/usr/share/fonts/truetype/dejavu/" + fontName)
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The font's path, or an error that says where to point NEUROGLOW_ASSETS.
    static func requireFontPath() throws(InputError) -> String {
        guard let path = fontPath() else {
            throw InputError("cannot find \(fontName) (set NEUROGLOW_ASSETS to the Assets folder)")
        }
        return path
    }
}

/// What the command line takes from the shipped font besides text.
enum ShippedFont {
    /// The font's digits 0…9, which the built-in `digits` set is drawn from.
    static func digitGlyphs() throws(InputError) -> [CoverageImage] {
        let path = try AssetLocator.requireFontPath()
        do { return try FontDigits.glyphs(fontPath: path) } catch {
            throw InputError("--dataset digits: cannot draw the digits of \(path): \(error)")
        }
    }

    /// The glyphs data set `name` is drawn from, if it is one drawn from the font (`digits`).
    static func glyphs(forDataSet name: String) throws(InputError) -> [CoverageImage]? {
        name == "digits" ? try digitGlyphs() : nil
    }
}
