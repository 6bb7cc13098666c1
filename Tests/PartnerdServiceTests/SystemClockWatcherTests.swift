import Foundation
import Testing

@testable import PartnerdService

@Suite("Clock and zone watching")
struct SystemClockWatcherTests {
    @Test("both watches are in place, and a replaced zone file is reported", .timeLimit(.minutes(1)))
    func zoneFileReplaced() async throws {
        let folder = try makeTemporaryDirectory()
        let localtime = "\(folder)/localtime"
        try FileManager.default.createSymbolicLink(atPath: localtime, withDestinationPath: "/usr/share/zoneinfo/Europe/Berlin")
        let watcher = SystemClockWatcher(localtime: localtime)
        #expect(await watcher.isWatching)
        // Something else in the folder is no zone change.
        FileManager.default.createFile(atPath: "\(folder)/unrelated", contents: Data("x".utf8))
        // As timedatectl does it: a new link, renamed over the old one.
        try FileManager.default.createSymbolicLink(
            atPath: "\(folder)/localtime.new", withDestinationPath: "/usr/share/zoneinfo/Asia/Tokyo")
        #expect(rename("\(folder)/localtime.new", localtime) == 0)
        var iterator = watcher.events.makeAsyncIterator()
        let event = await iterator.next()
        #expect(event == .zoneChanged)
        await watcher.stop()
        #expect(await iterator.next() == nil)
    }
}
