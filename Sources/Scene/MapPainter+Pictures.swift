import NeuralCore

/// The map's pictures as pixels: the colours of classes and of sureness, the field over the
/// plane and each neuron's own map.
extension MapPainter {
    /// Neuron maps are drawn from every `neuronMapStride`-th grid point (32 → 16 cells a side).
    static let neuronMapStride = 2
    /// The colour of "unsure" in the field: a little lighter than the background.
    static let neutral = Color(44, 48, 60)

    /// Colours of classes beyond the palette's two (several outputs).
    static let extraClassColors = [
        Color(240, 200, 60), Color(170, 110, 240), Color(60, 200, 220), Color(240, 130, 190), Color(150, 150, 150),
        Color(120, 220, 120), Color(250, 150, 80), Color(90, 120, 250),
    ]

    func classColor(_ k: Int) -> Color { Self.classColor(k, outputs: network.layout.outputCount, palette: palette) }

    /// Class `k`'s colour: with one output, the positive colour for class 1 and the negative for
    /// class 0; with several, the palette's two, then `extraClassColors`.
    static func classColor(_ k: Int, outputs: Int, palette: Palette) -> Color {
        if outputs == 1 { return k == 1 ? palette.positive : palette.negative }
        let all = [palette.positive, palette.negative] + extraClassColors
        return all[k % all.count]
    }

    /// The targets' range for the regression scale (its middle is the neutral colour).
    var targetRange: ClosedRange<Double> { Self.range(of: data) }

    private static func range(of data: DataSet) -> ClosedRange<Double> {
        var low = Double.infinity, high = -Double.infinity
        for t in data.targets {
            low = min(low, t)
            high = max(high, t)
        }
        return low < high ? low...high : (low - 1)...(high + 1)
    }

    /// The field's colour for the outputs at one point (`range`: the targets' range, if known).
    func fieldColor(_ outputs: [Double], range known: ClosedRange<Double>? = nil) -> Color {
        if isRegression {
            let range = known ?? targetRange
            let middle = (range.lowerBound + range.upperBound) / 2, half = (range.upperBound - range.lowerBound) / 2
            let t = min(max((outputs[0] - middle) / half, -1), 1)
            return Self.neutral.mix(t >= 0 ? palette.positive : palette.negative, 0.9 * abs(t))
        }
        if outputs.count == 1 {
            let o = outputs[0]
            return Self.neutral.mix(o >= 0.5 ? palette.positive : palette.negative, 0.85 * min(abs(o - 0.5) * 2, 1))
        }
        // Several outputs: the classes' colours weighted by probability, as sure as the top one.
        let total = max(outputs.reduce(0) { $0 + max($1, 0) }, 1e-12)
        var r = 0.0, g = 0.0, b = 0.0
        for (k, o) in outputs.enumerated() {
            let w = max(o, 0) / total, c = classColor(k)
            r += w * Double(c.r)
            g += w * Double(c.g)
            b += w * Double(c.b)
        }
        let top = (outputs.max() ?? 0) / total
        let blend = Color(UInt8(min(r, 255)), UInt8(min(g, 255)), UInt8(min(b, 255)))
        let floor = 1 / Double(outputs.count)
        return Self.neutral.mix(blend, 0.85 * min(max((top - floor) / (1 - floor), 0), 1))
    }

    /// A target's colour, for the data points.
    func pointColor(_ target: [Double]) -> Color {
        if isRegression { return fieldColor(target).mix(Color(255, 255, 255), 0.15) }
        if target.count == 1 { return classColor(target[0] >= 0.5 ? 1 : 0) }
        return classColor(target.indices.max { target[$0] < target[$1] } ?? 0)
    }

