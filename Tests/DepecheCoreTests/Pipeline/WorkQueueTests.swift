import Testing
@testable import DepecheCore

@Suite struct WorkQueueTests {
    @Test func everyElementGoesToExactlyOneConsumer() async {
        let queue = WorkQueue<Int>()
        let consumers = 4
        async let collected: [Int] = withTaskGroup(of: [Int].self) { group in
            for _ in 0..<consumers {
                group.addTask {
                    var mine: [Int] = []
                    while let element = await queue.next() { mine.append(element) }
                    return mine
                }
            }
            var all: [Int] = []
            for await part in group { all += part }
            return all
        }
        for element in 0..<5000 { queue.send(element) }
        queue.finish()
        #expect(await collected.sorted() == Array(0..<5000))
    }

    @Test func finishWakesWaitingConsumers() async {
        let queue = WorkQueue<Int>()
        async let element = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        queue.finish()
        #expect(await element == nil)
    }
}
