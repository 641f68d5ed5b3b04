import NeuralCore
import Playback
@testable import Scene
@testable import Session
@_exported import TestSupport

extension SceneFrame {
    var directLines: [DrawCommand] {
        if case let .direct(commands) = synapses { return commands }
        return []
    }
}
