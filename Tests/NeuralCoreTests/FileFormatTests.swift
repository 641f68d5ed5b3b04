import Foundation
import Testing
@testable import NeuralCore

struct CSVDataSetTests {
    func error(_ text: String) -> String {
        do { _ = try CSVDataSet.parse(text, name: "d.csv"); return "no error" } catch { return error.message }
    }

    @Test func readsInputsAndTheLastColumnAsTarget() throws {
        let data = try CSVDataSet.parse("a,b,out\n0,1,1\r\n1,1,0\n\n", name: "d.csv")
        #expect(data.inputNames == ["a", "b"] && data.targetNames == ["out"] && data.count == 2)
        #expect(data.input(1) == [1, 1] && data.target(0) == [1] && !data.isRegression)
    }

    /// Spreadsheets quote cells that hold commas or quotes; the quotes are not part of the value.
    @Test func quotedCellsKeepTheirCommasAndQuotes() throws {
        let text =
            "sepal,\"petal, length\",species\n1,2,\"Iris, setosa\"\n3,4, \"say \"\"hi\"\"\" \n"
            + "5,\"6\",\"Iris, setosa\"\n"
        let data = try CSVDataSet.parse(text, name: "d.csv")
        #expect(data.inputNames == ["sepal", "petal, length"])
        #expect(data.classNames == ["Iris, setosa", "say \"hi\""])
        #expect(data.input(2) == [5, 6] && data.target(2) == [0] && data.target(1) == [1])
        // Inside quotes blanks are kept; outside they are dropped as before.
        #expect(CSVLine.cells(of: " a , \" b \" ,c").cells == ["a", " b ", "c"])
        #expect(CSVLine.cells(of: "a,b\"c,\"\"").cells == ["a", "b\"c", ""])
        #expect(
            error("a,b\n1,\"x\n2,y\n")
                == "d.csv: line 2, column 2: a quoted cell is not closed on its line (a cell cannot span lines)")
    }

    /// Whole numbers are read from their bytes, without making a string: to the very value (sign
    /// of zero included) `Double(String)` reads, and anything else is read by it.
    @Test func cellsAreReadAsDoubleReadsThem() {
        let cells = [
            "0", "7", "-0", "-12", "007", "255", "123456789012345", "-999999999999999", "1234567890123456", "-", "",
            "3.5", "1e3", "+3", "0x10", "inf", "-nan", " 4", "1_0", "٣", "12a", "--1",
        ]
        for cell in cells {
            var text = cell
            let read = text.withUTF8 { CSVColumns.number($0[...]) }
            let expected = Double(cell)
            #expect(
                read?.bitPattern == expected?.bitPattern || (read?.isNaN == true && expected?.isNaN == true), "\(cell)")
        }
    }

    @Test func headerMarksTargetColumns() throws {
        let data = try CSVDataSet.parse("y1,x,target_b\n0.5,2,1\n", name: "d.csv")
        #expect(data.inputNames == ["x"] && data.targetNames == ["y1", "target_b"] && data.isRegression)
        #expect(!CSVDataSet.isTargetName("year"))
    }

    /// `--target` names the targets whatever the header says: a class column in the middle, or
    /// two numbers; a name the file lacks is refused with the columns it has.
    @Test func targetOptionNamesTheTargetColumns() throws {
        let text = "id,diagnosis,radius,y\n1,benign,2.5,0\n2,malignant,3.5,1\n3,benign,1.5,0\n"
        let diagnosis = try CSVDataSet.parse(text, name: "d.csv", targets: ["diagnosis"])
        #expect(diagnosis.inputNames == ["id", "radius", "y"] && diagnosis.classNames == ["benign", "malignant"])
        #expect(diagnosis.targets == [0, 1, 0])
        let two = try CSVDataSet.parse(text, name: "d.csv", categorical: ["diagnosis"], targets: ["radius", "id"])
        #expect(two.targetNames == ["id", "radius"] && two.target(1) == [2, 3.5] && two.isRegression)
        #expect(two.inputNames == ["diagnosis=benign", "diagnosis=malignant", "y"])
        do {
            _ = try CSVDataSet.parse(text, name: "d.csv", targets: ["label"])
            Issue.record("a --target the file lacks was accepted")
        } catch {
            #expect(
                error.message == "--target label: d.csv has no such column; its columns are id, diagnosis, radius, y")
        }
    }

    /// `--ignore` leaves columns out: never an input, never the default target (the last column
    /// left is), its cells not read at all; mistakes name what is wrong.
    @Test func ignoredColumnsAreLeftOut() throws {
        let text = "id,name,size,kind,note\n1,Ann,2.5,a,x\n2,Bob,3.5,b,\n3,Cy,1.5,a,yes\n"
        let data = try CSVDataSet.parse(text, name: "d.csv", ignored: ["id", "name", "note"])
        #expect(data.inputNames == ["size"] && data.classNames == ["a", "b"] && data.targets == [0, 1, 0])
        #expect(data.inputs == [2.5, 3.5, 1.5])
        func message(categorical: [String] = [], targets: [String] = [], ignored: [String]) -> String {
            do {
                _ = try CSVDataSet.parse(
                    text, name: "d.csv", categorical: categorical, targets: targets, ignored: ignored)
                return "no error"
            } catch { return error.message }
        }
        #expect(
            message(ignored: ["age"])
                == "--ignore age: d.csv has no such column; its columns are id, name, size, kind, note")
        #expect(
            message(targets: ["kind"], ignored: ["kind"])
                == "--ignore kind: it is given as --target too; a column is either learnt or ignored")
        #expect(
            message(categorical: ["name"], ignored: ["name", "note"])
                == "--categorical name: that is an ignored column (--ignore); only input columns can be categorical")
        #expect(
            message(ignored: ["id", "name", "size", "note"])
                == "d.csv: line 1: every column is ignored or marked as a target; at least one must be an input")
    }

    @Test func errorsNameLineColumnAndProblem() throws {
        #expect(error("") == "d.csv: the file is empty; expected a header row and data rows")
        #expect(error("a,b\n") == "d.csv: the file has a header but no data rows")
        #expect(error("a,b\n1,2\n3\n") == "d.csv: line 3: expected 2 cells as in the header, found 1")
        #expect(error("a,b\n1,2\n1,x\n3,4\n") == "d.csv: line 3, column 2 (b): 'x' is not a number")
        #expect(
            error("a,b\n1,x\n") == "d.csv: column 2 (b) names one class only ('x'); a class column needs at least two")
        // Names in an input column: the message says which column is the target.
        #expect(
            error("a,b\nred,1\n")
                == "d.csv: line 2, column 1 (a): 'red' is not a number — a is an input column, and inputs are "
                + "numbers; a column of class names must be the target (the last column, unless --target NAME "
                + "or headers named y…, target…, label or class mark others: here b), or declared --categorical a to "
                + "give each value its own input"
        )
        #expect(error("a,b\n1,nan\n") == "d.csv: line 2, column 2 (b): 'nan' is not a finite number")
        #expect(error("a,b\n1,inf\n") == "d.csv: line 2, column 2 (b): 'inf' is not a finite number")
        #expect(error("a,b\n1,\n") == "d.csv: line 2, column 2 (b): an empty cell is not a number")
        #expect(error("a\n1\n").contains("at least two columns"))
        #expect(
            error("a;b;y\n1;2;0\n").hasSuffix("found 1; cells are separated by commas, and this line has semicolons"))
        #expect(
            error("1,2,0\n3,4,1\n")
                == "d.csv: line 1 looks like data, not a header (every cell is a number); the first row must name "
                + "the columns, e.g. x1,x2,y")
        #expect(error("\n0.5,1e3,-2,7,1\n").contains("line 2 looks like data") && error("x,2\n1,2\n") == "no error")
        #expect(
            error("5,0,0,255,0,0\n").hasSuffix(
                "e.g. x1,x2,…,y, or label,x1,x2,… when the first column holds the classes"))
        #expect(error("a,,y\n1,2,3\n") == "d.csv: line 1, column 2: the header has an empty column name")
        // A trailing comma on every line is an empty unnamed column, left out; a value under it is refused.
        let trailing = try CSVDataSet.parse("\"id\",\"b\",\"y\",\n1,2,1,\n2,4,0,\n", name: "d.csv")
        #expect(trailing.inputNames == ["id", "b"] && trailing.targetNames == ["y"] && trailing.targets == [1, 0])
        #expect(
            error("a,b,y,\n1,2,3,\n4,5,6,7\n")
                == "d.csv: line 3, column 4: '7' is under no column name (the header ends with a comma): name that "
                + "column in the header")
        #expect(
            error("a,\n1,\n").hasPrefix("d.csv: line 1: every column is marked as a target")
                && error("a,,\n1,2,3\n") == "d.csv: line 1, column 2: the header has an empty column name")
        #expect(error("a,\u{0}b\n").contains("binary"))
        #expect(
            error("a,b\n" + String(repeating: "1", count: CSVDataSet.maximumLineLength + 1)).contains("longer than"))
    }
}

