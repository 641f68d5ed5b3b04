import Scene

/// Large networks' synapse layers drawn into render-target textures and kept for the frames that
/// show them (`SynapseDrawing.cached`): a frame then copies a layer instead of drawing its
/// thousands of lines. The least recently used layer goes first; a pinned one stays.
///
/// A layer is drawn whole when a frame needs it and it is missing, or a slice of its commands a
/// frame: ahead of the ease that will need it (`drawAhead`), or, in a live window, while it is
/// shown missing (`continueDrawing`). The cache keeps textures and bookkeeping; the drawing is
/// the renderer's, passed in as a `Painting`.
final class SynapseLayerCache {
    /// Draws commands into a texture (cleared first when asked), as the renderer draws a frame.
    typealias Painting = (_ into: Texture, _ commands: ArraySlice<DrawCommand>, _ clear: Bool) -> Void

    private let canvas: Canvas
    /// Least recently used first.
    private var entries: [(key: String, texture: Texture, pinned: Bool)] = []
    /// A layer being drawn a slice of its commands at a time, into a texture of its own.
    private var pending: (layer: SynapseLayer, texture: Texture, commands: [DrawCommand], next: Int)?
    /// The size of every layer's texture: the canvas's rounded up to `targetSizeStep`, never
    /// shrinking. SDL's OpenGL renderer keeps a framebuffer object for each render-target size it
    /// has seen, and each keeps the last texture of its size alive after SDL_DestroyTexture: one
    /// texture size that rarely changes keeps that to a few textures, where following the window
    /// leaked one for every size a resize passed through.
    private var targetSize = (width: 0, height: 0)
    static let targetSizeStep = 256
    /// Frames kept free at the end of drawing ahead: the live clock may skip a frame or two, and
    /// the layer must be whole when its ease begins.
    static let framesOfSlack = 2
    /// Unpinned layers kept: the shown one, the one it eases into, and the last one drawn ahead
    /// (the one being drawn ahead has a texture of its own until it is whole).
    static let capacity = 3

    /// How many layers were drawn whole into the cache, ahead or on demand (tests, bench).
    private(set) var layersDrawn = 0

    init(canvas: Canvas) { self.canvas = canvas }

    func contains(_ layer: SynapseLayer) -> Bool { entries.contains { $0.key == layer.key } }

    /// `layer`'s commands while it is the one being drawn a slice at a time, else nil.
    func commandsInProgress(of layer: SynapseLayer) -> [DrawCommand]? {
        pending.flatMap { $0.layer.key == layer.key ? $0.commands : nil }
    }

    /// The layer's texture, finishing or drawing it whole when it is missing (and marking it the
    /// most recently used); nil if the renderer cannot draw into textures.
    func texture(for layer: SynapseLayer, paint: Painting) -> Texture? {
        if let hit = entries.firstIndex(where: { $0.key == layer.key }) {
            let entry = entries.remove(at: hit)
            entries.append(entry)
            return entry.texture
        }
        if pending?.layer.key == layer.key {
            finishPending(commandsPerFrame: Int.max, paint: paint)
            return texture(for: layer, paint: paint)
        }
        guard let texture = freshTarget() else { return nil }
        paint(texture, layer.commands[...], true)
        layersDrawn += 1
        remember(layer, texture)
        return texture
    }

    /// Draws the next `commandsPerFrame` commands of `layer`, starting it if it is not the one
    /// being drawn (a layer drawn ahead is set aside; it starts again later).
    func continueDrawing(_ layer: SynapseLayer, commandsPerFrame: Int, paint: Painting) {
        guard startPending(layer, paint: paint) else { return }
        finishPending(commandsPerFrame: commandsPerFrame, paint: paint)
    }

    /// Draws a slice of `layer` so its ease starts without a long frame: what is left, spread
    /// evenly over the frames left before the ease (less some slack).
    func drawAhead(_ layer: SynapseLayer, framesLeft: Int, paint: Painting) {
        if contains(layer) { return }
        guard startPending(layer, paint: paint), let job = pending else { return }
        let frames = max(framesLeft - Self.framesOfSlack, 1)
        finishPending(commandsPerFrame: (job.commands.count - job.next + frames - 1) / frames, paint: paint)
    }

    /// Makes `layer` the one being drawn into a spare texture, unless it already is; false when
    /// the renderer cannot draw into textures.
    private func startPending(_ layer: SynapseLayer, paint: Painting) -> Bool {
        if pending?.layer.key == layer.key { return true }
        guard let texture = freshTarget() else { return false }
        pending = (layer, texture, layer.commands, 0)
        paint(texture, [], true)
        return true
    }

    private func finishPending(commandsPerFrame: Int, paint: Painting) {
        guard var job = pending else { return }
        let end = job.next + min(job.commands.count - job.next, max(commandsPerFrame, 1))  // no overflow for Int.max
        paint(job.texture, job.commands[job.next..<end], false)
        job.next = end
        if end == job.commands.count {
            pending = nil
            layersDrawn += 1
            remember(job.layer, job.texture)
        } else {
            pending = job
        }
    }

    /// A target texture of `targetSize`, grown to hold the canvas if needed: the least recently
    /// used unpinned entry's, or a new one. Entries of an outgrown size are dropped.
    private func freshTarget() -> Texture? {
        func roundedUp(_ n: Int) -> Int { (n + Self.targetSizeStep - 1) / Self.targetSizeStep * Self.targetSizeStep }
        targetSize = (max(targetSize.width, roundedUp(canvas.width)), max(targetSize.height, roundedUp(canvas.height)))
        entries.removeAll { $0.texture.width != targetSize.width || $0.texture.height != targetSize.height }
        let unpinned = entries.indices.filter { !entries[$0].pinned }
        if unpinned.count >= Self.capacity { return entries.remove(at: unpinned[0]).texture }
        return try? Texture(renderTargetFor: canvas.renderer, width: targetSize.width, height: targetSize.height)
    }

    private func remember(_ layer: SynapseLayer, _ texture: Texture) {
        // One pinned layer at a time: a new one (another palette or size) replaces the old.
        if layer.isPinned { entries.removeAll { $0.pinned } }
        entries.append((layer.key, texture, layer.isPinned))
    }
}
