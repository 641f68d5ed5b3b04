import NeuralCore
import Testing

@testable import Session

/// A shown session keeps every keyframe's weights; one that would keep more than the limit is
/// refused before it starts, saying how many keyframes would fit.
struct KeptWeightsTests {
    private func plan(_ layers: [Int], keyframes: Int = 120, iterations: Int = 60_000) throws -> SessionPlan {
        var model = ModelOptions()
        model.layers = layers
        model.iterations = iterations
        var schedule = ScheduleOptions()
        schedule.keyframes = keyframes
        return try SessionPlan.make(model: model, schedule: schedule)
    }

    @Test func everydaySessionsKeepLittle() throws {
        let video = try plan([3, 4, 1])
        #expect(KeptWeights.bytes([video]) == 16 * 8 * 120)
        try KeptWeights.check([video])
        let wide = try plan([3, 1024, 1024, 1])
        try KeptWeights.check([wide, wide])
    }

    @Test func aSessionTooLargeToKeepIsRefusedWithTheKeyframesThatFit() throws {
        let huge = try plan([3, 4096, 4096, 1])
        #expect(KeptWeights.bytes([huge]) > KeptWeights.limit)
        #expect {
            try KeptWeights.check([huge])
        } throws: { error in
            let message = (error as? InputError)?.message ?? ""
            return message.contains("3-4096-4096-1 (16.8 M weights)") && message.contains("120 keyframes")
                && message.contains("--keyframes 29 or fewer")
        }
        try KeptWeights.check([try plan([3, 4096, 4096, 1], keyframes: 29)])
        #expect(throws: InputError.self) { try KeptWeights.check([try plan([3, 4096, 4096, 1], keyframes: 30)]) }
        // Fewer iterations than keyframes: only the keyframes the session can show are kept.
        try KeptWeights.check([try plan([3, 4096, 4096, 1], iterations: 20)])
    }
}
