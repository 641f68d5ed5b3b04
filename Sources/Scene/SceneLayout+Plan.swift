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
        self.init(
            layerSizes: plan.initialNetwork.layout.layerSizes, width: width, height: height, mapRanges: ranges,
            image: data.imageShape, slot: slot)
    }
}