    /// The field: the outputs interpolated between grid points (bilinearly, `fieldUpsampling`
    /// pixels a cell), then coloured. Interpolating the outputs rather than the colours keeps the
    /// decision boundary (o = 0.5) a smooth line instead of a staircase of cells; and the software
    /// renderer of recordings stretches a picture by repeating pixels, which showed every cell.
    var fieldImage: PixelImage {
        let n = sample.resolution, f = Self.fieldUpsampling, size = n * f
        let outputs = network.layout.outputCount
        var grid = [[Double]](repeating: [Double](repeating: 0, count: n * n), count: outputs)
        for k in 0..<outputs {
            for row in 0..<n {
                for column in 0..<n {
                    grid[k][row * n + column] = sample.activation(
                        layer: outputLayer, index: k, row: row, column: column)
                }
            }
        }
        var pixels: [Color] = []
        pixels.reserveCapacity(size * size)
        let range = targetRange
        let shades = outputs == 1 ? FieldShades(self, range: range) : nil
        var values = [Double](repeating: 0, count: outputs)
        func clamp(_ i: Int) -> Int { min(max(i, 0), n - 1) }
        for y in 0..<size {
            let v = (Double(y) + 0.5) / Double(f) - 0.5
            let y0 = Int(v.rounded(.down)), ty = v - Double(y0)
            let r0 = clamp(y0) * n, r1 = clamp(y0 + 1) * n
            for x in 0..<size {
                let u = (Double(x) + 0.5) / Double(f) - 0.5
                let x0 = Int(u.rounded(.down)), tx = u - Double(x0)
                let c0 = clamp(x0), c1 = clamp(x0 + 1)
                for k in 0..<outputs {
                    let g = grid[k]
                    let top = g[r0 + c0] + (g[r0 + c1] - g[r0 + c0]) * tx
                    let bottom = g[r1 + c0] + (g[r1 + c1] - g[r1 + c0]) * tx
                    values[k] = top + (bottom - top) * ty
                }
                pixels.append(shades?.color(values[0]) ?? fieldColor(values, range: range))
            }
        }
        return PixelImage(width: size, height: size, pixels: pixels)
    }

    /// Pixels per grid cell in the field's picture.
    static let fieldUpsampling = 4

    /// Neuron `index` of `layer`'s activation over the plane, by sign: the palette's positive
    /// colour where it is high, negative where low (sigmoid and softmax centred on 0.5).
    func neuronImage(layer: Int, index: Int) -> PixelImage {
        let stride = Self.neuronMapStride, n = sample.resolution / stride
        let function = network.activations[layer - 1]
        var pixels: [Color] = []
        pixels.reserveCapacity(n * n)
        for row in 0..<n {
            for column in 0..<n {
                let a = sample.activation(
                    layer: layer, index: index, row: row * stride + stride / 2, column: column * stride + stride / 2)
                let s: Double
                switch function {
                case .sigmoid, .softmax: s = 2 * a - 1
                case .tanh: s = a
                case .relu, .linear: s = a / (1 + abs(a))
                }
                let clamped = min(max(s.isFinite ? s : 0, -1), 1)
                pixels.append(palette.neuronFill.mix(clamped >= 0 ? palette.positive : palette.negative, abs(clamped)))
            }
        }
        return PixelImage(width: n, height: n, pixels: pixels)
    }
}

/// With one output the field's colour depends on one number, so a frame's 16,384 field pixels
/// read it from a table of `count` colours across the output's range (sigmoid: 0…1; regression:
/// the targets' range, beyond which the colour no longer changes) instead of mixing each one.
/// A shade is within one level of 255 of `MapPainter.fieldColor` of the same output.
struct FieldShades {
    static let count = 1024
    private let colors: [Color]
    private let low: Double, scale: Double

    init(_ painter: MapPainter, range: ClosedRange<Double>) {
        let bounds = painter.isRegression ? range : 0...1
        low = bounds.lowerBound
        scale = Double(Self.count - 1) / (bounds.upperBound - bounds.lowerBound)
        let step = 1 / scale, low = low
        colors = (0..<Self.count).map { painter.fieldColor([low + Double($0) * step], range: range) }
    }

    /// The shade nearest `output`; an output that is not a number is shown as unsure (the middle).
    func color(_ output: Double) -> Color {
        guard !output.isNaN else { return colors[Self.count / 2] }
        let position = min(max((output - low) * scale, 0), Double(Self.count - 1))
        return colors[Int(position.rounded())]
    }
}
