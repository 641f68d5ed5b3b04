import NeuralCore

/// Where every neuron of a network sits in a window, and the window's areas.
///
/// Contract: layers are evenly spaced left to right inside `networkArea`; each layer's neurons are
/// centred vertically and evenly spaced (a staggered layer deals its neurons in turn to
/// `staggerColumns` columns around its x, so its discs may be that many times as large); radii
/// are equal within the picture and small enough that no two discs (with their value labels)
/// overlap and every disc lies inside the window; the first and last columns stand far enough
/// from the window's edges (a map, the other compared network) for their labels. An image
/// network's input layer is the drawing pad: input k sits at the centre of its cell
/// (`ImageShape`), and the other layers share the room right of it.
public struct SceneLayout: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let layerSizes: [Int]
    /// `centres[layer][index]`.
    public let centres: [[Point]]
    public let radius: Double
    /// The region the network is drawn in (between the HUD bands).
    public let networkArea: Rect
    public let hudTop: Rect
    public let hudBottom: Rect
    /// The timeline strip in the bottom band, right of the error bar.
    public let timelineArea: Rect
    /// Whether neurons are large enough for their value labels.
    public let showsNeuronLabels: Bool
    /// Whether the output neurons carry their labels (value; class name and probability bar):
    /// wherever neurons are labelled, and also where the other layers are too dense for labels
    /// but the output rows have room (a 64-128-64-10 classifier's ten outputs).
    public let labelsOutputs: Bool
    /// Layers with room for a bias label under each disc, clear of the next disc down (in the
    /// others the bias shows on hover).
    public let biasLabelLayers: Set<Int>
    /// Height a bias label needs between one disc and the next: its small text and a gap.
    static let biasLabelRoom = 20.0
    /// The decision map's panel, right of the network, for networks with two inputs.
    public let mapArea: Rect?
    /// The input values the map spans.
    public let mapRanges: MapRanges?
    /// The drawing pad: the input layer drawn as its image, for image data.
    public let padArea: Rect?
    /// The image the input layer forms, with `padArea`.
    public let image: ImageShape?
    /// The layers drawn in `staggerColumns` columns (an image network's first hidden layer, whose
    /// discs hold receptive fields and need the room).
    public let staggeredLayers: Set<Int>
    /// For each connection layer, how many synapses each receiving neuron shows (its strongest),
    /// or nil where all are drawn. See `synapsesPerNeuron`.
    public let keptSynapsesPerNeuron: [Int?]
    /// `drawnIndices` for every layer, computed once (the scene asks for them every frame).
    private let drawn: [[Int]]
    /// Layers with more neurons than this are drawn as a sample of their neurons (see `drawnIndices`).
    public static let maximumDrawnNeuronsPerLayer = 64
    /// The neurons drawn of a huge layer in this window: `maximumDrawnNeuronsPerLayer`, fewer in
    /// windows too short for that many discs.
    public let drawnNeuronsPerLayer: Int
    /// The synapses each neuron keeps in a connection layer too dense to read: one with more than
    /// `denseSynapseCount` drawn synapses and more than `denseFanIn` per receiving neuron. At 1280x720
    /// a 64-32 layer's 2,048 lines are a solid sheet and its 256 strongest read as wiring; a 32-10
    /// layer's 320 already cross in a sheet, a 16-16 layer's 256 still read whole.
    public static let synapsesPerNeuron = 8
    public static let denseSynapseCount = 256
    /// The columns a staggered layer's neurons are dealt to.
    public static let staggerColumns = 3
    /// The distance between neighbouring columns of a staggered layer, in radii.
    static let staggerSpacing = 2.5
    public static let denseFanIn = 16

    /// Which of two compared networks (`--compare`) a layout places, and how.
    public struct ComparisonSlot: Sendable, Equatable {
        /// 0: the first network (left, or top), 1: the second.
        public let index: Int
        /// Whether the two are stacked (tall windows) rather than side by side.
        public let stacked: Bool

        public init(index: Int, stacked: Bool) {
            self.index = index
            self.stacked = stacked
        }

        /// The slots for a window: side by side unless it is taller than wide, or the networks
        /// have two inputs (`withMaps`): stacked halves leave room for each one's decision map.
        public static func slots(width: Int, height: Int, withMaps: Bool = false) -> [ComparisonSlot] {
            [0, 1].map { ComparisonSlot(index: $0, stacked: height > width || withMaps) }
        }
    }

    /// The slot of a compared network, or nil for a network alone.
    public let slot: ComparisonSlot?
    /// The HUD bands' least heights (they set the bands of windows under about 457 and 380 px high).
    static let smallestTopBand = 64.0
    static let smallestBottomBand = 76.0
    /// The bottom band's height from which "H: help" has a line of its own under the error bar's.
    static let bottomBandWithHelp = 96.0

    /// The least radius whose discs are labelled with their values.
    static let smallestLabelledRadius = 9.0
    /// The least row height of an output layer whose tiny discs are labelled all the same: an
    /// output's value, its probability bar under it and its class's name beside them, clear of
    /// the next output's.
    static let smallestLabelledOutputRow = 32.0
    /// The least distance between columns left once tiny output discs' labels have their room;
    /// below it the outputs go unlabelled (values show on hover) rather than squeeze the network.
    static let smallestColumnGapWithTinyOutputLabels = 80.0

    /// The least side of a decision map's square.
    static let smallestMap = 64.0

    /// Room kept above a compared network for its caption.
    public static let captionHeight = 20.0

    /// `mapRanges`: give a network with two inputs a decision map panel spanning these values;
    /// `image`: draw an input layer of that many cells as the image (the drawing pad); `slot`:
    /// place one of two compared networks in its half of the network's band (with its map only
    /// when the halves are stacked); `outputLabelRoom`: how far past its disc's rim an output's
    /// widest label reaches (`outputLabelRoom(classNames:outputs:)`), kept inside the window.
    public init(
        layerSizes: [Int], width: Int, height: Int, mapRanges: MapRanges? = nil, image: ImageShape? = nil,
        slot: ComparisonSlot? = nil, outputLabelRoom: Double = 0
    ) {
        precondition(layerSizes.count >= 2 && width > 0 && height > 0)
        self.width = width
        self.height = height
        self.layerSizes = layerSizes
        let w = Double(width), h = Double(height)
        // The bands grow with the window up to their full size, but never below what their text
        // needs: the top one two lines (iteration, example), the bottom one the error bar's label,
        // the bar and one line under it (`HUDPainter`).
        let topBand = max(min(78, h * 0.14), Self.smallestTopBand)
        let bottomBand = max(min(118, h * 0.2), Self.smallestBottomBand)
        hudTop = Rect(x: 0, y: 0, width: w, height: topBand)
        hudBottom = Rect(x: 0, y: h - bottomBand, width: w, height: bottomBand)
        timelineArea = Rect(x: w * 0.55, y: hudBottom.y + 10, width: w * 0.45 - 16, height: bottomBand - 30)
        // Room on the left for the inputs' values ("-0.04") beside their discs, in small windows too.
        let marginX = max(w * 0.08, min(72, max(w * 0.12, 64)))
        var area = Rect(
            x: marginX, y: topBand + 8, width: max(w - 2 * marginX, 1), height: max(h - topBand - bottomBand - 16, 1))
        self.slot = slot
        var mapRanges = mapRanges
        let windowImageLeft = max(w * 0.03, 16)
        var imageLeft = windowImageLeft
        // The first of two networks side by side: where the second's half begins, and how far
        // before it the second's pad would begin.
        var secondHalf: (x: Double, padBefore: Double)? = nil
        if let slot {
            // Two halves: side by side with room between for the first's output labels and the
            // second's input labels, or stacked; each with its caption above it. Only stacked
            // halves are wide enough for a map beside the network.
            if !slot.stacked { mapRanges = nil }
            if slot.stacked {
                let half = (area.height - 16) / 2
                area = Rect(x: area.x, y: area.y + (half + 16) * Double(slot.index), width: area.width, height: half)
            } else {
                // Each side's labels take about 65 px beyond its discs' centres ("0.57", "−0.13").
                let gap = max(w * 0.14, 140), half = (area.width - gap) / 2
                if slot.index == 0 {
                    secondHalf = (x: area.x + half + gap, padBefore: min(marginX - windowImageLeft, gap / 2 - 16))
                }
                area = Rect(x: area.x + (half + gap) * Double(slot.index), y: area.y, width: half, height: area.height)
                // The second pad has no input labels to make room for: it starts as far before
                // its half as the first starts before its own (in the window's margin), though
                // never in the first half of the gap, where the first network's outputs are
                // labelled. Starting at its half's edge, it covered the whole half in the
                // smallest windows, and the network ran back over it.
                if slot.index == 1 { imageLeft = area.x - min(marginX - windowImageLeft, gap / 2 - 16) }
            }
            area = Rect(
                x: area.x, y: area.y + SceneLayout.captionHeight, width: area.width,
                height: max(area.height - SceneLayout.captionHeight, 1))
        }
        // The map: a square nearly as tall as the network's band (at most a third of the width),
        // at the right edge; the network keeps the rest, with room for the output labels (values,
        // class names) and the map's axis before it. Under the map go its ticks and the first
        // input's name (31 px): the square stops 14 px above the band's foot so that they end
        // above the timeline, or above the name of the second input of the map stacked below.
        // A map too small to read (stacked compared networks in the smallest windows) is left out.
        if let mapRanges, layerSizes.first == 2, min(area.height - 12, w * 0.34) >= Self.smallestMap {
            let side = min(area.height - 12, w * 0.34)
            let map = Rect(x: w - side - 16, y: area.y - 2, width: side, height: side)
            mapArea = map
            self.mapRanges = mapRanges
            area = Rect(x: area.x, y: area.y, width: max(map.x - 100 - area.x, 1), height: area.height)
        } else {
            mapArea = nil
            self.mapRanges = nil
        }
        // The pad: the image in whole-pixel cells, as tall as the band allows (at most a third of
        // the width), at the left edge; the network's other layers begin right of it.
        let pad: Rect?
        if let image, layerSizes.first == image.cellCount {
            let widthShare = slot == nil ? 0.25 : 0.12
            let cell = max(
                min(area.height / Double(image.height), w * widthShare / Double(image.width)).rounded(.down), 1)
            let padRect = Rect(
                x: imageLeft, y: area.y + (area.height - cell * Double(image.height)) / 2,
                width: cell * Double(image.width), height: cell * Double(image.height))
            pad = padRect
            self.image = image
        } else {
            pad = nil
            self.image = nil
        }
        // The smallest windows draw fewer neurons of a huge layer: 2.5 px a disc at the least.
        let limit = min(SceneLayout.maximumDrawnNeuronsPerLayer, max(Int(area.height / 2.5), 8))
        drawnNeuronsPerLayer = limit
        let layers = layerSizes.count
        let staggered: Set<Int> = pad != nil && layers > 2 && layerSizes[1] > 12 ? [1] : []
        staggeredLayers = staggered
        let discLayers = pad == nil ? Array(layerSizes.indices) : Array(layerSizes.indices.dropFirst())
        // The height each drawn neuron of layer `l` has in its column.
        func rowHeight(_ l: Int) -> Double { area.height / Double(max(min(layerSizes[l], limit), 1)) }
        let rowRadius = discLayers.map { l -> Double in
            staggered.contains(l) ? rowHeight(l) * Double(SceneLayout.staggerColumns) * 0.4 : rowHeight(l) * 0.32
        }.min()!
        // Tall discs in a narrow window, or class bars and names: the labels beside the first and
        // last columns (the last alone when only the outputs are labelled) may need more than the
        // margin. The network then stops short of the window's edges (or the map) by what they
        // need and 4 px, for discs as large as the rows allow.
        let largest = min(rowRadius, 26)
        // The right edge: the window's, the map's, or, for the first of two side by side, the
        // second's input labels (or its pad); and the room the output labels take before it.
        let inputLabels = largest + 6 + TextSize.normal.estimatedWidth(of: "-0.00")
        let edge =
            secondHalf.map { $0.x - (image != nil ? $0.padBefore : inputLabels) - 4 } ?? mapArea.map { $0.x - 8 } ?? w
        let outputLabels = largest + max(6 + TextSize.normal.estimatedWidth(of: "0.00"), outputLabelRoom) + 4
        // Tiny output discs are labelled where their rows are tall enough and the columns stay
        // far enough apart once the labels have their room.
        let labelsTinyOutputs =
            rowHeight(layers - 1) >= SceneLayout.smallestLabelledOutputRow
            && (edge - outputLabels - (pad?.maxX ?? area.x)) / Double(max(layers - 1, 1))
                >= SceneLayout.smallestColumnGapWithTinyOutputLabels
        if largest >= SceneLayout.smallestLabelledRadius || labelsTinyOutputs {
            if largest >= SceneLayout.smallestLabelledRadius, pad == nil,
                slot.map({ $0.stacked || $0.index == 0 }) ?? true
            {
                let needed = inputLabels + 4
                if area.x < needed { area = Rect(x: needed, y: area.y, width: area.maxX - needed, height: area.height) }
            }
            area.width = min(area.width, edge - outputLabels - area.x)
            area.width = max(area.width, 1)
        }
        padArea = pad
        networkArea = area
        // Columns: every layer evenly across the area, or, with a pad, the layers after the input
        // evenly between the pad and the area's right edge.
        let firstX = pad.map { $0.maxX } ?? area.x
        let columnGap = (area.maxX - firstX) / Double(max(layers - 1, 1))
        func columnX(_ l: Int) -> Double { firstX + columnGap * Double(l) }
        let r = max(min(rowRadius, columnGap * 0.12, 26), 1)
        radius = r
        showsNeuronLabels = r >= SceneLayout.smallestLabelledRadius
        labelsOutputs = showsNeuronLabels || labelsTinyOutputs
        biasLabelLayers = Set(
            discLayers.filter { l in l > 0 && rowHeight(l) - 2 * r >= SceneLayout.biasLabelRoom })
        var centres: [[Point]] = []
        for (l, size) in layerSizes.enumerated() {
            if l == 0, let pad, let image {
                let cell = pad.width / Double(image.width)
                centres.append(
                    (0..<size).map { k in
                        Point(
                            pad.x + (Double(k % image.width) + 0.5) * cell,
                            pad.y + (Double(k / image.width) + 0.5) * cell)
                    })
                continue
            }
            let x = columnX(l)
            let shown = min(size, limit)
            // Rows of equal height, a disc in the middle of each; a staggered layer's discs are
            // taller than a row, so there the first and last discs touch the band's edges and the
            // rows between share what is left, keeping every disc inside the band.
            let row = rowHeight(l)
            let sticksOut = r > row / 2 && shown > 1
            let spacing = sticksOut ? (area.height - 2 * r) / Double(shown - 1) : row
            let firstY = area.y + (sticksOut ? r : row / 2)
            // In huge layers drawn neuron k is index ⌊k·size/shown⌋ (`drawnIndices`); the rounding up
            // maps it back to slot k, and undrawn neurons share the slot of the next drawn one.
            let columns = staggered.contains(l) ? SceneLayout.staggerColumns : 1
            centres.append(
                (0..<size).map { i in
                    let slot = size <= shown ? i : min((i * shown + size - 1) / size, shown - 1)
                    let column = Double(slot % columns) - Double(columns - 1) / 2
                    return Point(
                        x + column * SceneLayout.staggerSpacing * r, firstY + spacing * Double(slot))
                })
        }
        self.centres = centres
        let drawn = layerSizes.enumerated().map { l, size in
            let shown = l == 0 && pad != nil ? size : min(size, limit)
            return size == shown ? Array(0..<size) : (0..<shown).map { $0 * size / shown }
        }
        self.drawn = drawn
        keptSynapsesPerNeuron = (0..<(layers - 1)).map { l in
            let fanIn = drawn[l].count
            return fanIn > SceneLayout.denseFanIn && fanIn * drawn[l + 1].count > SceneLayout.denseSynapseCount
                ? SceneLayout.synapsesPerNeuron : nil
        }
        let kept = keptSynapsesPerNeuron
        drawnSynapseCount = (0..<(layers - 1)).reduce(0) {
            $0 + min(kept[$1] ?? .max, drawn[$1].count) * drawn[$1 + 1].count
        }
        let drawnCentres = centres.indices.flatMap { l in drawn[l].map { centres[l][$0] } }
        let margin = SynapseEncoding.maximumWidth / 2 + 3
        let xs = drawnCentres.map(\.x), ys = drawnCentres.map(\.y)
        synapseBounds = Rect(
            x: xs.min()! - margin, y: ys.min()! - margin,
            width: xs.max()! - xs.min()! + 2 * margin, height: ys.max()! - ys.min()! + 2 * margin)
    }

    /// A rectangle holding every pixel a synapse line can touch: the drawn neuron centres' box,
    /// widened by half the widest line and its soft edge. Computed once (cached layers use it
    /// every frame).
    public let synapseBounds: Rect

    /// Where banners (explain mode's stage, notices) go, just under the top HUD, in a row they
    /// share with the top neurons' labels and the map's: between the input labels (or the pad)
    /// and the last layer's labels (its δ, centred on it, is the widest), left of the map.
    public var bannerSpan: (x: Double, width: Double) {
        let first = centres[0].first?.x ?? 0, last = centres[centres.count - 1].first?.x ?? Double(width)
        let left = padArea?.x ?? first + radius + 50
        let right = min(mapArea.map { $0.x - 8 } ?? Double(width), last - max(radius + 8, 44))
        if right - left > 200 { return (left, right - left) }
        let beforeMap = min(mapArea.map { $0.x - 8 } ?? Double(width), Double(width) - 8)
        return (8, beforeMap - 8)
    }
    /// The centre of `bannerSpan`, where banners are centred.
    public var bannerCentreX: Double { bannerSpan.x + bannerSpan.width / 2 }
    /// How wide a banner may be, centred at `bannerCentreX`.
    public var bannerWidth: Double { bannerSpan.width }

    /// Every area of the window, for the `layout` event and for hit testing.
    public var areas: [SceneArea] {
        [SceneArea(kind: .network, rect: networkArea), SceneArea(kind: .timeline, rect: timelineArea)]
            + (mapArea.map { [SceneArea(kind: .map, rect: $0, ranges: mapRanges)] } ?? [])
            + (padArea.map { [SceneArea(kind: .pad, rect: $0)] } ?? [])
    }

    /// The neurons of `layer` that are drawn: all of them, or an even sample of huge layers (an
    /// image's cells are all drawn, as the pad).
    public func drawnIndices(layer: Int) -> [Int] { drawn[layer] }

    /// Synapses the picture draws: between drawn neurons, the kept ones where layers are dense.
    public let drawnSynapseCount: Int

    /// Whether some layer is too large to draw every neuron (the picture says so on screen).
    public var isThinned: Bool {
        layerSizes.indices.contains { drawn[$0].count < layerSizes[$0] }
    }

    /// What the picture leaves out of dense connection layers, for the screen: "each neuron's
    /// strongest 8 of 144 synapses drawn" (the fan-ins of every thinned layer), or nil.
    public var synapseThinningNote: String? {
        let fanIns = keptSynapsesPerNeuron.indices.compactMap { l in
            keptSynapsesPerNeuron[l].map { _ in drawn[l].count }
        }
        guard !fanIns.isEmpty else { return nil }
        var unique: [Int] = []
        for f in fanIns where !unique.contains(f) { unique.append(f) }
        return "each neuron's strongest \(SceneLayout.synapsesPerNeuron) of "
            + unique.map(String.init).joined(separator: " / ") + " synapses drawn"
    }
}
