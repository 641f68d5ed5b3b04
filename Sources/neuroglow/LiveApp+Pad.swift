import Scene
import SDLPlatform
import Session

/// Painting on the drawing pad (image data): the left button paints, the right erases, C clears;
/// the drawing is the user's input from the first touch, and Backspace returns to the examples.
extension LiveApp {
    /// The brush for `plan`'s pad, if its inputs are an image: blank and ink are the smallest and
    /// largest input value the network saw in training (0 and 1 for `digits` and scaled CSV images).
    /// Found once: the training inputs are hundreds of thousands of values.
    static func brush(for plan: SessionPlan) -> PadBrush? {
        guard let image = plan.dataSet.imageShape else { return nil }
        let values = plan.dataSet.inputs
        let blank = values.min() ?? 0
        return PadBrush(image: image, blank: blank, ink: max(values.max() ?? 1, blank + 1e-9))
    }

    /// A press on the pad starts a stroke there (true), else false. Painting on no drawing yet
    /// starts from a blank pad; erasing starts from what the network is thinking about, so a
    /// training example's strokes can be taken away.
    func beginPainting(at point: Point, erase: Bool) -> Bool {
        // Either compared network's pad: both think about the one drawing.
        guard let brush = padBrush,
            let (network, cell) = presenter.layouts.enumerated().lazy.compactMap({ n, layout in
                layout.padPosition(at: point).map { (n, $0) }
            }).first
        else { return false }
        var values = interaction.userInput ?? (erase ? sceneInput().thoughtInputs : brush.emptyPad)
        brush.stroke(&values, from: cell, to: cell, erase: erase)
        interaction.userInput = values
        interaction.painting = Interaction.Stroke(erase: erase, network: network, last: cell)
        announceUserInput(neuron: nil, source: .pad)
        return true
    }

    /// Follows a stroke through every position the pointer passed this frame; one `input` event
    /// per frame that changed the drawing. The stroke ends when its button is let go; leaving
    /// the pad lifts the brush until the pointer comes back.
    func followPainting(_ input: InputEvents) {
        guard var stroke = interaction.painting, let brush = padBrush, var values = interaction.userInput else {
            return
        }
        var changed = false
        let layout = presenter.layouts[min(stroke.network, presenter.layouts.count - 1)]
        for motion in input.buttonMotions where motion.right == stroke.erase {
            guard let cell = layout.padPosition(at: Point(motion.x, motion.y)) else {
                stroke.last = nil
                continue
            }
            if brush.stroke(&values, from: stroke.last ?? cell, to: cell, erase: stroke.erase) { changed = true }
            stroke.last = cell
        }
        interaction.painting = (stroke.erase ? input.rightButtonHeld : input.leftButtonHeld) ? stroke : nil
        if changed {
            interaction.userInput = values
            announceUserInput(neuron: nil, source: .pad)
        }
    }

    /// C: a blank pad, which the network then thinks about.
    func clearPad() {
        guard let brush = padBrush else { return }
        interaction.userInput = brush.emptyPad
        announceUserInput(neuron: nil, source: .pad)
    }
}
