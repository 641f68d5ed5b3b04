extension Network {
    /// This network with each linear output's bias set to the mean of its target over `data`:
    /// training then starts from the targets' level and learns their variation, instead of
    /// first pushing every weight towards an offset far from 0 (targets around 1,000 saturated
    /// the hidden layer that way, and it never recovered). Unchanged without biases or when an
    /// output is not linear.
    public func centringLinearOutputs(on data: DataSet) -> Network {
        guard layout.usesBias, activations.last == .linear, data.count > 0,
            data.targetCount == layout.outputCount
        else { return self }
        var centred = self
        let last = layout.layerSizes.count - 2
        for k in 0..<data.targetCount {
            var sum = 0.0
            for row in 0..<data.count { sum += data.targets[row * data.targetCount + k] }
            centred.parameters[layout.biasIndex(layer: last, neuron: k)] = sum / Double(data.count)
        }
        return centred
    }
}
