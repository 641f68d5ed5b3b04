import NeuralCore

extension DataSet {
    /// A note for a file whose rows come sorted by class (a run of one class at least 20 rows
    /// long and a tenth of the set, as iris files come): trained in order one example at a time,
    /// every pass ends on a run of one class, which can make the loss climb at first. Nil for
    /// mixed rows and for regression.
    var sortedByClassNote: String? {
        let run = longestClassRun
        guard run >= 20, run * 10 >= count else { return nil }
        return "the rows come sorted by class (up to \(run) of one class in a row): trained in that order, each "
            + "pass ends on a run of one class, which can make the loss climb at first; --shuffle mixes them "
            + "every pass"
    }
}
