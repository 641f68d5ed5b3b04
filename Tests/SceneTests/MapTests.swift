import NeuralCore
import Playback
import Testing

@testable import Scene
@testable import Session

/// The decision map: its field is the network's output, its colours follow class and sign, and
/// its panel has its own area.
struct MapTests {
    func session(_ name: String, iterations: Int = 300) throws -> (SessionPlan, SessionProgress) {
        try finishedSession(iterations: iterations, keyframes: 6) { model, _ in model.dataSet = name }
    }

    func withMap(_ plan: SessionPlan, _ progress: SessionProgress, frame: Int) -> SceneInput {
        var input = sceneInput(plan, progress, frame: frame)
        input.layout = SceneLayout(
            layerSizes: plan.initialNetwork.layout.layerSizes, width: 1280, height: 720,
            mapRanges: MapRanges(around: plan.dataSet.inputRanges))
        return input
    }

    /// The map painter of `network` (the displayed one if nil) in `input`'s map.
    func painter(_ input: SceneInput, network: Network? = nil) -> MapPainter {
        let network = network ?? input.displayedNetwork
        return MapPainter(
            input: input, network: network, sample: PlaneSample(network: network, ranges: input.layout.mapRanges!),
            map: input.layout.mapArea!)
    }

    @Test func theFieldIsTheNetworksOutputAtEverySampledPoint() throws {
        let (plan, progress) = try session("spiral", iterations: 50)
        let network = progress.keyframes[3]
        let ranges = MapRanges(x: -1...1, y: -1...1)
        let sample = PlaneSample(network: network, ranges: ranges, resolution: 16)
        for (row, column) in [(0, 0), (0, 15), (15, 0), (7, 9), (15, 15)] {
            let point = sample.input(row: row, column: column)
            let expected = network.predict(point)[0]
            #expect(sample.activation(layer: 3, index: 0, row: row, column: column) == expected)
        }
        // Row 0 is the top (largest y), column 0 the left (smallest x); cells are centred.
        let corner: [Double] = [-1 + 1.0 / 16, 1 - 1.0 / 16]
        #expect(sample.input(row: 0, column: 0) == corner)
        // Hidden neurons' maps come from the same passes.
        let point = sample.input(row: 4, column: 11)
        var trace = Trace(layout: network.layout)
        network.forward(point, into: &trace)
        #expect(sample.activation(layer: 1, index: 5, row: 4, column: 11) == trace.activation(layer: 1, index: 5))
        _ = plan
    }

