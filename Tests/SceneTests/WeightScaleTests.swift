import NeuralCore
import Playback
import Testing
import TestSupport

@testable import Scene
@testable import Session

/// Widths on the session's scale: weights visibly grow, and the scale never jumps.
struct WeightScaleTests {
    func widths(_ input: SceneInput) -> [Double] {
        SceneBuilder.build(input).directLines.compactMap { command in
            if case let .line(_, _, width, _, _) = command { return width }
            return nil
        }
    }

    @Test func theUntrainedNetworkIsThinnerThanTheTrainedOne() throws {
        let (plan, progress) = try finishedSession()
        #expect(!progress.isWeightScaleProvisional)
        let scales = progress.keyframeWeightScales
        #expect(scales.count == 120 && Set(scales).count == 1, "one scale for a session trained in two passes")
        #expect(scales[0] >= progress.keyframes.map(\.largestWeightMagnitude).max()!)
        let first = sceneInput(plan, progress, frame: 0)
        let untrained = widths(first)
        let trained = widths(sceneInput(plan, progress, frame: plan.timeline.frameCount - 1))
        #expect(untrained.max()! < 0.25 * trained.max()!, "untrained \(untrained.max()!), trained \(trained.max()!)")
        let widest = SynapseEncoding.width(weight: 1, scale: 1, radius: first.layout.radius)
        #expect(trained.max()! > 0.95 * widest && trained.max()! <= widest)
        // On each picture's own scale both show a line of full width.
        var perFrame = sceneInput(plan, progress, frame: 0)
        perFrame.weightScaleMode = .frame
        #expect(abs(widths(perFrame).max()! - trained.max()!) < 1e-9)
    }

    @Test func anOnlineScaleGrowsSmoothly() throws {
        let (plan, progress) = try finishedSession(iterations: 3_000, keyframes: 30) { model, _ in
            model.dataSet = "circle"; model.layers = [2, 16, 16, 1]; model.learningRate = 0.1
        }
        #expect(plan.decidesKeyframesOnline)
        let scales = progress.keyframeWeightScales
        #expect(scales.count == 30 && zip(scales, scales.dropFirst()).allSatisfy { $0 <= $1 })
        for (k, network) in progress.keyframes.enumerated() { #expect(network.largestWeightMagnitude <= scales[k]) }
        // Frame by frame the scale moves by at most its change between neighbouring keyframes,
        // spread over the ease: never in a jump.
        var previous = scales[0]
        for frame in 0..<plan.timeline.frameCount {
            let input = sceneInput(plan, progress, frame: frame)
            let scale = input.weightScale(for: input.displayedNetwork)
            let k = min(input.state.keyframe, scales.count - 1)
            // This beat's ease, or the end of the last one's.
            let step = max(k + 1 < scales.count ? scales[k + 1] - scales[k] : 0, k > 0 ? scales[k] - scales[k - 1] : 0)
            #expect(scale >= previous && scale - previous <= max(step, 1e-12) * 0.5, "frame \(frame)")
            previous = scale
        }
        #expect(previous == scales.last!)
    }

    @Test func anUnknownScaleDrawsHairlines() {
        #expect(SynapseEncoding.width(weight: 5, scale: .infinity, radius: 20) == SynapseEncoding.hairline)
        #expect(SynapseEncoding.width(weight: 5, scale: 2.5, radius: 20) == 9)
        #expect(SynapseEncoding.width(weight: -1.25, scale: 2.5, radius: 20) == 4.5)
    }
}
