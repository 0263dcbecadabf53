import Testing

@testable import DepecheCore

@Suite struct DispositionLedgerTests {
    @Test func theLedgerMatchesOnlyTheSameFileVersion() {
        var ledger = DispositionLedger()
        let identity = FileIdentity(inode: 1, size: 2, mtimeNanoseconds: 3)
        ledger.record(InboxPath("a.txt"), .init(identity: identity, seq: 1, id: "sha256:x", rejected: false))
        #expect(ledger.entry(for: InboxPath("a.txt"), identity: identity) != nil)
        #expect(ledger.entry(for: InboxPath("a.txt"), identity: FileIdentity(inode: 9, size: 2, mtimeNanoseconds: 3)) == nil)
        ledger.keepOnly([])
        #expect(ledger.count == 0)
    }
}
