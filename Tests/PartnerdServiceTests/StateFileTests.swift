import Foundation
import Testing

@testable import PartnerdService

@Suite("State files: versions, limits, strange files, a removed state directory")
struct StateFileTests {
    @Test("a FIFO where the revision table belongs is refused at once, and the publisher carries on")
    func fifo() throws {
        let state = try makeTemporaryDirectory()
        let path = "\(state)/\(FeedRevisionFile.fileName)"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: FeedRevisionFile.LoadError.self) { try FeedRevisionFile(stateDirectory: state).load() }
        do {
            _ = try FeedRevisionFile(stateDirectory: state).load()
        } catch {
            #expect(error.reason.contains("not a regular file"))
        }
        let publisher = FeedPublisher(store: FeedStore(), stateDirectory: state, logger: FeedFilesTests.quietLogger)
        let feeds = publisher.publish(FeedFixture.configuration(), now: FeedFixture.now)
        #expect(feeds[.publicCalendar] != nil)
    }

    @Test("a state directory removed while the daemon runs is made again by the next write")
    func removedDirectory() throws {
        let state = try makeTemporaryDirectory() + "/state"
        let file = LedgerFile(stateDirectory: state)
        try file.save(DeliveryLedger(since: FeedFixture.now))
        try FileManager.default.removeItem(atPath: state)
        try file.save(DeliveryLedger(since: FeedFixture.now))
        #expect(try file.load() == DeliveryLedger(since: FeedFixture.now))
    }

    @Test("a ledger larger than the limit is set aside without being read", .timeLimit(.minutes(1)))
    func oversized() throws {
        let state = try makeTemporaryDirectory()
        let path = "\(state)/ledger.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        // Sparse: three gigabytes on paper, nothing on disk.
        #expect(truncate(path, 3 << 30) == 0)
        let file = LedgerFile(stateDirectory: state)
        guard case .corrupt(let reason, let movedTo) = file.load(now: FeedFixture.now) else {
            Issue.record("a 3 GiB ledger was read")
            return
        }
        #expect(reason.contains("larger than"))
        #expect(movedTo.map { FileManager.default.fileExists(atPath: $0) } == true)
    }

    @Test("a ledger of a newer version is refused with both versions named")
    func newerVersion() throws {
        let state = try makeTemporaryDirectory()
        try AtomicFile.write(
            Array("{\"version\": 9, \"since\": 0, \"lastSeen\": 0, \"delivered\": []}".utf8), to: "\(state)/ledger.json"
        )
        #expect(throws: LedgerFile.LoadError.self) { try LedgerFile(stateDirectory: state).load() }
        do {
            _ = try LedgerFile(stateDirectory: state).load()
        } catch {
            #expect(error.reason == "it has version 9; this partnerd reads 1 to 2")
        }
    }
}

@Suite("Revision file bytes")
struct RevisionFileBytesTests {
    @Test("the table writes exactly what JSONEncoder writes for it, odd UIDs included")
    func sameAsEncoder() throws {
        var table = FeedRevisionTable()
        let uids = [
            "p1-e1@partnerd", "P2@partnerd", "a/b@partnerd", "quote\"back\\slash", "tab\tnew\nline\u{01}\u{1F}",
            "Brüssel–Berlin", "zz", "Ä", "0", "~", "a", "ab", "aB", "\u{7F}del", "emoji 🎉",
        ]
        for (index, uid) in uids.enumerated() {
            _ = table.record(
                uid: uid, schedule: FeedDigest(hashing: [UInt8(index)]),
                content: FeedDigest(hashing: [UInt8(index), 1]),
                at: Instant(secondsSinceEpoch: 1_715_342_400 + Int64(index) * 86_400))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = Array(try encoder.encode(table))
        let written = try #require(table.encodedJSON())
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(try JSONDecoder().decode(FeedRevisionTable.self, from: Data(written)) == table)
    }
}
