import NeuralCore
import Session

extension SceneLayout {
    /// The layout a session's picture gets: with a decision map when the data has two inputs,
    /// spanning the built-in 2-D sets' square (their points lie in −1…1) or the data's own
    /// ranges, test part included; with the drawing pad when the inputs are an image.
    public init(plan: SessionPlan, width: Int, height: Int, slot: ComparisonSlot? = nil) {
        let data = plan.dataSet
        var ranges: MapRanges? = nil
        if data.inputCount == 2 {
            if BuiltInDataSets.planeNames.contains(plan.model.dataSet) {
                ranges = MapRanges(x: -1.1...1.1, y: -1.1...1.1)
            } else {
                let all =
                    plan.testSet.map { test in
                        zip(data.inputRanges, test.inputRanges).map {
                            min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound)
                        }
                    } ?? data.inputRanges
                ranges = MapRanges(around: all)
            }
        }
        // Named classes beside a map: their labels also keep clear of the map's y ticks.
        var labelRoom = Self.outputLabelRoom(classNames: data.classNames, outputs: data.targetCount)
        if let ranges, labelRoom > 0 {
            let ticks = [ranges.y.lowerBound, (ranges.y.lowerBound + ranges.y.upperBound) / 2, ranges.y.upperBound]
            let texts = ticks.map { MapPainter.tick(plan.inputScaling?.invert($0, input: 1) ?? $0) }
            labelRoom += 4 + texts.map { TextSize.small.estimatedWidth(of: $0) }.max()!
        }
        self.init(
            layerSizes: plan.initialNetwork.layout.layerSizes, width: width, height: height, mapRanges: ranges,
            image: data.imageShape, slot: slot, outputLabelRoom: labelRoom)
    }

    /// How far past its disc's rim an output's widest label reaches, as `ThinkingPainter` writes
    /// them: three or more outputs get a bar (66 px) with their class's name after the value, in
    /// large text for the predicted one; two classes are named "b (vs a)" under the value, small,
    /// as are more classes on fewer than three outputs. No names: 0 (values fit the margin).
    static func outputLabelRoom(classNames: [String]?, outputs: Int) -> Double {
        guard let classNames, !classNames.isEmpty else { return 0 }
        if classNames.count == 2 {
            return 6 + TextSize.small.estimatedWidth(of: "\(classNames[1]) (vs \(classNames[0]))")
        }
        let longest = { (size: TextSize) in classNames.map { size.estimatedWidth(of: $0) }.max()! }
        return outputs > 2 ? max(66, 46 + longest(.large)) : 6 + longest(.small)
    }
}
