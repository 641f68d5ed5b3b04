import Foundation
import NeuralCore
import Testing

@testable import Scene
@testable import Session

/// Text never lands on other text, in any window size a user may pick: each text's box
/// (`TextSize.estimatedWidth`, which never falls short of the font, by the text's height) is
/// clear of every other's.
struct TextOverlapTests {
    static let sizes = [
        (320, 240), (480, 360), (640, 480), (800, 600), (1024, 768), (1280, 720), (1920, 1080), (480, 720),
        (1000, 320),
    ]
    /// Explain mode's cards need a window of 480x360 or more (their formulas are written small
    /// below 640 or so); smaller windows, one dimension short or both, get a card saying so.
    static let explainSizes = sizes + [(400, 300), (800, 320), (400, 720)]

    @Test(arguments: [
        "xor3", "circle", "reg-plane", "spiral", "and", "even", "digits", Self.irisLike, Self.threeNamedInAPlane,
        Self.longNamesInAPlane, Self.twoLongNamedClasses,
    ])
    func textsDoNotOverlap(dataSet: String) throws {
        let (plan, progress) = try session(dataSet)
        for (width, height) in Self.sizes {
            for frame in [2, 5 * plan.schedule.beat + 20, plan.timeline.frameCount - 1] {
                var input = sceneInput(plan, progress, frame: frame, width: width, height: height)
                input.layout = SceneLayout(plan: plan, width: width, height: height)
                expectNoOverlap(
                    SceneBuilder.build(input), "\(dataSet) \(width)x\(height) frame \(frame)", width: width,
                    height: height, neuronsOf: [input.layout])
            }
        }
    }

    @Test(arguments: [
        "xor3", "circle", "reg-plane", "spiral", "digits", Self.irisLike, Self.threeNamedInAPlane,
        Self.longNamesInAPlane, Self.twoLongNamedClasses,
    ])
    func hoverCardsStayInside(dataSet: String) throws {
        let (plan, progress) = try session(dataSet)
        for (width, height) in Self.sizes {
            var input = sceneInput(plan, progress, frame: 5 * plan.schedule.beat + 20, width: width, height: height)
            input.layout = SceneLayout(plan: plan, width: width, height: height)
            for l in input.layout.layerSizes.indices {
                for i in [0, input.layout.layerSizes[l] - 1] {
                    input.hovered = .neuron(NeuronID(layer: l, index: i))
                    expectNoOverlap(
                        SceneBuilder.build(input), "hover \(dataSet) \(width)x\(height) neuron \(l).\(i)", width: width,
                        height: height, neuronsOf: [input.layout])
                }
            }
        }
    }

    /// Explain mode adds a banner and a card (whose panel hides what lies under it).
    @Test(arguments: ["xor3", "circle", "digits", Self.irisLike, Self.twoLongNamedClasses])
    func explainedTextsDoNotOverlap(dataSet: String) throws {
        let (plan, progress) = try session(dataSet)
        let step = LearningStep(
            network: progress.keyframes[1], input: plan.dataSet.input(0), target: plan.dataSet.target(0),
            loss: plan.training.loss, learningRate: plan.training.learningRate)
        let explanation = Explanation(step: step, training: plan.training, outputClasses: plan.dataSet.outputClasses)
        for (width, height) in Self.explainSizes {
            var input = sceneInput(plan, progress, frame: 0, width: width, height: height)
            input.layout = SceneLayout(plan: plan, width: width, height: height)
            for k in explanation.stages.indices {
                input.explain = ExplainView(explanation: explanation, stage: k, progress: 0.5)
                expectNoOverlap(
                    SceneBuilder.build(input), "explain \(dataSet) \(width)x\(height) stage \(k)", width: width,
                    height: height, neuronsOf: [input.layout])
            }
        }
    }

