import Testing

@testable import Scene
@testable import Session

/// The help overlay fits every window the live window can have: sized to its text, inside the
/// window, every line inside the panel, and what a small window leaves out counted on screen.
struct HelpPanelTests {
    /// The panel's texts (title first, then each entry's key and action), from a built frame.
    private func panel(_ frame: SceneFrame) throws -> (box: Rect, texts: [DrawCommand]) {
        let start = try #require(
            frame.overlay.firstIndex {
                if case let .text(s, _, _, _, _) = $0 { return s == HelpPanel.title } else { return false }
            })
        guard case let .frame(box, _) = frame.overlay[start - 1] else {
            Issue.record("the help's title follows its frame")
            return (Rect(x: 0, y: 0, width: 0, height: 0), [])
        }
        return (box, Array(frame.overlay[start...]))
    }

    private func string(_ command: DrawCommand) -> String {
        if case let .text(s, _, _, _, _) = command { return s }
        return ""
    }

    @Test(arguments: [(1280, 720), (1920, 1080), (1024, 600), (800, 600), (640, 360), (480, 320), (320, 240)])
    func thePanelAndEveryLineFitTheWindow(width: Int, height: Int) throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        var input = sceneInput(plan, progress, frame: 40, width: width, height: height)
        input.showHelp = true
        let (box, texts) = try panel(SceneBuilder.build(input))
        let window = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
        #expect(window.contains(box), "\(width)x\(height): \(box)")
        let boxes = texts.compactMap(\.estimatedTextBox)
        #expect(boxes.count == texts.count)
        for (text, ink) in zip(texts, boxes) { #expect(box.contains(ink), "\(width)x\(height): \(string(text))") }
        for a in 0..<boxes.count {
            for b in (a + 1)..<boxes.count {
                #expect(!boxes[a].intersects(boxes[b]), "\(width)x\(height): \(string(texts[a])) / \(string(texts[b]))")
            }
        }
        // Every entry is there, or the last line counts those left out.
        let entries = HelpPanel.entries(drawing: false, widths: input.weightScaleMode)
        let keys = stride(from: 1, to: texts.count, by: 2).map { string(texts[$0]) }
        if keys.last == "…" {
            let left = try #require(Int(string(texts.last!).prefix { $0.isNumber }))
            #expect(keys.count - 1 + left == entries.count, "\(width)x\(height)")
            #expect(width * height < 1280 * 720)
        } else {
            #expect(keys == entries.map(\.keys), "\(width)x\(height)")
        }
    }

    @Test func aLargeWindowShowsEveryActionWhole() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        var input = sceneInput(plan, progress, frame: 40)
        input.showHelp = true
        let (_, texts) = try panel(SceneBuilder.build(input))
        let actions = stride(from: 2, to: texts.count, by: 2).map { string(texts[$0]) }
        #expect(actions == HelpPanel.entries(drawing: false, widths: .session).map(\.action))
        #expect(actions.contains("line widths: now against the session's strongest weight"))
    }

    @Test func aDrawingPadBringsItsOwnKeys() throws {
        let (plan, progress) = try finishedSession(iterations: 2, keyframes: 4) { model, _ in
            model.dataSet = "digits"
            model.digitGlyphs = TextOverlapTests.standInDigits
        }
        var input = sceneInput(plan, progress, frame: 10)
        input.layout = SceneLayout(plan: plan, width: 1280, height: 720)
        input.showHelp = true
        let keys = try panel(SceneBuilder.build(input)).texts.map(string)
        #expect(keys.contains("drag on the image") && keys.contains("C"))
        #expect(!keys.contains("click an input neuron"))
    }

    @Test func theLiveOnlyMarksKeepOffThePanel() throws {
        let (plan, progress) = try finishedSession(iterations: 2_000, keyframes: 12)
        for (width, height) in [(1280, 720), (640, 360)] {
            var input = sceneInput(plan, progress, frame: 40, width: width, height: height)
            input.showHelp = true
            input.showFPS = true
            input.framesPerSecond = 60
            input.recordedFrames = 12
            let frame = SceneBuilder.build(input)
            let (box, _) = try panel(frame)
            // (A panel covering a small window leaves no room for them.)
            #expect(width < 1280 || !frame.liveOnly.isEmpty)
            let inside = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
            for mark in frame.liveOnly {
                if case let .line(from, to, _, _, _) = mark {
                    // A line cut at the panel's edge ends on it.
                    let middle = Point((from.x + to.x) / 2, (from.y + to.y) / 2)
                    #expect(![from, middle, to].contains { inside.contains($0) }, "\(width)x\(height): \(mark)")
                } else {
                    let bounds = try #require(mark.bounds)
                    #expect(!bounds.intersects(box), "\(width)x\(height): \(mark)")
                }
            }
        }
    }
}
