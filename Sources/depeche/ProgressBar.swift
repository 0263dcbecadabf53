/// A one-line progress bar on stderr.
struct ProgressBar {
    let total: Int

    func show(done: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        emitError("\r[\(bar)] \(done)/\(total)")
    }

    func finish() { emitError("\n") }
}
