import Foundation
import Testing

/// The built executable, as a user runs it from a shell.
struct CommandLineTests {
    @Test func trainReproducesTheVideo() throws {
        let result = try Tool.neuroglow(["train", "--json", "--predict", "1,1,0"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any])
        #expect(json["iterations"] as? Int == 60_000)
        let examples = try #require(json["examples"] as? [[String: Any]])
        #expect(examples.count == 7)
        for example in examples {
            let target: [Double] = try field("target", of: example), output: [Double] = try field("output", of: example)
            #expect(target.count == 1 && output.count == 1 && abs(output[0] - target[0]) < 0.05)
        }
        let prediction = try #require(json["prediction"] as? [String: Any])
        #expect(try field("output", of: prediction, as: [Double].self).first ?? 1 < 0.05)
        #expect((json["seconds"] as? Double ?? -1) >= 0)
    }

    /// All of Foundation (with its internationalisation library and ICU) is about 8 MB of
    /// resident memory the live window does not need: the binary links FoundationEssentials only.
    @Test func theBinaryLeavesFoundationOut() throws {
        let result = try Tool.run("/usr/bin/ldd", [Tool.binary])
        #expect(result.status == 0 && result.stdout.contains("libSDL2"), "\(result.stdout)\(result.stderr)")
        for library in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!result.stdout.contains(library), "\(library) is linked:\n\(result.stdout)")
        }
    }

    @Test func trainSavesAModelThatLoadsBack() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/model.json"
        let trained = try Tool.neuroglow(["train", "--iterations", "2000", "--save", model, "--json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        // The file holds the trained weights: computed from it here, every example's output is
        // what the trainer reported for its final network.
        let file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let weights = try #require(file["weights"] as? [[[Double]]])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
        let examples = try #require(report["examples"] as? [[String: Any]])
        #expect(examples.count == 7)
        for example in examples {
            let input: [Double] = try field("input", of: example)
            let output = try #require(try field("output", of: example, as: [Double].self).first)
            #expect(abs(sigmoidNetwork(weights, input)[0] - output) < 1e-12, "\(input)")
        }
        let resumed = try Tool.neuroglow(["train", "--load", model, "--iterations", "1", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let wrongShape = try Tool.neuroglow(["train", "--load", model, "--dataset", "xor"])
        #expect(
            wrongShape.status != 0 && wrongShape.stderr.contains("--load \(model)")
                && wrongShape.stderr.contains("does not fit"))
    }

    static let badOptions: [([String], String)] = [
        (["train", "--layers", "3,,1"], "--layers 3,,1"),
        (["train", "--layers", "0"], "--layers 0"),
        (["train", "--learning-rate=-1"], "--learning-rate -1"),
        (["train", "--learning-rate", "nan"], "--learning-rate nan"),
        (["train", "--dataset", "nope"], "unknown data set"),
        (["train", "--layers", "2,4,1"], "does not fit data set 'xor3'"),
        (
            ["train", "--activation", "softmax"],
            "'softmax' is invalid for '--activation <activation>'. Please provide one of 'sigmoid', 'tanh', "
                + "'relu' or 'linear'"
        ),
        (["train", "--learning-rate", "-1"], "--learning-rate -1"),
        (["train", "--iterations", "-5"], "--iterations -5"),
        (["train", "--seed", "-2"], "--seed -2"),
        (["train", "--output-activation", "tanh"], "'tanh' is invalid for '--output-activation <output-activation>'"),
        (
            ["train", "--init", "zeros"],
            "'zeros' is invalid for '--init <init>'. Please provide one of 'uniform', 'xavier' or 'he'"
        ),
        (["train", "--loss", "ce"], "--loss ce"),
        (["train", "--batch-size", "0"], "--batch-size 0"),
        (["train", "--momentum", "1"], "--momentum 1"),
        (["train", "--load", "/nonexistent/model.json"], "--load /nonexistent/model.json"),
        // A file that is not JSON at all (a CSV given to --load, say): the option is named too.
        (["train", "--load", "/proc/self/status"], "--load /proc/self/status: line 1, column 1"),
        (["train", "--dataset", "/nonexistent/data.csv"], "--dataset /nonexistent/data.csv"),
        (["live", "--layers", "3,4096,4096,1"], "use --keyframes 29 or fewer"),
        (["record", "/tmp/neuroglow-never-written", "--layers", "3,4096,4096,1"], "use --keyframes 29 or fewer"),
        (
            ["schedule", "--schedule", "cubic"],
            "'cubic' is invalid for '--schedule <schedule>'. Please provide one of 'adaptive', 'geometric', "
                + "'milo' or 'linear'"
        ),
        (["schedule", "--keyframes", "1"], "--keyframes 1"),
        (["schedule", "--keyframes", "-3"], "--keyframes -3"),
        (["schedule", "--beat", "-30"], "--beat -30"),
        (["live", "--size", "0x0"], "--size 0x0"),
        (["live", "--size", "99999x99999"], "--size 99999x99999"),
        (
            ["live", "--palette", "neon"],
            "'neon' is invalid for '--palette <palette>'. Please provide one of 'video', 'playground' or 'colorblind'"
        ),
        (["live", "--seconds", "-1"], "--seconds -1"),
        (["record", "/tmp/x", "--size", "big"], "--size big"),
        (["record", "/tmp/x", "--frames", "0"], "--frames 0"),
        (["record", "/tmp/x", "--frames", "-2"], "--frames -2"),
        (
            ["record", "/tmp/x", "--explain", "--size", "640x300"],
            "--explain with --size 640x300: explain mode's cards need 480x360 or more"
        ),
    ]

    @Test func badOptionsAreRejectedWithAMessageNamingThem() throws {
        for (arguments, expected) in Self.badOptions {
            // No DISPLAY: a window must never be attempted for bad options.
            let result = try Tool.neuroglow(arguments, environment: ["DISPLAY": ""])
            #expect(result.status != 0, "\(arguments) exited 0")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("cannot open the window"), "\(arguments) tried to open a window")
        }
    }

    /// An option refused after parsing (checked against the others or against a file) is
    /// reported like one refused while parsing: the usage line is the subcommand's own.
    @Test func aRefusedOptionShowsItsSubcommandsUsage() throws {
        for (arguments, usage) in [
            (["live", "--layers", "3,0,1"], "Usage: neuroglow live <options>"),
            (["--layers", "3,0,1"], "Usage: neuroglow live <options>"),
            (["train", "--dataset", "no-such-file.csv"], "Usage: neuroglow train <options>"),
            (["record", "/tmp/x", "--size", "10x10"], "Usage: neuroglow record"),
        ] {
            let result = try Tool.neuroglow(arguments, environment: ["DISPLAY": ""])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("Error: ") && result.stderr.contains(usage), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("neuroglow <subcommand>"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aBatchSizePastTheSetTrainsOnTheWholeSetAndSaysSo() throws {
        let result = try Tool.neuroglow(["train", "--batch-size", "1000000000", "--iterations", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("--batch-size 1000000000 is more than the 7 training examples"), "\(result.stderr)")
    }

    /// spiral's points near the centre have coordinates that round to zero from below.
    @Test func theTextReportWritesNoNegativeZero() throws {
        let result = try Tool.neuroglow(["train", "--dataset", "spiral", "--noise", "2", "--iterations", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0.00"))
        #expect(!result.stdout.contains("-0.00"), "\(result.stdout.prefix(400))")
    }

    /// An image's examples are named, not written out pixel by pixel (144 numbers a line filled
    /// the terminal), and a named class's reading ends the line.
    @Test func theTextReportNamesImagesAndClasses() throws {
        let result = try Tool.neuroglow(["train", "--dataset", "digits", "--iterations", "3"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let first = try #require(lines.first { $0.hasPrefix("  example 1 ") })
        #expect(first.hasPrefix("  example 1 (a 12×12 image) → target [1.00, 0.00, "), "\(first)")
        #expect(first.range(of: #"output \[[0-9., ]+\] — [0-9]$"#, options: .regularExpression) != nil, "\(first)")
        #expect(lines.allSatisfy { $0.count < 200 }, "\(lines.max { $0.count < $1.count } ?? "")")
    }

    @Test func badCSVFilesNameLineAndColumn() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases: [(String, String)] = [
            ("a,b,y\n0,1,1\n1,0\n", "line 3: expected 3 cells"),
            ("a,b,y\n0,x,1\n", "line 2, column 2 (b): 'x' is not a number"),
            ("", "the file is empty"),
        ]
        for (k, (text, expected)) in cases.enumerated() {
            let path = directory + "/data\(k).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try Tool.neuroglow(["train", "--dataset", path])
            #expect(result.status != 0 && result.stderr.contains(expected), "\(result.stderr)")
        }
        let good = directory + "/good.csv"
        try "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n".write(toFile: good, atomically: true, encoding: .utf8)
        let result = try Tool.neuroglow(["train", "--dataset", good, "--iterations", "3000", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func scheduleJSONKeepsTheInvariants() throws {
        let result = try Tool.neuroglow(["schedule", "--json"])
        #expect(result.status == 0)
        let json = try #require(Tool.json(result.stdout) as? [String: Any])
        let keyframes = try #require(json["keyframes"] as? [[String: Any]])
        #expect(keyframes.count == 120)
        let iterations = try keyframes.map { try field("iteration", of: $0, as: Int.self) }
        #expect(iterations.first == 0 && iterations.last == 60_000)
        #expect(iterations.filter { $0 <= 6_000 }.count >= 60)
        #expect(try keyframes.map { try field("frame", of: $0, as: Int.self) } == (0..<120).map { $0 * 30 })
        let milo = try Tool.neuroglow(["schedule", "--schedule", "milo"])
        #expect(milo.stdout.contains("12500"))
    }

    @Test func helpListsEverySubcommand() throws {
        let result = try Tool.neuroglow(["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        // Each subcommand on a line of its own under SUBCOMMANDS, live marked as the default.
        let listed = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        for name in ["live", "record", "train", "schedule", "bench"] {
            #expect(listed.contains(name), "\(result.stdout)")
        }
        #expect(result.stdout.contains("live (default)"))
    }

    @Test func theLiveWindowWithoutADisplaySaysSoInsteadOfCrashing() throws {
        // As over SSH or on a server: no X11 or Wayland display at all, then one that does not answer.
        let none = try Tool.neuroglow(
            ["--seconds", "2"], unsetting: ["DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"], timeout: 60)
        #expect(none.status == 1, "exit \(none.status): \(none.stderr)")
        // Our message alone: no library's complaint about probing for a display above it.
        #expect(none.stderr.hasPrefix("neuroglow: cannot open the window"), "\(none.stderr)")
        #expect(
            none.stderr.contains("no display") && none.stderr.contains("DISPLAY is not set")
                && none.stderr.contains("WAYLAND_DISPLAY is not set") && none.stderr.contains("neuroglow record"),
            "\(none.stderr)")
        let gone = try Tool.neuroglow(
            ["--seconds", "2"], environment: ["DISPLAY": ":97"], unsetting: ["WAYLAND_DISPLAY"], timeout: 60)
        #expect(
            gone.status == 1 && gone.stderr.contains("DISPLAY=:97 did not answer"),
            "exit \(gone.status): \(gone.stderr)")
        // --record's folder, made before the window is tried, goes again with its new parents.
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorded = try Tool.neuroglow(
            ["--record", directory + "/new/frames", "--seconds", "2"], unsetting: ["DISPLAY", "WAYLAND_DISPLAY"],
            timeout: 60)
        #expect(recorded.status == 1 && recorded.stderr.contains("cannot open the window"), "\(recorded.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: directory)
                && !FileManager.default.fileExists(atPath: directory + "/new"))
    }

    @Test func benchWithADisplayThatDoesNotAnswerSaysSoInsteadOfMeasuringOffscreen() throws {
        // SDL falls back to its offscreen driver; its figures must not be reported as a window's.
        let result = try Tool.neuroglow(
            ["bench", "--only", "render", "--quick"], environment: ["DISPLAY": ":97"], unsetting: ["WAYLAND_DISPLAY"],
            timeout: 60)
        #expect(result.status != 0, "\(result.stdout)")
        #expect(
            result.stderr.contains("DISPLAY=:97 did not answer") && result.stderr.contains("Unset DISPLAY"),
            "exit \(result.status): \(result.stderr)")
        #expect(!result.stdout.contains("render ("), "\(result.stdout)")
    }

    @Test func aLoadedModelDecidesWhatItBringsAndConflictsAreNamed() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/three.csv", model = directory + "/softmax.json"
        try "a,b,y0,y1,y2\n0,0,1,0,0\n1,0,0,1,0\n0,1,0,0,1\n1,1,1,0,0\n".write(
            toFile: data, atomically: true, encoding: .utf8)
        let trained = try Tool.neuroglow([
            "train", "--dataset", data, "--output-activation", "softmax", "--loss", "ce",
            "--iterations", "50", "--save", model,
        ])
        #expect(trained.status == 0, "\(trained.stderr)")
        // ce is checked against the loaded model's softmax outputs, not the command line's default.
        let resumed = try Tool.neuroglow([
            "train", "--dataset", data, "--load", model, "--loss", "ce", "--iterations", "10",
        ])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // Options that agree with the file are fine; options that contradict it name both sides.
        let agreeing = try Tool.neuroglow([
            "train", "--dataset", data, "--load", model, "--loss", "ce", "--iterations", "10",
            // A CSV's default hidden layer has inputs + outputs neurons: 2 + 3.
            "--layers", "2,5,3", "--activation", "sigmoid", "--output-activation", "softmax", "--bias",
        ])
        #expect(agreeing.status == 0, "\(agreeing.stderr)")
        let conflicts: [([String], String)] = [
            (["--layers", "2,8,3"], "--layers 2,8,3 and --load \(model): the model file has the shape 2,5,3"),
            (
                ["--activation", "tanh"],
                "--activation tanh and --load \(model): the model file has hidden activation sigmoid"
            ),
            (
                ["--output-activation", "sigmoid"],
                "--output-activation sigmoid and --load \(model): the model file has output activation softmax"
            ),
            (["--no-bias"], "--no-bias and --load \(model): the model file has biases"),
        ]
        for (options, expected) in conflicts {
            let result = try Tool.neuroglow(
                ["train", "--dataset", data, "--load", model, "--loss", "ce", "--iterations", "1"] + options)
            #expect(result.status != 0 && result.stderr.contains(expected), "\(options): \(result.stderr)")
        }
        // And the other way round: ce on a model with sigmoid outputs names the model as the cause.
        let sigmoidModel = directory + "/sigmoid.json"
        #expect(try Tool.neuroglow(["train", "--iterations", "10", "--save", sigmoidModel]).status == 0)
        let wrongLoss = try Tool.neuroglow(["train", "--load", sigmoidModel, "--loss", "ce"])
        #expect(
            wrongLoss.status != 0
                && wrongLoss.stderr.contains("--loss ce with the model in \(sigmoidModel) has sigmoid outputs"),
            "\(wrongLoss.stderr)")
    }
}

/// The outputs of a bias-free sigmoid network with `weights[l][j][i]` (the model file's layout),
/// computed independently of neuroglow's own code.
func sigmoidNetwork(_ weights: [[[Double]]], _ input: [Double]) -> [Double] {
    weights.reduce(input) { activations, layer in
        layer.map { row in 1 / (1 + exp(-zip(row, activations).map { $0 * $1 }.reduce(0, +))) }
    }
}

/// `neuroglow datasets` and the defaults each built-in set trains with.
struct DataSetDefaultsTests {
    /// Every built-in set learns with its own defaults: ≥ 95 % of its training examples right
    /// (classification), R² ≥ 0.9 (regression). `train --json` reports the measure.
    @Test(arguments: [
        "xor3", "and", "or", "xor", "parity4", "even", "circle", "xor2d", "gauss", "spiral", "reg-plane", "digits",
    ])
    func learnsWithItsDefaults(name: String) throws {
        let result = try Tool.neuroglow(["train", "--dataset", name, "--json"], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any])
        if name == "reg-plane" {
            let r2 = try #require(json["r_squared"] as? Double)
            #expect(r2 >= 0.9, "\(name): R² \(r2)")
        } else {
            let accuracy = try #require(json["accuracy"] as? Double)
            #expect(accuracy >= 0.95, "\(name): accuracy \(accuracy)")
        }
        // The 2-D sets keep half their points aside: measured on data never trained on.
        let planes = ["circle", "xor2d", "gauss", "spiral", "reg-plane"]
        if planes.contains(name) {
            #expect(json["test_examples"] as? Int == 100 && (json["test_loss"] as? Double ?? -1) >= 0, "\(json)")
            let generalises = (json["test_accuracy"] as? Double ?? json["test_r_squared"] as? Double) ?? 0
            #expect(generalises >= 0.85, "\(name) on its test part: \(generalises)")
        } else if name == "digits" {
            // Digits keeps a fifth aside: ≥ 90 % of those read right after the default session.
            #expect(json["test_examples"] as? Int == 500)
            let accuracy = try #require(json["test_accuracy"] as? Double)
            #expect(accuracy >= 0.9, "digits on its test part: \(accuracy)")
        } else {
            #expect(json["test_loss"] == nil)
        }
    }

    /// A CSV of numbers in the hundreds or around -50 (a price, a temperature) learns with the
    /// defaults too: a sigmoid output could not reach them, so it gets a linear one.
    @Test(arguments: [(100.0, 0.0), (3.0, -50.0)])
    func aCSVOfLargeNumbersLearnsWithItsDefaults(scale: Double, offset: Double) throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/prices.csv"
        var text = "size,age,price\n"
        for k in 0..<80 {
            let size = Double(k % 9) / 4 - 1, age = Double((k * 7) % 11) / 5 - 1
            text += "\(size),\(age),\(scale * (size + 0.5 * age * age) + offset)\n"
        }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Tool.neuroglow(["train", "--dataset", file, "--json"], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any])
        let r2 = try #require(json["r_squared"] as? Double)
        #expect(r2 >= 0.9, "scale \(scale), offset \(offset): R² \(r2)")
        let described = try Tool.neuroglow(["datasets", "--describe", file])
        #expect(described.stdout.contains("linear output"), "\(described.stdout)")
    }

    @Test func describingACSVNamesItsTargetsAndWhatTheyHold() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/two.csv"
        try "a,b,y_no,y_yes\n0,1,1,0\n1,0,0,1\n1,1,1,0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let described = try Tool.neuroglow(["datasets", "--describe", file])
        #expect(
            described.stdout.hasPrefix("\(file): 3 rows, 2 inputs, targets y_no, y_yes (classification: each 0 or 1)"),
            "\(described.stdout)\(described.stderr)")
    }

    /// `--image` describes a CSV as the live window would take it: an image scaled by its range.
    /// The options that describe a file are refused without one.
    @Test func describingAnImageCSVGivesItsShapeAndRange() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/pixels.csv"
        try "p1,p2,p3,p4,digit\n0,16,3,0,a\n16,0,0,9,b\n".write(toFile: file, atomically: true, encoding: .utf8)
        let described = try Tool.neuroglow(["datasets", "--describe", file, "--image", "2x2"])
        #expect(described.status == 0, "\(described.stderr)")
        #expect(
            described.stdout.contains(
                "inputs: a 2×2 image, row by row (p1 … p4), scaled to 0…1 from the training part's darkest and "
                    + "brightest values, 0 and 16"), "\(described.stdout)")
        let json = try Tool.neuroglow(["datasets", "--describe", file, "--image", "2x2", "--json"])
        let image = try #require((Tool.json(json.stdout) as? [String: Any])?["image"] as? [String: Any])
        #expect(image["width"] as? Int == 2 && image["height"] as? Int == 2)
        let wrong = try Tool.neuroglow(["datasets", "--describe", file, "--image", "3x2"])
        #expect(wrong.status == 64 && wrong.stderr.contains("--image 3x2: that is 6 pixels"), "\(wrong.stderr)")
        let alone = try Tool.neuroglow(["datasets", "--image", "2x2"])
        #expect(
            alone.status == 64
                && alone.stderr.contains("Error: --image 2x2: describes a file, so it goes with --describe FILE"),
            "\(alone.stderr)")
    }

    /// A file laid out as MNIST's CSV files are (`label` first, then the pixels) is read as they
    /// mean it: the label is the target, its digits are classes in numeric order, every pixel an input.
    @Test func anMNISTLayoutReadsItsLabelAsClasses() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/mnist.csv"
        try "label,pixel0,pixel1,pixel2,pixel3\n3,0,255,0,0\n1,255,0,0,0\n2,0,0,255,0\n0,0,0,0,255\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let described = try Tool.neuroglow(["datasets", "--describe", file, "--image", "2x2"])
        #expect(described.status == 0, "\(described.stderr)")
        #expect(
            described.stdout.hasPrefix("\(file): 4 rows, 4 inputs, targets 0, 1, 2, 3 (classification"),
            "\(described.stdout)")
        #expect(described.stdout.contains("classes, in numeric order: 0, 1, 2, 3"), "\(described.stdout)")
        #expect(described.stdout.contains("row by row (pixel0 … pixel3)"), "\(described.stdout)")
    }

    /// A file of hundreds of inputs is reported in short: `--describe` lists its first 16, `train`
    /// writes each example's first eight values and how many more, and both say how to draw a
    /// square number of inputs as an image; `--json` keeps every value.
    @Test func aWideFileIsReportedInShort() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/wide.csv"
        let header = (0..<64).map { "p\($0)" }.joined(separator: ",") + ",label"
        let rows = (0..<4).map { r in (0..<64).map { String(($0 + r) % 17) }.joined(separator: ",") + ",\(r % 2)" }
        try ([header] + rows).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let described = try Tool.neuroglow(["datasets", "--describe", file])
        #expect(described.status == 0, "\(described.stderr)")
        let lines = described.stdout.split(separator: "\n")
        #expect(lines.contains("  p3: mean 4.5000, deviation 1.1180") && !lines.contains { $0.hasPrefix("  p16:") })
        #expect(lines.contains("  … 48 more (--json gives every one)"), "\(described.stdout)")
        #expect(
            lines.contains(
                "note: the 64 inputs are 8 rows of 8; if they are an image's pixels, --image 8x8 draws them as one"),
            "\(described.stdout)")
        #expect(lines.last?.hasPrefix("defaults: layers 64-") == true, "\(described.stdout)")
        let json = try Tool.neuroglow(["datasets", "--describe", file, "--json"])
        let scaling = (Tool.json(json.stdout) as? [String: Any])?["scaling"] as? [String: Any]
        #expect((scaling?["mean"] as? [Any])?.count == 64, "\(json.stdout)")
        let asImage = try Tool.neuroglow(["datasets", "--describe", file, "--image", "8x8"])
        #expect(!asImage.stdout.contains("--image 8x8 draws"), "\(asImage.stdout)")

        let trained = try Tool.neuroglow(["train", "--dataset", file, "--iterations", "2"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(
            trained.stdout.contains("\n  [1.00, 2.00, 3.00, 4.00, 5.00, 6.00, 7.00, 8.00, … 56 more] → target"),
            "\(trained.stdout)")
        #expect(trained.stderr.contains("neuroglow: the 64 inputs are 8 rows of 8;"), "\(trained.stderr)")
    }

    /// `--target` picks the column to learn where the header does not say it (the breast-cancer
    /// file's diagnosis is its second column), `--ignore` leaves its row numbers out, and its
    /// lines' trailing commas are no column; every command takes the options, and they are refused
    /// where they cannot apply.
    @Test func theTargetOptionPicksTheColumnToLearn() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/cancer.csv"
        // Laid out as Kaggle's file is: quoted names, and every line ending with a comma.
        let rows = (0..<40).map { i in
            "\(i),\(i % 2 == 0 ? "B" : "M"),\(Double(10 + (i % 2) * 8) + Double(i % 5) * 0.3),"
        }
        try (["\"id\",\"diagnosis\",\"radius_mean\","] + rows).joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let described = try Tool.neuroglow(["datasets", "--describe", file, "--target", "diagnosis"])
        #expect(described.status == 0, "\(described.stderr)")
        #expect(
            described.stdout.hasPrefix("\(file): 40 rows, 2 inputs, target M (classification"), "\(described.stdout)")
        let withoutID = try Tool.neuroglow(["datasets", "--describe", file, "--target", "diagnosis", "--ignore", "id"])
        #expect(
            withoutID.stdout.contains("40 rows, 1 input, target M") && !withoutID.stdout.contains("  id:"),
            "\(withoutID.stdout)")
        let trained = try Tool.neuroglow(["train", "--dataset", file, "--target", "diagnosis", "--iterations", "300"])
        #expect(trained.status == 0 && trained.stdout.contains("accuracy: 1"), "\(trained.stdout)\(trained.stderr)")
        let recorded = try Tool.neuroglow([
            "record", directory + "/frames", "--dataset", file, "--target", "diagnosis", "--frames", "2",
        ])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let manifest = try String(contentsOfFile: directory + "/frames/session.json", encoding: .utf8)
        let options = (Tool.json(manifest) as? [String: Any])?["options"] as? [String: Any]
        #expect(options?["target"] as? [String] == ["diagnosis"], "\(manifest)")
        let without = try Tool.neuroglow(["train", "--dataset", file, "--iterations", "1"])
        #expect(without.status == 64 && without.stderr.contains("unless --target NAME"), "\(without.stderr)")
        let builtIn = try Tool.neuroglow(["train", "--target", "y", "--iterations", "1"])
        #expect(
            builtIn.status == 64
                && builtIn.stderr.contains("--target y: only a CSV file's columns can be chosen as targets"),
            "\(builtIn.stderr)")
        let compared = try Tool.neuroglow(["train", "--dataset", file, "--compare", "target=id"])
        #expect(compared.status == 64 && compared.stderr.contains("target cannot differ"), "\(compared.stderr)")
        let alone = try Tool.neuroglow(["datasets", "--target", "diagnosis"])
        #expect(alone.status == 64 && alone.stderr.contains("--target diagnosis: describes a file"), "\(alone.stderr)")
    }

    /// A built-in set can be described too: digits (made from the shipped font) as an image, and a
    /// name that is no set is refused under the option the user gave.
    @Test func describingABuiltInSetWorksForTheDigitsToo() throws {
        let digits = try Tool.neuroglow(["datasets", "--describe", "digits"])
        #expect(digits.status == 0, "\(digits.stderr)")
        #expect(digits.stdout.contains("inputs: a 12×12 image, row by row (r1c1 … r12c12)"), "\(digits.stdout)")
        #expect(digits.stdout.contains("defaults: layers 144-32-10"))
        let unknown = try Tool.neuroglow(["datasets", "--describe", "nosuch"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Error: --describe nosuch: unknown data set"), "\(unknown.stderr)")
    }

    @Test func datasetsListsEverySetWithItsDefaults() throws {
        let result = try Tool.neuroglow(["datasets", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let sets = try #require((Tool.json(result.stdout) as? [String: Any])?["datasets"] as? [[String: Any]])
        #expect(sets.count == 12)
        // digits: a fifth kept aside, a softmax network over its 144 pixels, small first weights.
        let digits = try #require(sets.first { $0["name"] as? String == "digits" })
        #expect(digits["examples"] as? Int == 2500 && digits["test_examples"] as? Int == 500)
        let digitDefaults = try #require(digits["defaults"] as? [String: Any])
        #expect(digitDefaults["layers"] as? [Int] == [144, 32, 10] && digitDefaults["init"] as? String == "xavier")
        #expect(digitDefaults["output_activation"] as? String == "softmax" && digitDefaults["loss"] as? String == "ce")
        let spiral = try #require(sets.first { $0["name"] as? String == "spiral" })
        let defaults = try #require(spiral["defaults"] as? [String: Any])
        #expect(defaults["layers"] as? [Int] == [2, 16, 16, 1] && defaults["activation"] as? String == "tanh")
        #expect(spiral["examples"] as? Int == 200 && spiral["kind"] as? String == "classification")
        #expect(spiral["test_examples"] as? Int == 100)
        // The video's session keeps its defaults exactly.
        let xor3 = try #require(sets.first { $0["name"] as? String == "xor3" }?["defaults"] as? [String: Any])
        #expect(xor3["layers"] as? [Int] == [3, 4, 1] && xor3["bias"] as? Bool == false)
        #expect(xor3["learning_rate"] as? Double == 1 && xor3["iterations"] as? Int == 60000)
        // An option overrides its part of the defaults only.
        let trained = try Tool.neuroglow(["train", "--dataset", "spiral", "--iterations", "3", "--json"])
        #expect((Tool.json(trained.stdout) as? [String: Any])?["iterations"] as? Int == 3, "\(trained.stderr)")
        let text = try Tool.neuroglow(["datasets"])
        #expect(text.stdout.contains("spiral") && text.stdout.contains("2-16-16-1"))
        // A table: every row's loss and iterations start under their headings.
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let headings = try #require(lines.first)
        for heading in ["loss", "iterations"] {
            let column = try #require(headings.range(of: heading)).lowerBound.utf16Offset(in: headings)
            for line in lines.dropFirst() {
                let cell = line.dropFirst(column).prefix { $0 != " " }
                #expect(
                    heading == "loss" ? ["mse", "bce", "ce"].contains(cell) : Int(cell) != nil,
                    "\(heading) column: \(line)")
                #expect(column == 0 || line.dropFirst(column - 1).first == " ", "\(line)")
            }
        }
    }
}

/// A CSV whose target column names its classes, as public data sets usually do.
struct NamedClassesTests {
    @Test func aThreeClassCSVTrainsWithDefaultsAndPredictsAName() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Three blobs, seeded: red bottom left, green bottom right, blue on top.
        var lines = ["width,height,colour"]
        let centres: [(String, Double, Double)] = [("red", -0.6, -0.5), ("green", 0.6, -0.5), ("blue", 0, 0.6)]
        for k in 0..<150 {
            let (name, x, y) = centres[k % 3]
            // A fixed scatter (no randomness): points on rings around each centre.
            let angle = Double(k) * 2.399963, radius = 0.05 + 0.25 * Double(k % 7) / 7
            lines.append("\(x + radius * cos(angle)),\(y + radius * sin(angle)),\(name)")
        }
        let path = directory + "/blobs.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Tool.neuroglow([
            "train", "--dataset", path, "--test-fraction", "0.3", "--predict", "0.7,-0.4", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any])
        #expect((json["test_accuracy"] as? Double ?? 0) >= 0.9, "\(json)")
        #expect((json["prediction"] as? [String: Any])?["class"] as? String == "green")
        let text = try Tool.neuroglow(["train", "--dataset", path, "--iterations", "3000", "--predict", "0,0.7"])
        #expect(text.stdout.contains("— blue"), "\(text.stdout)")
        // Every example on request.
        let all = try Tool.neuroglow(["train", "--dataset", path, "--iterations", "10", "--all-examples", "--json"])
        #expect(((Tool.json(all.stdout) as? [String: Any])?["examples"] as? [Any])?.count == 150)
        // What neuroglow makes of the file, before anything trains: classes, scaling, sized defaults.
        let described = try Tool.neuroglow(["datasets", "--describe", path, "--test-fraction", "0.3", "--json"])
        let description = try #require(Tool.json(described.stdout) as? [String: Any], "\(described.stderr)")
        #expect(description["rows"] as? Int == 150 && description["test_examples"] as? Int == 45)
        #expect(description["classes"] as? [String] == ["red", "green", "blue"])
        #expect((description["scaling"] as? [String: Any])?["mean"] as? [Double] != nil)
        let defaults = try #require(description["defaults"] as? [String: Any])
        #expect(defaults["layers"] as? [Int] == [2, 5, 3] && defaults["output_activation"] as? String == "softmax")
        #expect(defaults["loss"] as? String == "ce" && defaults["iterations"] as? Int == 2_000_000 / 105)
        // A column of names that is not the target is refused, saying which column is the target.
        let swapped = directory + "/swapped.csv"
        try ("colour,width,y\nred,1,0\nblue,2,1\n").write(toFile: swapped, atomically: true, encoding: .utf8)
        let refused = try Tool.neuroglow(["train", "--dataset", swapped])
        #expect(refused.status != 0 && refused.stderr.contains("colour is an input column"), "\(refused.stderr)")
    }
}

