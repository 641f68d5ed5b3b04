import NeuralCore

/// Draws the decision map panel (the displayed network's output over its input plane, the data
/// on top, axes, the user's point) and the small map inside every hidden and output neuron.
struct MapPainter {
    let input: SceneInput
    /// The network on screen (`input.displayedNetwork`, computed once by the caller: it is mixed
    /// afresh on every access while easing).
    let network: Network
    let sample: PlaneSample
    let map: Rect
    let isRegression: Bool
    let outputLayer: Int

    init(input: SceneInput, network: Network, sample: PlaneSample, map: Rect) {
        self.input = input
        self.network = network
        self.sample = sample
        self.map = map
        isRegression = input.plan.dataSet.isRegression || network.activations.last == .linear
        outputLayer = network.layout.layerCount - 1
    }

    var layout: SceneLayout { input.layout }
    var palette: Palette { input.palette }
    var data: DataSet { input.plan.dataSet }

    func drawPanel(into out: inout [DrawCommand]) {
        out.append(.image(fieldImage, in: map))
        out.append(.frame(map, palette.neuronRim))
        let ranges = sample.ranges
        // The data, in its class colours: training points filled with a light rim (visible on a
        // field of their own colour), test points hollow — their colour as a ring around the field.
        for e in 0..<data.count {
            guard let p = layout.mapPoint(for: data.input(e)), map.contains(p) else { continue }
            out.append(.disc(center: p, radius: 4, fill: pointColor(data.target(e)), rim: Color(235, 238, 245)))
        }
        if let test = input.plan.testSet {
            for e in 0..<test.count {
                let point = test.input(e)
                guard let p = layout.mapPoint(for: point), map.contains(p) else { continue }
                out.append(.disc(center: p, radius: 4.5, fill: Color(235, 238, 245), rim: nil))
                out.append(.disc(center: p, radius: 3.5, fill: pointColor(test.target(e)), rim: nil))
                out.append(.disc(center: p, radius: 2, fill: fieldColor(network.predict(point)), rim: nil))
            }
        }
        // Axes: the ends and the middle of each range, and the inputs' names.
        let names = data.inputNames
        // Small maps: the middle ticks only where the three fit side by side (or one above another).
        let xTicks = [ranges.x.lowerBound, (ranges.x.lowerBound + ranges.x.upperBound) / 2, ranges.x.upperBound]
            .map { Self.tick(input.rawInput(0, $0)) }
        let showsMiddleX = xTicks.map { TextSize.small.estimatedWidth(of: $0) + 8 }.reduce(0, +) <= map.width
        let showsMiddleY = map.height >= 3 * (Double(TextSize.small.rawValue) + 6)
        for (k, label) in xTicks.enumerated() where k != 1 || showsMiddleX {
            let x = map.x + map.width * Double(k) / 2
            out.append(
                .text(
                    label, at: Point(x, map.maxY + 3), size: .small, color: palette.dimText,
                    align: k == 0 ? .left : k == 1 ? .center : .right))
        }
        // A y tick on an output's row that would meet its value ("0.98") is left out.
        let last = layout.layerSizes.count - 1
        let outputValues: [Rect] =
            layout.showsNeuronLabels
            ? layout.drawnIndices(layer: last).map { i in
                let c = layout.centres[last][i], r = layout.radius
                return Rect(x: c.x + r + 6, y: c.y - 9, width: TextSize.normal.estimatedWidth(of: "-0.00"), height: 18)
            } : []
        for (k, value) in [ranges.y.lowerBound, (ranges.y.lowerBound + ranges.y.upperBound) / 2, ranges.y.upperBound]
            .enumerated() where k != 1 || showsMiddleY
        {
            let y = map.maxY - map.height * Double(k) / 2
            let tick = DrawCommand.text(
                Self.tick(input.rawInput(1, value)), at: Point(map.x - 4, min(max(y, map.y + 6), map.maxY - 6)),
                size: .small, color: palette.dimText, align: .rightMiddle)
            if let box = tick.estimatedTextBox, outputValues.contains(where: { $0.intersects(box) }) { continue }
            out.append(tick)
        }
        // The inputs' names, cut short ("temperature_in_d… →") where the window is narrower.
        let w = Double(layout.width)
        if let xName = TextSize.small.shortened(
            names[0], within: 2 * min(map.midX - 8, w - 8 - map.midX), form: { "\($0) →" })
        {
            out.append(
                .text(xName, at: Point(map.midX, map.maxY + 16), size: .small, color: palette.dimText, align: .center))
        }
        let yName = TextSize.small.shortened(names[1], within: w - 8 - (map.x - 4), form: { "↑ \($0)" }) ?? ""
        out.append(.text(yName, at: Point(map.x - 4, map.y - 14), size: .small, color: palette.dimText, align: .left))
        if isRegression {
            drawLegend(clearOf: map.x - 4 + TextSize.small.estimatedWidth(of: yName) + 8, into: &out)
        } else if layout.slot == nil {
            // (Two compared maps are stacked with no room for a title between them.) The longest
            // title that fits beside the second input's name: small windows have narrow maps.
            let room = map.maxX - (map.x - 4 + TextSize.small.estimatedWidth(of: yName) + 12)
            let titles = [
                "output over (\(names[0]), \(names[1])) — click to think about a point", "click to think about a point",
            ]
            if let title = TextSize.small.firstFitting(titles, within: room) {
                out.append(
                    .text(title, at: Point(map.maxX, map.y - 14), size: .small, color: palette.dimText, align: .right))
            }
        }
        // The user's point: a crosshair.
        if let user = input.userInput, let p = layout.mapPoint(for: user), map.contains(p) {
            let arm = 9.0
            for (a, b) in [
                (Point(p.x - arm, p.y), Point(p.x + arm, p.y)), (Point(p.x, p.y - arm), Point(p.x, p.y + arm)),
            ] {
                out.append(.line(from: a, to: b, width: 2, color: palette.glow, dashed: false))
            }
            out.append(.disc(center: p, radius: 3, fill: palette.glow, rim: nil))
        }
    }

