import Testing

import NeuralCore

/// The weights' share of an example step's arithmetic, counted by hand against the kernels.
struct WeightArithmeticTests {
    /// 2-3-1 with biases: 9 weights (6 into the hidden layer, 3 above it), 4 biases, 13 parameters.
    let layout = NetworkLayout(layerSizes: [2, 3, 1], usesBias: true)

    @Test func aStepTakenAtOnceCountsThreeOperationsAWeight() {
        // forward 2·9, δs sent back 2·3, step 3·9 + 2·4.
        let count = Trainer.weightArithmeticPerExample(layout: layout, options: TrainingOptions())
        #expect(count == 18 + 6 + 27 + 8)
    }

    @Test func aSummedGradientSharesEachParameterStepAcrossTheBatch() {
        // forward 2·9, δs sent back 2·3, sums 2·9 + 4, and 4 operations for each of 13 parameters per 2 examples.
        let batch = Trainer.weightArithmeticPerExample(layout: layout, options: TrainingOptions(batchSize: 2))
        #expect(batch == 18 + 6 + 18 + 4 + 26)
        // Momentum sums the gradient even one example at a time.
        let momentum = Trainer.weightArithmeticPerExample(layout: layout, options: TrainingOptions(momentum: 0.9))
        #expect(momentum == 18 + 6 + 18 + 4 + 52)
    }

    @Test func theDefaultSessionHasNoBiases() {
        let plain = NetworkLayout(layerSizes: [3, 4, 1], usesBias: false)
        // 16 weights, 4 of them above the first layer.
        #expect(Trainer.weightArithmeticPerExample(layout: plain, options: TrainingOptions()) == 32 + 8 + 48)
    }
}