struct ModelFileTests {
    func error(_ text: String) -> String {
        do { _ = try ModelFile.decode(text, source: "m.json"); return "no error" } catch { return error.message }
    }

    @Test func roundTripsEveryParameter() throws {
        for bias in [false, true] {
            let network = Network(layerSizes: [3, 5, 2], hidden: .tanh, output: .softmax, usesBias: bias, seed: 4)
            var trained = network
            for k in trained.parameters.indices { trained.parameters[k] *= 1.000_000_1 }
            let decoded = try ModelFile.decode(ModelFile.encode(trained))
            #expect(decoded == trained)
        }
    }

    @Test func writesTheDocumentedLayout() throws {
        let network = Network(layerSizes: [2, 1], hidden: .sigmoid, output: .sigmoid, usesBias: false, seed: 1)
        let json = try JSONParser.parse(ModelFile.encode(network))
        #expect(json["format"] == .string("neuroglow-model") && json["version"] == .number(1))
        #expect(json["layers"] == .array([.number(2), .number(1)]) && json["bias"] == .bool(false))
        #expect(
            json["weights"]
                == .array([
                    .array([
                        .array([
                            .number(network.weight(layer: 0, to: 0, from: 0)),
                            .number(network.weight(layer: 0, to: 0, from: 1)),
                        ])
                    ])
                ]))
    }

    @Test func errorsNameTheJSONPath() {
        let good = ModelFile.encode(
            Network(layerSizes: [2, 2, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 1))
        #expect(error("").contains("line 1, column 1"))
        #expect(error(String(good.prefix(40))).contains("truncated"))
        #expect(error("[1,2]") == "m.json: $: expected an object with \"format\": \"neuroglow-model\"")
        #expect(
            error(good.replacingOccurrences(of: "\"layers\":[2,2,1]", with: "\"layers\":[2,0,1]"))
                == "m.json: $.layers[1]: expected a whole number from 1 to 4096")
        #expect(
            error(good.replacingOccurrences(of: "\"layers\":[2,2,1]", with: "\"layers\":[2,3,1]"))
                == "m.json: $.weights[0]: expected 3 rows (one per neuron of layer 1)")
        #expect(
            error(good.replacingOccurrences(of: "\"sigmoid\",\"sigmoid\"", with: "\"sigmoid\",\"softplus\"")).hasPrefix(
                "m.json: $.activations[1]: expected one of"))
        #expect(
            error(good.replacingOccurrences(of: "\"bias\":true", with: "\"bias\":\"yes\""))
                == "m.json: $.bias: expected true or false")
        #expect(
            error(good.replacingOccurrences(of: "\"biases\":[[0,0]", with: "\"biases\":[[0,\"x\"]"))
                == "m.json: $.biases[0][1]: expected a finite number")
        #expect(
            error(good.replacingOccurrences(of: "\"version\":1", with: "\"version\":2")).hasPrefix("m.json: $.version"))
        #expect(error("{\"a\": 1e999}").contains("not a valid finite number"))
    }
}