    /// Regression's scale: the field's colours from the smallest target to the largest, with both
    /// values, above the map's right corner, right of `left` (where the second input's name ends;
    /// "output" goes when a small window leaves no room for it, the scale itself when even a short
    /// one does not fit).
    private func drawLegend(clearOf left: Double, into out: inout [DrawCommand]) {
        let range = targetRange
        let steps = 32
        let colours = (0..<steps).map { k in
            fieldColor(
                [range.lowerBound + (range.upperBound - range.lowerBound) * Double(k) / Double(steps - 1)], range: range
            )
        }
        // Narrow maps: a shorter bar, still clear of the second input's name with its low value;
        // none at all where even 24 px do not fit.
        let barRight = map.maxX - 30
        let barWidth = min(100, barRight - 4 - TextSize.small.estimatedWidth(of: Self.tick(range.lowerBound)) - left)
        guard barWidth >= 24 else { return }
        let bar = Rect(x: barRight - barWidth, y: map.y - 12, width: barWidth, height: 8)
        out.append(.image(PixelImage(width: steps, height: 1, pixels: colours), in: bar))
        out.append(.frame(bar, palette.neuronRim))
        let low =
            ["output " + Self.tick(range.lowerBound), Self.tick(range.lowerBound)].first {
                bar.x - 4 - TextSize.small.estimatedWidth(of: $0) >= left
            } ?? Self.tick(range.lowerBound)
        out.append(
            .text(low, at: Point(bar.x - 4, bar.midY), size: .small, color: palette.dimText, align: .rightMiddle))
        out.append(
            .text(
                Self.tick(range.upperBound), at: Point(bar.maxX + 4, bar.midY), size: .small, color: palette.dimText,
                align: .leftMiddle))
    }

    /// The small maps inside the hidden and output neurons (discs large enough to show one).
    func drawNeuronMaps(into out: inout [DrawCommand]) {
        let r = layout.radius
        guard r >= 8 else { return }
        let side = r * 1.3
        for layer in 1..<layout.layerSizes.count {
            for index in layout.drawnIndices(layer: layer) {
                let c = layout.centres[layer][index]
                out.append(
                    .image(
                        neuronImage(layer: layer, index: index),
                        in: Rect(x: c.x - side / 2, y: c.y - side / 2, width: side, height: side)))
            }
        }
    }

    /// An axis tick's text: at most two decimals, no trailing zeros, a true minus: "−0.95", "0", "1.05".
    static func tick(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text.replacing("-", with: "−")
    }
}