    /// Below 480x360 the formulas do not fit: the card says what the window needs, inside it,
    /// and the stage's neuron is still lit.
    @Test(arguments: [(320, 240), (640, 300)])
    func aWindowTooSmallGetsACardSayingSo(width: Int, height: Int) throws {
        let (plan, progress) = try session("xor3")
        let step = LearningStep(
            network: progress.keyframes[1], input: plan.dataSet.input(0), target: plan.dataSet.target(0),
            loss: plan.training.loss, learningRate: plan.training.learningRate)
        let explanation = Explanation(step: step, training: plan.training)
        var input = sceneInput(plan, progress, frame: 0, width: width, height: height)
        input.layout = SceneLayout(plan: plan, width: width, height: height)
        input.explain = ExplainView(explanation: explanation, stage: 0, progress: 0.5)
        let commands = SceneBuilder.build(input).overlay
        let texts = commands.compactMap { command -> (String, Rect)? in
            guard case .text(let text, _, _, _, _) = command else { return nil }
            return (text, command.estimatedTextBox!)
        }
        let needs = try #require(texts.first { $0.0 == "needs a window of 480x360" }, "\(texts.map { $0.0 })")
        #expect(needs.1.x >= 0 && needs.1.maxX <= Double(width))
        #expect(!texts.contains { $0.0.contains("Σ") }, "no formula is written")
        let subject = input.layout.centres[1][0]
        #expect(commands.contains { if case .glow(let c, _, _) = $0 { c == subject } else { false } })
    }

    @Test(arguments: [
        "xor3", "circle", "digits", Self.irisLike, Self.threeNamedInAPlane, Self.longNamesInAPlane,
        Self.twoLongNamedClasses,
    ])
    func comparedTextsDoNotOverlap(dataSet: String) throws {
        let (plans, first, second) = try finishedComparison(iterations: dataSet == "digits" ? 2 : 300, keyframes: 8) {
            model in
            model.dataSet = dataSet
            model.digitGlyphs = Self.standInDigits
        }
        for (width, height) in Self.sizes {
            // As the window lays them out: stacked when the networks have maps.
            let slots = SceneLayout.ComparisonSlot.slots(
                width: width, height: height, withMaps: plans.first.dataSet.inputCount == 2)
            var input = sceneInput(plans.first, first, frame: 5 * plans.first.schedule.beat + 20)
            input.layout = SceneLayout(plan: plans.first, width: width, height: height, slot: slots[0])
            input.comparison = ComparedInput(
                layout: SceneLayout(plan: plans.second, width: width, height: height, slot: slots[1]),
                plan: plans.second,
                progress: second, captions: ("learning-rate=1", "learning-rate=3"))
            expectNoOverlap(
                SceneBuilder.build(input), "compare \(dataSet) \(width)x\(height)", width: width, height: height,
                neuronsOf: [input.layout, input.comparison!.layout])
            // Hover cards on either network, at the first and last neuron of every layer.
            for second in [false, true] {
                input.comparison!.hoversSecond = second
                for l in input.layout.layerSizes.indices {
                    for i in [0, input.layout.layerSizes[l] - 1] {
                        input.hovered = .neuron(NeuronID(layer: l, index: i))
                        let which = second ? "second" : "first"
                        expectNoOverlap(
                            SceneBuilder.build(input),
                            "compare \(dataSet) \(width)x\(height), \(which) hovered at \(l).\(i)", width: width,
                            height: height, neuronsOf: [input.layout, input.comparison!.layout])
                    }
                }
            }
            input.hovered = nil
        }
    }

    /// A wide classifier: its 96- and 64-neuron layers make every disc tiny and unlabelled, but
    /// its ten outputs keep their values, class names and bars where their rows have room.
    @Test func aWideClassifiersOutputLabelsDoNotOverlap() throws {
        let (plan, progress) = try finishedSession(iterations: 20, keyframes: 8) { model, _ in
            model.dataSet = Self.tenNamedClasses
            model.layers = [12, 96, 64, 10]
        }
        for (width, height) in Self.sizes {
            for frame in [2, 5 * plan.schedule.beat + 20, plan.timeline.frameCount - 1] {
                var input = sceneInput(plan, progress, frame: frame, width: width, height: height)
                input.layout = SceneLayout(plan: plan, width: width, height: height)
                let built = SceneBuilder.build(input)
                expectNoOverlap(
                    built, "wide \(width)x\(height) frame \(frame)", width: width, height: height,
                    neuronsOf: [input.layout])
                guard width == 1280, frame == plan.timeline.frameCount - 1 else { continue }
                let texts = Set(built.overlay.compactMap { if case let .text(t, _, _, _, _) = $0 { t } else { nil } })
                #expect(!input.layout.showsNeuronLabels && input.layout.labelsOutputs)
                #expect((0..<10).allSatisfy { texts.contains("class_\($0)") }, "every output names its class")
            }
        }
    }

