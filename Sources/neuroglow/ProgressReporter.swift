import Glibc

/// Progress on standard error: a bar redrawn in place on a terminal, a plain line every 10% otherwise.
struct ProgressReporter {
    let total: Int
    private let isTerminal = isatty(2) != 0
    private var lastShown = -1

    init(total: Int) { self.total = max(total, 1) }

    mutating func update(done: Int, elapsed: Double) {
        let rate = Double(done) / max(elapsed, 1e-9)
        let left = Double(total - done) / max(rate, 1e-9)
        if isTerminal {
            let percent = done * 100 / total
            guard percent != lastShown || done == total else { return }
            lastShown = percent
            let filled = percent * 30 / 100
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
            report(
                "\r[\(bar)] " + String(printf: "%ld/%ld frames  %.0f frames/s  %.0f s left", done, total, rate, left),
                newline: false)
        } else {
            let tenth = done * 10 / total
            guard tenth != lastShown else { return }
            lastShown = tenth
            report(String(printf: "%ld/%ld frames, %.0f frames/s, %.0f s left", done, total, rate, left))
        }
    }

    func finish() { if isTerminal { report("") } }

    private func report(_ text: String, newline: Bool = true) {
        writeToStandardError(text + (newline ? "\n" : ""))
    }
}
