import CNats
@testable import DepecheNATS
import Testing

/// `StreamReader` from a sequence (what `depeche tail --nats` without `--durable` and the test
/// harness read with) on a three-node cluster whose node holding the reader's consumer dies.
@Suite struct StreamReaderTests {
    @Test func aReaderWhoseConsumerDiesWithItsNodeReadsOnFromANewConsumer() async throws {
        let cluster = try await NATSCluster.ready(label: "nats3", size: 3)
        let connection = try JetStreamConnection(settings: cluster.settings(), name: "test")
        for serial in 1...300 {
            _ = try connection.publish(subject: "depeche.test.\(serial)", body: Array("{}".utf8), msgID: "m\(serial)", expectNoMessage: false)
        }
        let reader = try StreamReader(connection: connection, settings: cluster.settings(), start: .sequence(1))
        var seqs: [UInt64] = []
        var killed: String?
        try reader.read(follow: false, batch: 50) { message in
            seqs.append(message.streamSeq)
            guard seqs.count == 100 else { return }
            killed = Self.consumerNode(of: reader)
            if let index = cluster.nodes.firstIndex(where: { $0.name == killed }) { cluster.kill(index) }
        }
        #expect(killed != nil)
        #expect(seqs == Array(1...300))
    }

    /// The name of the node holding `reader`'s consumer.
    private static func consumerNode(of reader: StreamReader) -> String? {
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        guard natsSubscription_GetConsumerInfo(&info, reader.subscription, nil, nil) == NATS_OK, let info else { return nil }
        defer { jsConsumerInfo_Destroy(info) }
        return info.pointee.Cluster?.pointee.Leader.map { String(cString: $0) }
    }
}
