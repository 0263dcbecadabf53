
/// A FIFO of work shared by several consumer tasks (an `AsyncStream` allows only one).
public final class WorkQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var head = 0
        var waiting: [CheckedContinuation<Element?, Never>] = []
        var finished = false
    }

    private let state = Locked(State())

    /// Creates an empty queue.
    public init() {}

    /// Adds an element; a waiting consumer gets it at once.
    public func send(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<Element?, Never>? in
            if !state.waiting.isEmpty { return state.waiting.removeFirst() }
            state.items.append(element)
            return nil
        }
        waiter?.resume(returning: element)
    }

    /// How many elements wait.
    public var count: Int { state.withLock { $0.items.count - $0.head } }

    /// The next element, or nil once the queue is finished and drained. One already waiting is
    /// taken without suspending (a continuation resumed at once still sends the task through
    /// its executor's queue, to whichever thread comes next).
    public func next() async -> Element? {
        if let ready = state.withLock({ Self.take(from: &$0) }) { return ready }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Element?? in
                if let ready = Self.take(from: &state) { return ready }
                state.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The first element waiting (removed), `.some(nil)` once the queue is finished and
    /// drained, or nil when a consumer has to wait.
    private static func take(from state: inout State) -> Element?? {
        if state.head < state.items.count {
            let element = state.items[state.head]
            state.head += 1
            if state.head > 1024 && state.head * 2 > state.items.count {
                state.items.removeFirst(state.head)
                state.head = 0
            }
            return .some(element)
        }
        return state.finished ? .some(nil) : nil
    }

    /// No more elements will be sent: consumers drain what is left, then get nil.
    public func finish() {
        let waiters = state.withLock { state -> [CheckedContinuation<Element?, Never>] in
            state.finished = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        waiters.forEach { $0.resume(returning: nil) }
    }
}