    func session(_ dataSet: String) throws -> (SessionPlan, SessionProgress) {
        try finishedSession(iterations: dataSet == "digits" ? 2 : 300, keyframes: 8) { model, _ in
            model.dataSet = dataSet
            model.digitGlyphs = Self.standInDigits
        }
    }

    /// Stand-ins for the font's digits (the platform renders the real ones): blocks.
    /// CSV files of named classes, which write their names beside the outputs: four inputs and
    /// three classes (iris-like), and two inputs (so a map) and three classes.
    static let irisLike = csv(
        "iris-like", header: "sepal_length,sepal_width,petal_length,petal_width,species",
        classes: ["setosa", "versicolor", "virginica"], inputs: 4)
    static let threeNamedInAPlane = csv(
        "three-named", header: "a,b,label", classes: ["alpha", "beta-class", "gamma"], inputs: 2)

    /// Long column names (the map's axes) and long class names (written under the output's value).
    static let longNamesInAPlane = csv(
        "long-names", header: "temperature_in_degrees_celsius,relative_humidity_percent,comfort_score",
        classes: [], inputs: 2)
    static let tenNamedClasses = csv(
        "ten-named", header: (0..<12).map { "x\($0)" }.joined(separator: ",") + ",label",
        classes: (0..<10).map { "class_\($0)" }, inputs: 12)
    static let twoLongNamedClasses = csv(
        "two-long-classes", header: "very_long_feature_name_number_one,another_long_feature_name,third,outcome",
        classes: ["negative_outcome", "positive_outcome"], inputs: 3)

    /// A small deterministic CSV in the temporary directory (the same bytes on every run): 60
    /// rows, class k's inputs near k (no classes: a numeric target).
    static func csv(_ name: String, header: String, classes: [String], inputs: Int) -> String {
        let rows = (0..<60).map { row in
            let k = row % max(classes.count, 1)
            let values = (0..<inputs).map { (i: Int) -> String in
                let spread: Double = 0.1 * Double((row * 7 + i * 3) % 11) - 0.5
                return String(Double(k) + spread)
            }
            return (values + [classes.isEmpty ? String(Double(row % 9) / 4) : classes[k]]).joined(separator: ",")
        }
        let path = NSTemporaryDirectory() + "neuroglow-text-test-\(name).csv"
        try! ([header] + rows).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let standInDigits = (0..<10).map { k in
        CoverageImage(
            width: 20, height: 30,
            values: (0..<600).map { p in (p % 20 >= k && p % 20 < k + 6 && p / 20 < 12 + 2 * k) ? 1 : 0 })
    }

    /// Texts drawn over each other, over the neurons of `layouts` or cut by the window's edge; a
    /// text under a panel drawn later (a card) is hidden, not overlapped.
    func expectNoOverlap(
        _ frame: SceneFrame, _ what: String, width: Int, height: Int, neuronsOf layouts: [SceneLayout] = []
    ) {
        var boxes: [(String, Rect)] = []
        var panels: [Rect] = []
        for command in frame.overlay + frame.liveOnly {
            switch command {
            case let .text(text, _, _, _, _):
                if let box = command.estimatedTextBox { boxes.append((text, box)) }
            case let .rect(panel, color) where color.a >= 200 && panel.width > 60 && panel.height > 30:
                boxes.removeAll { panel.intersects($0.1) }
                panels.append(panel)
            default: break
            }
        }
        let window = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
        for (text, box) in boxes where !window.contains(box) {
            Issue.record("\(what): '\(text)' \(box) is cut by the window's edge")
        }
        for layout in layouts {
            for l in layout.layerSizes.indices where !(l == 0 && layout.padArea != nil) {
                for i in layout.drawnIndices(layer: l) {
                    let c = layout.centres[l][i], r = layout.radius
                    let disc = Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)
                    // (A card's lines lie on the card, which hides the neurons under it.)
                    for (text, box) in boxes where box.intersects(disc) && !panels.contains(where: { $0.contains(box) })
                    {
                        Issue.record("\(what): '\(text)' \(box) lies on neuron \(l).\(i) \(disc)")
                    }
                }
            }
        }
        for a in boxes.indices {
            for b in boxes.indices where b > a && boxes[a].1.intersects(boxes[b].1) {
                Issue.record("\(what): '\(boxes[a].0)' \(boxes[a].1) overlaps '\(boxes[b].0)' \(boxes[b].1)")
            }
        }
    }
}
