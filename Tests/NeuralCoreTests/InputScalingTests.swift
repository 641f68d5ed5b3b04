import Testing

@testable import NeuralCore

/// Standardising a CSV's inputs: statistics, constant columns, and the model file carrying them.
struct InputScalingTests {
    @Test func standardisesWithTheGivenPartsStatistics() throws {
        let data = try CSVDataSet.parse("a,b,c,y\n1,100,5,0\n3,300,5,1\n5,500,5,0\n7,700,5,1\n", name: "s.csv")
        let (train, _) = data.split(testFraction: 0.5, seed: 1)
        let scaling = InputScaling(standardizing: train)
        // The training part's own mean and population deviation, not the whole file's.
        let column = (0..<train.count).map { train.input($0)[0] }
        let mean = column.reduce(0, +) / Double(column.count)
        #expect(abs(scaling.means[0] - mean) < 1e-12)
        let scaled = scaling.apply(to: train)
        for c in 0..<2 {
            let values = (0..<scaled.count).map { scaled.input($0)[c] }
            let m = values.reduce(0, +) / Double(values.count)
            let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
            #expect(abs(m) < 1e-12 && abs(v - 1) < 1e-12, "column \(c): mean \(m), variance \(v)")
        }
        // A constant column is centred and left unscaled: 0 for the network, and named.
        #expect(scaling.deviations[2] == 1 && scaled.input(0)[2] == 0)
        #expect(scaling.constantColumns(of: train) == [2])
        // Raw → scaled → raw.
        let raw = [4.0, 250, 5]
        let back = scaling.invert(scaling.apply(raw))
        #expect(zip(back, raw).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func aModelFileCarriesItsScaling() throws {
        let network = Network(layerSizes: [2, 3, 1], hidden: .tanh, output: .sigmoid, usesBias: true, seed: 2)
        let scaling = InputScaling(means: [0.5, 1200], deviations: [0.25, 700])
        let text = ModelFile.encode(network, inputScaling: scaling)
        #expect(try ModelFile.inputScaling(in: text) == scaling)
        #expect(try ModelFile.decode(text) == network)
        #expect(try ModelFile.inputScaling(in: ModelFile.encode(network)) == nil)
        let broken = text.replacingOccurrences(of: "\"std\":[0.25,700]", with: "\"std\":[0.25,0]")
        do {
            _ = try ModelFile.inputScaling(in: broken, source: "m.json")
            Issue.record("a zero deviation was accepted")
        } catch {
            #expect(error.message == "m.json: $.input_scaling.std[1]: expected a number greater than 0")
        }
    }
}
