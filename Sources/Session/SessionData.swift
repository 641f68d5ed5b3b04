import NeuralCore

/// What a session's data options make, before any network: the training and test parts with
/// their inputs scaled, the scaling, what to tell the user about the data, and the data set's
/// defaults. `--compare` builds it once for both networks (the options it is made from are the
/// ones a comparison cannot change), so a CSV file is read once and both plans share its arrays.
struct SessionData {
    let dataSet: DataSet
    let testSet: DataSet?
    let inputScaling: InputScaling?
    /// Notes on the data whatever the model: constant columns, whole numbers as targets, inputs
    /// that would make a square image.
    let notes: [String]
    /// The note that the rows come sorted by class, for a session that does not shuffle them.
    let sortedByClassNote: String?
    let defaults: DataSetDefaults
    /// The text of the `--load` model file, read once for its scaling here and its network later.
    let loadedText: String?

    /// Loads and prepares the data `model` names (built-in name or CSV path, `--image`,
    /// `--noise`, the test part, `--load`'s or the training part's scaling).
    init(model: ModelOptions) throws(InputError) {
        var whole = try SessionPlan.loadDataSet(
            model.dataSet, seed: model.seed, noise: model.noise, categorical: model.categorical,
            targets: model.targets, ignored: model.ignored, digitGlyphs: model.digitGlyphs)
        let isBuiltIn = BuiltInDataSets.isBuiltIn(model.dataSet)
        if let image = model.imageShape {
            guard !isBuiltIn else {
                throw InputError(
                    "--image \(image.width)x\(image.height): only a CSV file's inputs can be declared an image")
            }
            whole = try whole.withImageShape(image)
        }
        if model.noise > 0 && !BuiltInDataSets.planeNames.contains(model.dataSet) {
            throw InputError(
                "--noise \(model.noise): only the 2-D sets take noise "
                    + "(\(BuiltInDataSets.planeNames.sorted().joined(separator: ", ")))")
        }
        let (rawTrain, rawTest) = whole.split(
            testFraction: model.resolvedTestFraction(for: model.dataSet), seed: model.seed)
        // CSV inputs are standardised with the training part's statistics (a loaded model brings
        // the scaling it was trained with); the built-in sets are already in small ranges.
        var scaling: InputScaling? = nil
        var notes: [String] = []
        loadedText = try model.loadPath.map { path throws(InputError) in
            try SessionPlan.readText(path, option: "--load")
        }
        if let path = model.loadPath, let text = loadedText {
            scaling = try ModelFile.inputScaling(in: text, source: "--load \(path)")
        } else if model.standardize && rawTrain.imageShape != nil && !isBuiltIn {
            scaling = InputScaling(imageRangeOf: rawTrain)
        } else if model.standardize && !isBuiltIn {
            let computed = InputScaling(standardizing: rawTrain)
            scaling = computed
            if let note = rawTrain.constantColumnsNote(computed.constantColumns(of: rawTrain)) { notes.append(note) }
        }
        if !isBuiltIn, let note = whole.wholeNumberTargetsNote { notes.append(note) }
        if !isBuiltIn, let note = whole.squareImageNote { notes.append(note) }
        sortedByClassNote = isBuiltIn ? nil : rawTrain.sortedByClassNote
        self.notes = notes
        inputScaling = scaling
        dataSet = scaling.map { $0.apply(to: rawTrain) } ?? rawTrain
        testSet = rawTest.map { test in scaling.map { $0.apply(to: test) } ?? test }
        defaults = isBuiltIn ? DataSetDefaults.named(model.dataSet) : DataSetDefaults.sized(to: rawTrain)
    }
}
