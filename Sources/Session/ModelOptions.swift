import NeuralCore

/// The model part of the command line (docs/DESIGN.md §4), as plain values. `nil` means "the
/// default for this data set", resolved by `SessionPlan`.
public struct ModelOptions: Sendable, Equatable {
    public var dataSet = "xor3"
    public var layers: [Int]? = nil
    /// Hidden layers' activation; nil: sigmoid (or, with `loadPath`, the model's own).
    public var activation: Activation? = nil
    public var outputActivation: Activation? = nil
    public var loss: Loss? = nil
    /// nil: the data set's default (`DataSetDefaults`).
    public var learningRate: Double? = nil
    public var momentum = 0.0
    public var batchSize = 1
    public var bias: Bool? = nil
    /// nil: the data set's default (`DataSetDefaults`).
    public var initialization: WeightInitialization? = nil
    /// nil: the data set's default (`DataSetDefaults`).
    public var iterations: Int? = nil
    public var seed: UInt64 = 1
    public var shuffle = false
    public var loadPath: String? = nil
    /// CSV input columns whose values are categories, one-hot encoded (`--categorical NAME`).
    public var categorical: [String] = []
    /// CSV columns that are the targets (`--target NAME`); empty: the header's names decide.
    public var targets: [String] = []
    /// CSV columns left out of the data (`--ignore NAME`): row numbers, names, free text.
    public var ignored: [String] = []
    /// Whether CSV inputs are standardised (`--no-standardize` turns it off).
    public var standardize = true
    /// How much the 2-D sets' points scatter, 0–50 (`--noise`).
    public var noise = 0
    /// The share of the examples kept aside as a test part (`--test-fraction`); nil: 0.5 for the
    /// 2-D sets, 0 for the others.
    public var testFraction: Double? = nil
    /// The grid a CSV file's inputs form (`--image WxH`), if they are an image.
    public var imageShape: ImageShape? = nil
    /// The shipped font's digits 0…9, which the built-in `digits` set is drawn from; the command
    /// line loads them (through SDL_ttf) when that set is asked for.
    public var digitGlyphs: [CoverageImage]? = nil

    /// The test share in force for data set `name`: 0.5 for the 2-D sets, 0.2 for digits, else 0.
    public func resolvedTestFraction(for name: String) -> Double {
        testFraction ?? (BuiltInDataSets.planeNames.contains(name) ? 0.5 : name == "digits" ? 0.2 : 0)
    }

    public init() {}

    public static let maximumIterations = 10_000_000

    /// Parses `--layers` text such as "3,4,1", or "3-4-1" as shapes are written on screen and in
    /// `neuroglow datasets`. Errors name the option, the value and what is allowed.
    public static func parseLayers(_ text: String) throws(InputError) -> [Int] {
        let allowed = "at least two layer sizes from 1 to 4096 separated by commas (or dashes), e.g. 3,4,1"
        let parts = text.split(separator: text.contains(",") ? "," : "-", omittingEmptySubsequences: false)
        var sizes: [Int] = []
        for part in parts {
            guard let n = Int(part.trimmingSpaces), n >= 1, n <= 4096 else {
                throw InputError("--layers \(text): '\(part)' is not a layer size; expected \(allowed)")
            }
            sizes.append(n)
        }
        if sizes.count < 2 { throw InputError("--layers \(text): expected \(allowed)") }
        return sizes
    }

    /// Checks the plain numeric options; throws naming the first that is out of range.
    public func validate() throws(InputError) {
        if let learningRate, !(learningRate.isFinite && learningRate > 0 && learningRate <= 1000) {
            throw InputError("--learning-rate \(learningRate): expected a number greater than 0 and at most 1000")
        }
        if !(momentum.isFinite && momentum >= 0 && momentum < 1) {
            throw InputError("--momentum \(momentum): expected a number from 0 up to (not including) 1")
        }
        if batchSize < 1 { throw InputError("--batch-size \(batchSize): expected a whole number of at least 1") }
        if let iterations, iterations < 1 || iterations > ModelOptions.maximumIterations {
            throw InputError(
                "--iterations \(iterations): expected a whole number from 1 to \(ModelOptions.maximumIterations)")
        }
        if !(0...50).contains(noise) { throw InputError("--noise \(noise): expected a whole number from 0 to 50") }
        if let testFraction, !(testFraction.isFinite && testFraction >= 0 && testFraction <= 0.9) {
            throw InputError("--test-fraction \(testFraction): expected a number from 0 to 0.9")
        }
        if let activation, !Activation.hiddenChoices.contains(activation) {
            throw InputError(
                "--activation softmax: hidden layers take one of "
                    + "\(Activation.hiddenChoices.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let output = outputActivation, !Activation.outputChoices.contains(output) {
            throw InputError(
                "--output-activation \(output.rawValue): expected one of "
                    + "\(Activation.outputChoices.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
