import Foundation

extension Process {
    /// Waits for the process to exit without holding one of the cooperative pool's threads
    /// (`waitUntilExit()` would, and the other tests of the run need them).
    func exited() async {
        while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }
}
