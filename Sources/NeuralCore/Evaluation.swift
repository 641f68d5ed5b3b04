/// How well a network does on a data set, beyond its loss.
extension Network {
    /// The fraction of examples classified right (0…1): with one output, output and target on the
    /// same side of 0.5; with several, the largest output where the target is largest.
    public func accuracy(on dataSet: DataSet) -> Double {
        guard dataSet.count > 0 else { return 0 }
        let n = layout.outputCount
        var right = 0
        dataSet.targets.withUnsafeBufferPointer { targets in
            forEachOutput(on: dataSet) { e, outputs in
                let target = targets.baseAddress! + e * n
                if n == 1 {
                    if (outputs[0] >= 0.5) == (target[0] >= 0.5) { right += 1 }
                } else if Self.firstLargest(outputs, count: n) == Self.firstLargest(target, count: n) {
                    right += 1
                }
            }
        }
        return Double(right) / Double(dataSet.count)
    }

    /// The index of the first of the largest of `count` values (a later value replaces the
    /// choice only when it compares greater, as `max(by:)` chooses).
    private static func firstLargest(_ values: UnsafePointer<Double>, count: Int) -> Int {
        var best = 0
        for k in 1..<count where values[best] < values[k] { best = k }
        return best
    }

    /// The coefficient of determination over every output: 1 − Σ(y − o)² / Σ(y − ȳ)², 1 for a
    /// perfect fit, 0 for predicting the mean (a constant target counts as fitted when matched).
    public func rSquared(on dataSet: DataSet) -> Double {
        guard dataSet.count > 0 else { return 0 }
        let n = dataSet.targetCount
        var outputs = [Double](repeating: 0, count: dataSet.count * n)
        forEachOutput(on: dataSet) { e, output in
            for k in 0..<n { outputs[e * n + k] = output[k] }
        }
        var residual = 0.0, spread = 0.0
        for k in 0..<n {
            let mean = (0..<dataSet.count).reduce(0.0) { $0 + dataSet.targets[$1 * n + k] } / Double(dataSet.count)
            for e in 0..<dataSet.count {
                let y = dataSet.targets[e * n + k], o = outputs[e * n + k]
                residual += (y - o) * (y - o)
                spread += (y - mean) * (y - mean)
            }
        }
        return spread > 0 ? 1 - residual / spread : (residual == 0 ? 1 : 0)
    }
}
