import Testing
import NeuralCore
import Playback
@testable import Scene
@testable import Session

struct EncodingTests {
    @Test func synapseColourFollowsSignAndWidthFollowsMagnitude() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        let input = sceneInput(plan, progress, frame: plan.timeline.frameCount - 1)
        let network = input.displayedNetwork
        let lines = SceneBuilder.build(input).directLines
        #expect(lines.count == 16)
        var k = 0
        var byMagnitude: [(Double, Double)] = []
        for j in 0..<4 {
            for i in 0..<3 {
                guard case let .line(_, _, width, color, _) = lines[k] else { Issue.record("not a line"); return }
                let w = network.weight(layer: 0, to: j, from: i)
                let expected = w >= 0 ? Palette(.video).positive : Palette(.video).negative
                #expect(color.r == expected.r && color.g == expected.g && color.b == expected.b)
                byMagnitude.append((abs(w), width))
                k += 1
            }
        }
        byMagnitude.sort { $0.0 < $1.0 }
        for n in 1..<byMagnitude.count { #expect(byMagnitude[n].1 >= byMagnitude[n - 1].1) }
        #expect(byMagnitude.last!.1 > byMagnitude.first!.1 * 3)
    }

    @Test func palettesAndDashing() {
        #expect(Palette(.playground).positive.b > Palette(.playground).positive.r)
        #expect(Palette(.playground).negative.r > Palette(.playground).negative.b)
        #expect(Palette(.video).next.name == .playground && Palette(.colorblind).next.name == .video)
        let network = Network(layerSizes: [2, 1], hidden: .sigmoid, output: .sigmoid, usesBias: false, seed: 3)
        let layout = SceneLayout(layerSizes: [2, 1], width: 640, height: 480)
        let lines = SynapseEncoding.lines(
            network: network, scale: network.largestWeightMagnitude, layout: layout, palette: Palette(.video),
            dashedNegative: true)
        #expect(lines.count == 2, "one line per synapse of a 2-1 network: \(lines)")
        for (i, line) in lines.enumerated() {
            guard case let .line(_, _, _, _, dashed) = line else {
                Issue.record("synapse \(i) is not drawn as a line: \(line)")
                continue
            }
            #expect(dashed == (network.weight(layer: 0, to: 0, from: i) < 0))
        }
    }

    /// While scrubbing a large network only its strongest synapses are drawn, and only as many
    /// as fit the budget's count and pixels.
    @Test func scrubbingDrawsTheStrongestSynapsesWithinTheBudget() {
        let network = Network(layerSizes: [64, 32, 10], hidden: .sigmoid, output: .sigmoid, usesBias: false, seed: 5)
        let layout = SceneLayout(layerSizes: [64, 32, 10], width: 1280, height: 720)
        let scale = network.largestWeightMagnitude
        func lines(_ budget: SynapseEncoding.LineBudget?) -> [(from: Point, to: Point, width: Double)] {
            SynapseEncoding.lines(
                network: network, scale: scale, layout: layout, palette: Palette(.video), dashedNegative: false,
                budget: budget
            ).compactMap {
                if case let .line(from, to, width, _, _) = $0 { return (from, to, width) }
                return nil
            }
        }
        let all = lines(nil)
        #expect(all.count == layout.drawnSynapseCount)
        let byCount = lines(.init(count: 100, fill: .infinity))
        #expect(byCount.count == 100)
        // The 100 kept are the 100 widest (width grows with |w|), in drawing order.
        let widest = all.map(\.width).sorted(by: >)
        #expect(byCount.map(\.width).min()! >= widest[99])
        #expect(byCount.map(\.width).sorted(by: >) == Array(widest.prefix(100)))
        // A pixel budget cuts sooner, and what is kept fits in it.
        let pixels = byCount.prefix(40).reduce(0.0) {
            $0 + SynapseEncoding.fill(from: $1.from, to: $1.to, width: $1.width)
        }
        let byFill = lines(.init(count: 100, fill: pixels))
        #expect(byFill.count > 0 && byFill.count < 100)
        let filled = byFill.reduce(0.0) { $0 + SynapseEncoding.fill(from: $1.from, to: $1.to, width: $1.width) }
        #expect(filled <= pixels)
        #expect(byFill.map(\.width).min()! >= widest[byFill.count - 1])
        #expect(lines(.init(count: 100, fill: 1)).isEmpty)
    }

