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
        try AtomicFile.write(Array("{\"version\": 9, \"since\": 0, \"lastSeen\": 0, \"delivered\": []}".utf8), to: "\(state)/ledger.json")
        #expect(throws: LedgerFile.LoadError.self) { try LedgerFile(stateDirectory: state).load() }
        do {
            _ = try LedgerFile(stateDirectory: state).load()
        } catch {
            #expect(error.reason == "it has version 9; this partnerd reads 1 to 2")
        }
    }
}