/// Thousands of random and mutated inputs: the loaders always answer with a value or an
/// `InputError`, never a crash or a hang.
struct LoaderFuzzTests {
    static let seeds: [String] = [
        "a,b,y\n0,1,1\n1,0,1\n",
        ModelFile.encode(Network(layerSizes: [3, 4, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 2)),
    ]
    static let alphabet: [UInt8] = Array("0123456789,.-+eE\n\r\"{}[]:ntrufals \u{0}\u{7f}x".utf8)

    func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + Int(rng.next() % 8)) {
            let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 4 {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))], at: position)
            case 2 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
            default: bytes = Array(bytes.prefix(position))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func loadersNeverCrash() {
        var rng = SeededGenerator(seed: 2026)
        var accepted = 0, rejected = 0
        for round in 0..<4_000 {
            let text: String
            if round % 5 == 0 {
                text = String(
                    decoding: (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                    as: UTF8.self)
            } else {
                text = mutate(Self.seeds[round % 2], &rng)
            }
            do { _ = try CSVDataSet.parse(text, name: "fuzz.csv"); accepted += 1 } catch {
                rejected += 1; #expect(!error.message.isEmpty)
            }
            do { let n = try ModelFile.decode(text, source: "fuzz.json"); #expect(n.isFinite); accepted += 1 } catch {
                rejected += 1; #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 0 && rejected > 0)
        // Deep nesting is refused, not a stack overflow.
        #expect(throws: InputError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }

    /// A target column of names is a class column: classes in order of first appearance.
    @Test func aColumnOfNamesHoldsClasses() throws {
        let three = try CSVDataSet.parse(
            "petal,sepal,species\n1,2,setosa\n3,4,virginica\n5,6,versicolor\n7,8,setosa\n", name: "f.csv")
        #expect(three.classNames == ["setosa", "virginica", "versicolor"] && three.targetNames == three.classNames!)
        #expect(three.target(0) == [1, 0, 0] && three.target(1) == [0, 1, 0] && three.target(3) == [1, 0, 0])
        #expect(!three.isRegression && three.inputNames == ["petal", "sepal"])
        #expect(three.predictedClass([0.1, 0.2, 0.7]) == "versicolor")
        let two = try CSVDataSet.parse("x,diagnosis\n1,benign\n2,malignant\n3,benign\n", name: "b.csv")
        #expect(two.classNames == ["benign", "malignant"] && two.targets == [0, 1, 0])
        #expect(two.targetNames == ["malignant"] && two.predictedClass([0.8]) == "malignant")
        // Splitting keeps the names.
        #expect(three.split(testFraction: 0.5, seed: 1).train.classNames == three.classNames)
    }

    /// MNIST's CSV files put a `label` column of digits first: it is the target, and its whole
    /// numbers are classes in numeric order (digit k is class k), whatever order rows come in.
    @Test func aLabelColumnOfWholeNumbersHoldsClassesInNumericOrder() throws {
        let digits = try CSVDataSet.parse("label,p0,p1\n7,0,255\n2.0,3,4\n07,5,6\n10,1,1\n", name: "m.csv")
        #expect(digits.inputNames == ["p0", "p1"] && digits.classNames == ["2", "7", "10"])
        #expect(digits.target(0) == [0, 1, 0] && digits.target(1) == [1, 0, 0] && digits.target(2) == [0, 1, 0])
        #expect(digits.target(3) == [0, 0, 1] && digits.predictedClass([0.1, 0.2, 0.7]) == "10")
        let binary = try CSVDataSet.parse("x,Class\n1,1\n2,0\n", name: "b.csv")
        #expect(binary.classNames == ["0", "1"] && binary.targets == [1, 0] && binary.targetNames == ["1"])
        // Fractions, or another header, stay numbers; an empty label is the usual error.
        #expect(try CSVDataSet.parse("x,label\n1,0.5\n2,3\n", name: "f.csv").isRegression)
        #expect(try CSVDataSet.parse("x,digit\n1,1\n2,3\n", name: "d.csv").classNames == nil)
        do {
            _ = try CSVDataSet.parse("label,x\n1,2\n,3\n", name: "d.csv")
            Issue.record("an empty label was read")
        } catch { #expect(error.message == "d.csv: line 3, column 1 (label): an empty cell is not a number") }
        #expect(CSVDataSet.isTargetName("LABEL") && !CSVDataSet.isTargetName("labels"))
    }

    /// An input column of categories becomes one 0/1 input per value.
    @Test func categoricalColumnsAreOneHot() throws {
        let text = "size,shape,kind\n1,round,a\n2,square,b\n3,round,a\n"
        let data = try CSVDataSet.parse(text, name: "c.csv", categorical: ["shape"])
        #expect(data.inputNames == ["size", "shape=round", "shape=square"])
        #expect(data.input(0) == [1, 1, 0] && data.input(1) == [2, 0, 1] && data.input(2) == [3, 1, 0])
        func message(_ categorical: [String]) -> String {
            do { _ = try CSVDataSet.parse(text, name: "c.csv", categorical: categorical) } catch {
                return error.message
            }
            return "no error"
        }
        #expect(
            message(["colour"]) == "--categorical colour: c.csv has no such column; its columns are size, shape, kind")
        #expect(message(["kind"]).hasPrefix("--categorical kind: that is the target column"))
        #expect(message([]).hasSuffix("or declared --categorical shape to give each value its own input"))
        // The unnamed column of lines ending with a comma is no column to list.
        do {
            _ = try CSVDataSet.parse("size,shape,kind,\n1,round,a,\n", name: "c.csv", categorical: ["colour"])
            Issue.record("an unknown --categorical column was accepted")
        } catch {
            #expect(
                error.message == "--categorical colour: c.csv has no such column; its columns are size, shape, kind")
        }
    }
}