    /// The glow of a neuron: the alpha of its halo, 0 when there is none.
    func glow(_ frame: SceneFrame, at centre: Point) -> Double {
        for command in frame.overlay {
            if case let .glow(c, _, color) = command, c == centre,
                color == Palette(.video).glow.withAlpha(Double(color.a) / 255)
            {
                return Double(color.a)
            }
        }
        return 0
    }

    @Test func activeNeuronsGlowBrighterThanInactiveOnes() throws {
        let (plan, progress) = try finishedSession(iterations: 60_000, keyframes: 8)
        // At the hold of the trained network, example 3 ([1,0,1] → 1) lights the output; example 0 ([0,0,1] → 0)
        // does not.
        let beat = plan.schedule.beat
        let lit = sceneInput(plan, progress, frame: (7 + 2 * 7 + 2) * beat + beat / 2)  // beat 23 → example 2
        let dark = sceneInput(plan, progress, frame: (7 + 2 * 7) * beat + beat / 2)  // beat 21 → example 0
        #expect(lit.state.example == 2 && dark.state.example == 0)
        let output = lit.layout.centres[2][0]
        #expect(glow(SceneBuilder.build(lit), at: output) > glow(SceneBuilder.build(dark), at: output) + 100)
    }

    @Test func forwardPulseLightsLayersInOrder() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        let early = ThinkingPainter(
            input: sceneInput(plan, progress, frame: 1), network: plan.initialNetwork,
            trace: Trace(layout: plan.initialNetwork.layout), hasTarget: true)
        #expect(early.lit(layer: 0) == 1 && early.lit(layer: 2) == 0)
        let late = ThinkingPainter(
            input: sceneInput(plan, progress, frame: 20), network: plan.initialNetwork,
            trace: Trace(layout: plan.initialNetwork.layout), hasTarget: true)
        #expect(late.lit(layer: 2) == 1)
    }

    /// A pulse's line is its trail: from where the synapse shows to the pulse going forward, from
    /// the pulse to the receiving end going back, growing as the pulse travels.
    @Test func pulsesLightTheSynapsesBehindThem() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        /// The forward (or backward) pulse lines of a frame, and the centres of its beads (the
        /// timeline below the network draws marks in the pulse's colour).
        func pulses(frame: Int, backward: Bool) -> (lines: [(Point, Point)], beads: [Point]) {
            let input = sceneInput(plan, progress, frame: frame)
            let tint = backward ? input.palette.backwardPulse : input.palette.forwardPulse
            func isTint(_ c: Color) -> Bool { (c.r, c.g, c.b) == (tint.r, tint.g, tint.b) }
            var lines: [(Point, Point)] = [], beads: [Point] = []
            for command in SceneBuilder.build(input).overlay {
                if case let .line(from, to, _, color, _) = command, isTint(color), from.y < input.layout.hudBottom.y {
                    lines.append((from, to))
                }
                if case let .glow(centre, _, color) = command, isTint(color) { beads.append(centre) }
            }
            return (lines, beads)
        }
        func length(_ lines: [(Point, Point)]) -> Double { lines.reduce(0) { $0 + $1.0.distance(to: $1.1) } }
        let layout = sceneInput(plan, progress, frame: 0).layout
        let early = pulses(frame: 2, backward: false), later = pulses(frame: 4, backward: false)
        #expect(!early.lines.isEmpty && length(later.lines) > length(early.lines) * 1.5)
        for (from, to) in later.lines {
            #expect(later.beads.contains { $0.distance(to: to) < 1e-9 }, "a forward trail ends at its pulse")
            #expect(layout.centres[0].contains { $0.distance(to: from) < layout.radius })
        }
        let back = (10...20).lazy.map { pulses(frame: $0, backward: true) }.first { !$0.lines.isEmpty }
        for (from, to) in back?.lines ?? [] {
            #expect(back!.beads.contains { $0.distance(to: from) < 1e-9 }, "a backward trail starts at its pulse")
            #expect(layout.centres.joined().contains { $0.distance(to: to) < layout.radius })
        }
        #expect(back != nil)
        // Nothing lit before the pulse leaves the sender's disc.
        let visible = (from: Point(10, 0), to: Point(90, 0))
        #expect(
            ThinkingPainter.trail(behind: 0.05, from: Point(0, 0), to: Point(100, 0), visible: visible, backward: false)
                == nil)
        #expect(
            ThinkingPainter.trail(behind: 0.95, from: Point(0, 0), to: Point(100, 0), visible: visible, backward: true)
                == nil)
    }

    @Test func weightsEaseBetweenKeyframesNeverJump() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        let beat = plan.schedule.beat
        var previous = sceneInput(plan, progress, frame: 3 * beat).displayedNetwork.parameters
        let step = progress.keyframes[4].parameters.enumerated().map { abs($1 - progress.keyframes[3].parameters[$0]) }
            .max()!
        for f in (3 * beat + 1)...(4 * beat) {
            let now = sceneInput(plan, progress, frame: f).displayedNetwork.parameters
            let jump = now.enumerated().map { abs($1 - previous[$0]) }.max()!
            #expect(jump <= step * 0.35 + 1e-12, "frame \(f) jumps \(jump) of \(step)")
            previous = now
        }
        #expect(previous == progress.keyframes[4].parameters)
    }

    @Test func hudValuesMatchTheTrainer() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        let k = 5
        let input = sceneInput(plan, progress, frame: k * plan.schedule.beat + 2)
        let hud = SceneBuilder.build(input).hud
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        trainer.train(iterations: progress.keyframeIterations![k])
        #expect(hud.iteration == trainer.iteration && hud.keyframe == k && hud.example == k % 7)
        #expect(hud.inputs == plan.dataSet.input(k % 7) && hud.desired == plan.dataSet.target(k % 7))
        #expect(hud.outputs == trainer.network.predict(plan.dataSet.input(k % 7)))
        #expect(hud.averageError == trainer.network.meanLoss(on: plan.dataSet, loss: .mse))
    }

    @Test func narrowWindowsKeepTheDesiredOutputBeforeTheInputs() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        func exampleLine(width: Int, height: Int) -> String? {
            SceneBuilder.build(sceneInput(plan, progress, frame: 40, width: width, height: height)).overlay
                .compactMap { if case let .text(s, _, _, _, _) = $0 { return s } else { return nil } }
                .first { $0.contains("actual [") }
        }
        let wide = try #require(exampleLine(width: 1280, height: 720))
        #expect(wide.contains("inputs [") && wide.contains("desired ["))
        let narrow = try #require(exampleLine(width: 640, height: 360))
        #expect(!narrow.contains("inputs [") && narrow.contains("desired ["), "\(narrow)")
    }

    @Test func userInputReplacesTheExample() throws {
        let (plan, progress) = try finishedSession(iterations: 60_000, keyframes: 8)
        var input = sceneInput(plan, progress, frame: 7 * plan.schedule.beat + 5)
        input.userInput = [1, 1, 0]
        let hud = SceneBuilder.build(input).hud
        #expect(hud.example == nil && hud.inputs == [1, 1, 0] && hud.desired == nil)
        #expect(hud.outputs[0] < 0.05, "the video's [1, 1, 0] → 0.01")
    }

    /// Every synapse line, widened by half its width and its soft edge, lies inside the layer's
    /// bounds, and the bounds inside the window (the platform copies only the bounds).
    @Test func synapseBoundsHoldEveryLine() throws {
        for (shape, width, height) in [
            ([2, 64, 32, 1], 640, 400), ([784, 64, 10], 1280, 720), ([3, 4, 1], 320, 240),
        ] {
            let layout = SceneLayout(layerSizes: shape, width: width, height: height)
            let network = Network(layerSizes: shape, hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 3)
            let bounds = layout.synapseBounds
            #expect(
                Rect(x: 0, y: 0, width: Double(width), height: Double(height)).contains(bounds), "\(shape): \(bounds)")
            for case let .line(a, b, w, _, _) in SynapseEncoding.lines(
                network: network, scale: network.largestWeightMagnitude, layout: layout, palette: Palette(.video),
                dashedNegative: false)
            {
                let reach = max(w, 1) / 2 + 1
                for p in [a, b] {
                    #expect(
                        Rect(
                            x: bounds.x + reach, y: bounds.y + reach, width: bounds.width - 2 * reach,
                            height: bounds.height - 2 * reach
                        ).contains(p))
                }
            }
        }
    }

    @Test func largeNetworksUseCachedSynapseLayers() throws {
        let (plan, progress) = try finishedSession(iterations: 3, keyframes: 4) { m, _ in
            // Dense layers show 8 synapses per neuron, so it takes many of them to pass the
            // direct-drawing limit.
            m.dataSet = "circle"; m.layers = [2, 64, 64, 64, 64, 64, 1]
        }
        let beat = plan.schedule.beat
        let holding = SceneBuilder.build(sceneInput(plan, progress, frame: beat + 1))
        guard case let .cached(layer, next, _, upcoming) = holding.synapses else {
            Issue.record("expected cached synapses"); return
        }
        #expect(next == nil && layer.commands.count == 2 * 64 + 4 * 64 * SceneLayout.synapsesPerNeuron + 64)
        #expect(upcoming != nil && upcoming!.layer.key != layer.key)
        // Frame beat + 1 of a 30-frame beat: the ease begins at frame beat + 22.
        #expect(upcoming?.framesLeft == 21)
        let easing = SceneBuilder.build(sceneInput(plan, progress, frame: beat + beat - 2))
        guard case let .cached(from, to, amount, _) = easing.synapses else {
            Issue.record("expected cached synapses"); return
        }
        #expect(from.key == layer.key && to != nil && to!.key != layer.key && amount > 0.5)
    }
}

