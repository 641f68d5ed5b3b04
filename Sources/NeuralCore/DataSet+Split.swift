/// A data set's training and test parts.
extension DataSet {
    /// The examples at `indices`, in that order, as a set of their own (same names and kind).
    public func subset(_ indices: [Int], name: String? = nil) -> DataSet {
        DataSet(
            name: name ?? self.name, inputNames: inputNames, targetNames: targetNames,
            inputs: indices.flatMap { input($0) }, targets: indices.flatMap { target($0) },
            defaultsToNoBias: defaultsToNoBias, isRegression: isRegression, classNames: classNames,
            imageShape: imageShape)
    }

    /// The class of example `e`: with one target, its side of 0.5; with several, the largest.
    /// (Regression sets have one class.)
    func classIndex(_ e: Int) -> Int {
        if isRegression { return 0 }
        let t = target(e)
        if t.count == 1 { return t[0] >= 0.5 ? 1 : 0 }
        return t.indices.max { t[$0] < t[$1] } ?? 0
    }

    /// The most examples of one class that come one after another in the set's order (0 for a
    /// regression set, which has no classes).
    public var longestClassRun: Int {
        guard !isRegression, count > 0 else { return 0 }
        var longest = 1, run = 1
        for e in 1..<count {
            run = classIndex(e) == classIndex(e - 1) ? run + 1 : 1
            longest = max(longest, run)
        }
        return longest
    }

    /// Splits off `fraction` of the examples as a test part, chosen by a generator seeded with
    /// `seed`, stratified by class (each class gives the same share, rounded). Both parts keep
    /// the set's order. A fraction of 0 gives every example to training and an empty test part
    /// (nil); the training part always keeps at least one example.
    public func split(testFraction fraction: Double, seed: UInt64) -> (train: DataSet, test: DataSet?) {
        precondition(fraction >= 0 && fraction < 1)
        guard fraction > 0, count > 1 else { return (self, nil) }
        var rng = SeededGenerator(seed: seed ^ 0x7E57)
        var byClass: [Int: [Int]] = [:]
        for e in 0..<count { byClass[classIndex(e), default: []].append(e) }
        var test = Set<Int>()
        for key in byClass.keys.sorted() {
            var members = byClass[key]!
            rng.shuffle(&members)
            let taken = Int((Double(members.count) * fraction).rounded())
            test.formUnion(members.prefix(min(taken, members.count - 1)))
        }
        guard !test.isEmpty else { return (self, nil) }
        let train = (0..<count).filter { !test.contains($0) }, testPart = (0..<count).filter { test.contains($0) }
        return (subset(train), subset(testPart, name: name + " (test)"))
    }
}