    @Test func coloursFollowClassAndSureness() throws {
        let (plan, progress) = try session("circle")
        let input = withMap(plan, progress, frame: 0)
        let painter = painter(input)
        let palette = input.palette
        func distance(_ a: Color, _ b: Color) -> Int {
            abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b))
        }
        // Sure of class 1: near the positive colour; of class 0: near the negative; unsure: neutral.
        #expect(
            distance(painter.fieldColor([0.99]), palette.positive)
                < distance(painter.fieldColor([0.99]), palette.negative))
        #expect(
            distance(painter.fieldColor([0.01]), palette.negative)
                < distance(painter.fieldColor([0.01]), palette.positive))
        #expect(painter.fieldColor([0.5]) == MapPainter.neutral)
        #expect(
            distance(painter.fieldColor([0.9]), MapPainter.neutral)
                > distance(painter.fieldColor([0.6]), MapPainter.neutral))
        // Points by their target's class.
        #expect(painter.pointColor([1]) == palette.positive && painter.pointColor([0]) == palette.negative)
    }

    @Test func theFieldsShadesAreItsColoursWithinOneLevel() throws {
        for name in ["circle", "reg-plane"] {
            let (plan, progress) = try session(name)
            let painter = painter(withMap(plan, progress, frame: 0))
            let range = painter.targetRange
            let shades = FieldShades(painter, range: range)
            let low = painter.isRegression ? range.lowerBound - 1 : 0,
                high = painter.isRegression ? range.upperBound + 1 : 1
            var worst = 0
            for k in 0...5_000 {
                let output = low + (high - low) * Double(k) / 5_000
                let exact = painter.fieldColor([output], range: range), shade = shades.color(output)
                worst = max(
                    worst, abs(Int(exact.r) - Int(shade.r)), abs(Int(exact.g) - Int(shade.g)),
                    abs(Int(exact.b) - Int(shade.b)))
            }
            #expect(worst <= 1, "\(name): a shade \(worst) levels from its colour")
            let middle = painter.isRegression ? (range.lowerBound + range.upperBound) / 2 : 0.5
            #expect(shades.color(.nan) == shades.color(middle), "an output that is not a number is unsure")
        }
    }

    @Test func severalOutputsBlendTheirClassColoursByProbability() throws {
        let (plan, progress) = try session("circle")
        let input = withMap(plan, progress, frame: 0)
        let three = Network(layerSizes: [2, 3, 3], hidden: .tanh, output: .softmax, usesBias: true, seed: 1)
        let painter = painter(input, network: three)
        func distance(_ a: Color, _ b: Color) -> Int {
            abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b))
        }
        for k in 0..<3 {
            var sure = [0.02, 0.02, 0.02]
            sure[k] = 0.96
            let colour = painter.fieldColor(sure)
            let nearest = (0..<3).min {
                distance(colour, painter.classColor($0)) < distance(colour, painter.classColor($1))
            }
            #expect(nearest == k, "class \(k): \(colour)")
        }
        // Evenly split: no class wins, the neutral colour.
        #expect(painter.fieldColor([1.0 / 3, 1.0 / 3, 1.0 / 3]) == MapPainter.neutral)
        #expect(painter.pointColor([0, 0, 1]) == painter.classColor(2))
    }

    @Test func theMapHasItsOwnAreaBesideTheNetwork() throws {
        let (plan, progress) = try session("gauss")
        for size in [(1280, 720), (1920, 1080), (800, 600)] {
            let layout = SceneLayout(
                layerSizes: plan.initialNetwork.layout.layerSizes, width: size.0, height: size.1,
                mapRanges: MapRanges(around: plan.dataSet.inputRanges))
            let map = try #require(layout.mapArea)
            #expect(map.x >= 0 && map.maxX <= Double(size.0) && map.y >= layout.hudTop.maxY - 8)
            #expect(map.maxY <= layout.hudBottom.y && map.x > layout.networkArea.maxX, "\(size): \(map)")
            #expect(abs(map.width - map.height) < 1e-9)
            let centres = layout.centres.flatMap { $0 }
            #expect(centres.allSatisfy { !map.contains($0) }, "no neuron under the map")
            #expect(layout.areas.contains { $0.kind == .map && $0.ranges == layout.mapRanges })
            // A window point and the input values it stands for, both ways.
            let value = try #require(layout.mapInput(at: Point(map.x + map.width * 0.25, map.y + map.height * 0.25)))
            let back = try #require(layout.mapPoint(for: value))
            #expect(abs(back.x - (map.x + map.width * 0.25)) < 1e-9 && abs(back.y - (map.y + map.height * 0.25)) < 1e-9)
            #expect(layout.mapInput(at: Point(map.x - 5, map.y + 5)) == nil)
        }
        // Round axes: data within ±0.9 (widened to ±0.99) spans −1…1; 0…1 (−0.05…1.05) −0.2…1.2.
        let ranges = MapRanges(around: [-0.9...0.9, 0...1])
        #expect(ranges.x == -1...1 && ranges.y == -0.2...1.2, "\(ranges)")
        // Three inputs: no map, the network keeps the whole width.
        let xor3 = SceneLayout(layerSizes: [3, 4, 1], width: 1280, height: 720, mapRanges: ranges)
        #expect(xor3.mapArea == nil && !xor3.areas.contains { $0.kind == .map })
        _ = progress
    }

    @Test func theSceneDrawsTheFieldAndAMapInEveryNeuron() throws {
        let (plan, progress) = try session("xor2d")
        let frame = SceneBuilder.build(withMap(plan, progress, frame: plan.timeline.frameCount - 1))
        let images = frame.overlay.compactMap { command -> (PixelImage, Rect)? in
            if case let .image(image, rect) = command { return (image, rect) }
            return nil
        }
        let field = images.filter { $0.0.width == PlaneSample.defaultResolution * MapPainter.fieldUpsampling }
        #expect(field.count == 1)
        // 2-4-1: four hidden neurons and the output carry their own map.
        #expect(images.count - field.count == 5)
        // Without a map (the fixture's layout), no image at all.
        let plain = SceneBuilder.build(sceneInput(plan, progress, frame: 0))
        #expect(!plain.overlay.contains { if case .image = $0 { true } else { false } })
    }
}

/// The test part's loss on the timeline and in the HUD.
struct TestLossTests {
    @Test func theTimelineDrawsTestLossBesideTrainingLoss() throws {
        let (plan, progress) = try finishedSession(iterations: 400, keyframes: 8) { model, _ in model.dataSet = "circle"
        }
        #expect(progress.keyframeTestLosses.count == progress.keyframeLosses.count)
        let frame = SceneBuilder.build(sceneInput(plan, progress, frame: plan.timeline.frameCount - 1))
        let curves = frame.overlay.filter { if case .polyline = $0 { true } else { false } }
        #expect(curves.count == 2, "the training curve and the test line")
        #expect(frame.overlay.contains { if case .text("test", _, _, _, _) = $0 { true } else { false } })
        #expect(
            frame.overlay.contains {
                if case let .text(text, _, _, _, _) = $0 {
                    text.hasPrefix("loss: train ") && text.contains(" / test ")
                } else {
                    false
                }
            })
        // xor3 has no test part: one curve, no legend.
        let (video, videoProgress) = try finishedSession(iterations: 400, keyframes: 8)
        let plain = SceneBuilder.build(sceneInput(video, videoProgress, frame: video.timeline.frameCount - 1))
        #expect(plain.overlay.filter { if case .polyline = $0 { true } else { false } }.count == 1)
    }
}