struct BannerTests {
    @Test func aDivergedSessionSaysSoOnScreen() throws {
        let (plan, progress) = try finishedSession(iterations: 500, keyframes: 10) { m, _ in
            m.dataSet = "reg-plane"; m.layers = [2, 8, 8, 1]; m.activation = .relu; m.outputActivation = .linear
            m.initialization = .he; m.learningRate = 50
        }
        #expect(progress.divergedAtIteration != nil)
        let frame = SceneBuilder.build(sceneInput(plan, progress, frame: progress.frameLimit(timeline: plan.timeline)))
        let texts = frame.overlay.compactMap { command -> String? in
            if case let .text(s, _, _, _, _) = command { return s }
            return nil
        }
        #expect(texts.contains { $0.contains("diverged") && $0.contains("lower the learning rate") }, "\(texts)")
        #expect(frame.hud.status == "diverged")
    }
}

struct OverlayTests {
    @Test func theRecMarkAndFpsAreLiveOnlyNeverRecorded() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        var input = sceneInput(plan, progress, frame: 40)
        input.recordedFrames = 123
        input.showFPS = true
        input.framesPerSecond = 60
        let frame = SceneBuilder.build(input)
        func texts(_ commands: [DrawCommand]) -> [String] {
            commands.compactMap { if case let .text(s, _, _, _, _) = $0 { return s } else { return nil } }
        }
        #expect(texts(frame.liveOnly).contains("REC 123") && texts(frame.liveOnly).contains("60 fps"))
        #expect(!texts(frame.overlay).contains { $0.contains("REC") || $0.contains("fps") })
    }

    @Test func hoverCardsShowTheNeuronsSumWithLiveNumbers() throws {
        let (plan, progress) = try finishedSession(iterations: 60_000, keyframes: 8)
        var input = sceneInput(plan, progress, frame: 7 * plan.schedule.beat + 20)
        input.hovered = .neuron(NeuronID(layer: 2, index: 0))
        let network = input.displayedNetwork
        let trace = network.trace(
            input: plan.dataSet.input(input.state.example), target: plan.dataSet.target(input.state.example), loss: .mse
        )
        let lines = OverlayPainter(input: input, network: network, trace: trace).cardLines(
            for: .neuron(NeuronID(layer: 2, index: 0)))
        #expect(lines.count == 1 + 4 + 2)  // title, four weighted inputs, Σ, σ(Σ)
        #expect(
            lines[1]
                == "  \(formatSigned(network.weight(layer: 1, to: 0, from: 0))) × "
                + "\(formatValue(trace.activation(layer: 1, index: 0)))"
        )
        #expect(
            lines.last
                == "sigmoid(\(formatValue(trace.sum(layer: 2, index: 0)))) = "
                + "\(formatValue(trace.activation(layer: 2, index: 0)))"
        )
        let frame = SceneBuilder.build(input)
        #expect(
            frame.overlay.contains {
                if case let .text(s, _, _, _, _) = $0 { return s == lines.last } else { return false }
            })
        let synapse = OverlayPainter(input: input, network: network, trace: trace).cardLines(
            for: .synapse(SynapseID(layer: 0, from: 2, to: 1)))
        #expect(
            synapse[1] == "weight \(formatSigned(network.weight(layer: 0, to: 1, from: 2)))"
                && synapse.last!.hasPrefix("last change"))
    }

    /// A card's title names what the data names: a CSV's or a 2-D set's inputs, and outputs that
    /// stand for classes; other outputs are numbered as explain mode numbers them.
    @Test func hoverTitlesUseTheDatasNames() throws {
        func titles(_ dataSet: String, _ neurons: [NeuronID]) throws -> [String] {
            let (plan, progress) = try finishedSession(iterations: 2, keyframes: 2) { model, _ in
                model.dataSet = dataSet
                model.digitGlyphs = TextOverlapTests.standInDigits
            }
            let input = sceneInput(plan, progress, frame: 0)
            let network = input.displayedNetwork
            let trace = network.trace(input: plan.dataSet.input(0), target: plan.dataSet.target(0), loss: .mse)
            let painter = OverlayPainter(input: input, network: network, trace: trace)
            return neurons.map(painter.neuronTitle)
        }
        let first = NeuronID(layer: 0, index: 0), hidden = NeuronID(layer: 1, index: 1)
        #expect(
            try titles("xor3", [first, hidden, NeuronID(layer: 2, index: 0)])
                == ["input 1", "layer 1, neuron 2", "output 1"])
        #expect(try titles("circle", [NeuronID(layer: 0, index: 1)]) == ["input 2: y"])
        #expect(try titles("digits", [NeuronID(layer: 2, index: 7)]) == ["output \"7\""])
    }

    /// A synapse's card names its ends as their own cards do: an input, layer.neuron, an output.
    @Test func synapseTitlesNameTheirEnds() throws {
        let (plan, progress) = try finishedSession(iterations: 2, keyframes: 2)
        let input = sceneInput(plan, progress, frame: 0)
        let network = input.displayedNetwork
        let trace = network.trace(input: plan.dataSet.input(0), target: plan.dataSet.target(0), loss: .mse)
        let painter = OverlayPainter(input: input, network: network, trace: trace)
        #expect(painter.cardLines(for: .synapse(SynapseID(layer: 0, from: 2, to: 1))).first == "synapse input 3 → 1.2")
        #expect(painter.cardLines(for: .synapse(SynapseID(layer: 1, from: 3, to: 0))).first == "synapse 1.4 → output 1")
    }

    /// A softmax output's card says it shares out e^z among the outputs, not σ of its own sum.
    @Test func aSoftmaxOutputsCardDividesByEveryOutput() throws {
        let (plan, progress) = try finishedSession(iterations: 2, keyframes: 2) { model, _ in
            model.dataSet = "digits"
            model.digitGlyphs = TextOverlapTests.standInDigits
        }
        let input = sceneInput(plan, progress, frame: 0)
        let network = input.displayedNetwork
        let trace = network.trace(input: plan.dataSet.input(0), target: plan.dataSet.target(0), loss: .ce)
        let lines = OverlayPainter(input: input, network: network, trace: trace).cardLines(
            for: .neuron(NeuronID(layer: 2, index: 3)))
        #expect(
            lines.last
                == "softmax: e^\(formatValue(trace.sum(layer: 2, index: 3))) / Σ e^z = "
                + formatValue(trace.activation(layer: 2, index: 3)))
    }

    /// A hover card is as wide as its longest line and stays in the window, wherever the
    /// pointer is ("signal -0.04 × -0.76 = +0.03" ran past a fixed-width card).
    @Test func hoverCardsHoldTheirLinesInsideTheWindow() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 8)
        for (width, height) in [(1280, 720), (640, 480)] {
            var input = sceneInput(plan, progress, frame: 7 * plan.schedule.beat + 20, width: width, height: height)
            let targets: [HoverTarget] =
                (0..<3).flatMap { from in (0..<4).map { .synapse(SynapseID(layer: 0, from: from, to: $0)) } }
                + [.neuron(NeuronID(layer: 1, index: 0)), .neuron(NeuronID(layer: 2, index: 0))]
            for target in targets {
                input.hovered = target
                let overlay = SceneBuilder.build(input).overlay
                // The card: its frame, then its lines (the title says what is hovered).
                let title: String
                switch target {
                case .neuron(let id): title = id.layer == 2 ? "output " : "layer "
                case .synapse: title = "synapse "
                }
                let first = try #require(
                    overlay.indices.first { k in
                        guard k > 0, case .frame = overlay[k - 1], case let .text(s, _, _, _, _) = overlay[k] else {
                            return false
                        }
                        return s.hasPrefix(title)
                    })
                guard case let .frame(box, _) = overlay[first - 1] else { continue }
                #expect(box.x >= 0 && box.maxX <= Double(width) && box.y >= 0 && box.maxY <= Double(height))
                var lines = 0
                for command in overlay[first...] {
                    guard case let .text(line, at, _, _, _) = command, box.contains(at) else { break }
                    lines += 1
                    #expect(TextSize.normal.estimatedWidth(of: line) + 20 <= box.width + 0.5, "\(width): \(line)")
                }
                #expect(lines >= 3)
            }
        }
    }

    @Test func helpListsTheKeys() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        var input = sceneInput(plan, progress, frame: 3)
        input.showHelp = true
        let texts = SceneBuilder.build(input).overlay.compactMap {
            if case let .text(s, _, _, _, _) = $0 { return s } else { return nil }
        }
        for key in ["Space", "Home", "R", "Esc / Q"] { #expect(texts.contains(key), "\(key)") }
    }

    @Test func valueLabelsUseTwoDecimals() {
        #expect(
            formatValue(0.5) == "0.50" && formatValue(-0.004) == "0.00" && formatValue(1) == "1.00"
                && formatValue(0.987) == "0.99")
        #expect(formatSigned(0.25) == "+0.25" && grouped(60_000) == "60,000")
    }
}