/// A CSV whose columns have very different scales, as measurements usually do.
struct StandardisationTests {
    @Test func standardisingIsWhatLetsABadlyScaledCSVLearn() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Two informative columns, one tiny (0…0.01) and one huge (0…2500), two that carry nothing;
        // the diagnosis is 1 where their scaled sum passes 1. A fixed generator: the same file each run.
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lines = ["radius,area,texture,smoothness,diagnosis"]
        for _ in 0..<300 {
            let a = next(), b = next()
            lines.append("\(a * 0.01),\(b * 2500),\(next()),\(100 + next() * 100),\(a + b > 1 ? 1 : 0)")
        }
        let path = directory + "/scaled.csv", model = directory + "/model.json"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        func testAccuracy(_ extra: [String]) throws -> Double {
            let result = try Tool.neuroglow(
                ["train", "--dataset", path, "--test-fraction", "0.3", "--json"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return (Tool.json(result.stdout) as? [String: Any])?["test_accuracy"] as? Double ?? 0
        }
        let standardised = try testAccuracy(["--save", model])
        let raw = try testAccuracy(["--no-standardize"])
        #expect(standardised >= 0.9, "standardised: \(standardised)")
        #expect(raw <= 0.7, "raw inputs saturate the sigmoid units: \(raw)")
        // The saved model carries the scaling: loaded, it takes raw values.
        let saved = try String(contentsOfFile: model, encoding: .utf8)
        #expect(saved.contains("\"input_scaling\""))
        let predicted = try Tool.neuroglow([
            "train", "--dataset", path, "--load", model, "--iterations", "1", "--predict", "0.009,2400,0.5,150",
            "--json",
        ])
        let output = ((Tool.json(predicted.stdout) as? [String: Any])?["prediction"] as? [String: Any])?["output"]
        #expect(((output as? [Double])?.first ?? 0) > 0.5, "\(predicted.stdout.prefix(300))")
    }
}
