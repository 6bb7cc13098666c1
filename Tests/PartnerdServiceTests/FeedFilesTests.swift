import Foundation
import Logging
import Testing

@testable import PartnerdService

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> String {
    var template = Array("\(NSTemporaryDirectory())/partnerd-feed-XXXXXX".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
        return String(cString: result)
    }
    guard let created else { throw FeedFileError(path: "mkdtemp", reason: "cannot create a temporary directory") }
    return created
}

@Suite("Feed files, the revision table on disk, the publisher")
struct FeedFilesTests {
    static var quietLogger: Logger {
        var logger = Logger(label: "feed-files-test")
        logger.logLevel = .critical
        return logger
    }

    @Test("reading: whole files, nil for a missing one, an error for a directory")
    func reading() throws {
        let directory = try makeTemporaryDirectory()
        try AtomicFile.write(Array("content".utf8), to: "\(directory)/file.txt")
        #expect(try FeedFileSystem.read("\(directory)/file.txt") == Array("content".utf8))
        #expect(try FeedFileSystem.read("\(directory)/missing") == nil)
        #expect(throws: FeedFileError.self) { try FeedFileSystem.read(directory) }
        #expect(FeedFileSystem.entries(of: directory) == ["file.txt"])
    }

    @Test("feed.directory gets the public feeds only, rewritten only when they change, stale ones removed")
    func directory() throws {
        let root = try makeTemporaryDirectory()
        let target = FeedDirectory(path: "\(root)/feeds")
        let first = try target.update(with: FeedFixture.rendered())
        #expect(first.written == ["calendar.ics", "partnerships/berlin-bruessel.ics"])
        #expect(FeedFileSystem.entries(of: "\(root)/feeds/partnerships") == ["berlin-bruessel.ics"])
        let calendar = try #require(try FeedFileSystem.read("\(root)/feeds/calendar.ics"))
        #expect(calendar == FeedFixture.rendered()[.publicCalendar]?.bytes)
        #expect(!String(decoding: calendar, as: UTF8.self).contains("Geheimes Treffen"))

        let unchanged = try target.update(with: FeedFixture.rendered())
        #expect(unchanged == FeedDirectory.Changes())

        // A foreign file stays; the partnership that turned private goes.
        try AtomicFile.write(Array("keep".utf8), to: "\(root)/feeds/partnerships/README.txt")
        let privateNow = try target.update(with: FeedFixture.rendered(FeedFixture.configuration(bruesselPrivate: true)))
        #expect(privateNow.removed == ["partnerships/berlin-bruessel.ics"])
        #expect(privateNow.written == ["calendar.ics"])
        #expect(FeedFileSystem.entries(of: "\(root)/feeds/partnerships") == ["README.txt"])
    }

    @Test("the revision table survives a restart: SEQUENCE keeps counting, export renders the daemon's bytes")
    func publisherAcrossRestarts() throws {
        let state = try makeTemporaryDirectory()
        let configuration = FeedFixture.configuration()
        let daemonStore = FeedStore()
        let daemon = FeedPublisher(store: daemonStore, stateDirectory: state, logger: Self.quietLogger)
        let served = daemon.publish(configuration, now: FeedFixture.now)
        #expect(FileManager.default.fileExists(atPath: "\(state)/feed-revisions.json"))

        // What `partnerctl export` does later the same day: the stored table, today's start as now.
        let stored = try #require(try FeedRevisionFile(stateDirectory: state).load())
        let exportNow = FeedRenderer.startOfDay(
            at: FeedFixture.now.adding(seconds: 4000), in: configuration.daemon.zone)
        let exported = FeedRenderer(configuration: configuration).render(revisions: stored, now: exportNow)
        // The daemon renders partnership feeds on their first request: each, and each absence, as export has it.
        #expect(served.deferred != nil)
        var keys: [FeedKey] = [.publicCalendar, FeedKey(includesPrivate: true)]
        for id in configuration.partnerships.map(\.id) + [PartnershipID(rawValue: "nowhere")] {
            keys += [FeedKey(partnership: id), FeedKey(partnership: id, includesPrivate: true)]
        }
        for key in keys {
            #expect(served.feed(key) == exported.feeds.feeds[key], "\(key)")
        }
        #expect(Set(exported.feeds.feeds.keys).isSubset(of: Set(keys)))

        // Restart: a new publisher reads the table; moving the concert raises SEQUENCE to 1, then 2.
        let moved = { (hour: Int) -> Configuration in
            var changed = configuration
            changed.partnerships[0].events[0].start = .dateTime(
                LocalDateTime(year: 2024, month: 11, day: 26, hour: hour) ?? LocalDateTime(wallSeconds: 0))
            return changed
        }
        let restarted = FeedPublisher(store: FeedStore(), stateDirectory: state, logger: Self.quietLogger)
        let afterMove = restarted.publish(moved(11), now: FeedFixture.now.adding(seconds: 60))
        #expect(Self.text(afterMove).contains("SEQUENCE:1\r\nDTSTART;TZID=Europe/Berlin:20241126T110000"))
        let again = FeedPublisher(store: FeedStore(), stateDirectory: state, logger: Self.quietLogger)
        let afterSecondMove = again.publish(moved(12), now: FeedFixture.now.adding(seconds: 120))
        #expect(Self.text(afterSecondMove).contains("SEQUENCE:2\r\nDTSTART;TZID=Europe/Berlin:20241126T120000"))
    }

    @Test("a corrupt revision table is reported, not trusted")
    func corruptTable() throws {
        let state = try makeTemporaryDirectory()
        try AtomicFile.write(Array("{ not json".utf8), to: "\(state)/feed-revisions.json")
        #expect(throws: FeedRevisionFile.LoadError.self) { try FeedRevisionFile(stateDirectory: state).load() }
        try AtomicFile.write(Array("{\"version\": 99, \"revisions\": {}}".utf8), to: "\(state)/feed-revisions.json")
        #expect(throws: FeedRevisionFile.LoadError.self) { try FeedRevisionFile(stateDirectory: state).load() }
        // The publisher starts afresh and overwrites it with a good table.
        let publisher = FeedPublisher(store: FeedStore(), stateDirectory: state, logger: Self.quietLogger)
        publisher.publish(FeedFixture.configuration(), now: FeedFixture.now)
        #expect(try FeedRevisionFile(stateDirectory: state).load() != nil)
    }

    static func text(_ feeds: RenderedFeeds) -> String {
        String(decoding: feeds[.publicCalendar]?.bytes ?? [], as: UTF8.self)
    }
}

@Suite("HTTP details: dates, tokens, routing decisions")
struct FeedRequestHandlerTests {
    @Test(
        "HTTP dates: IMF-fixdate out, all three forms in (RFC 9110 §5.6.7)",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        ])
    func dates(text: String) {
        #expect(HTTPDate.parse(text) == Instant(secondsSinceEpoch: 784_111_777))
    }

    @Test("formatting")
    func format() {
        #expect(HTTPDate.format(Instant(secondsSinceEpoch: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Instant(secondsSinceEpoch: 1_715_342_400)) == "Fri, 10 May 2024 12:00:00 GMT")
    }

    @Test(
        "invalid dates are ignored",
        arguments: ["", "yesterday", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 CET"])
    func invalidDates(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test(
        "token comparison",
        arguments: [
            ("secret-token", "secret-token", true), ("secret-tokeN", "secret-token", false),
            ("secret", "secret-token", false),
            ("secret-token-longer", "secret-token", false), ("", "secret-token", false),
        ])
    func tokens(given: String, expected: String, equal: Bool) {
        #expect(FeedRequestHandler.constantTimeEquals(given, expected) == equal)
    }

    @Test("before the first render, feeds answer 503 and /healthz still 200")
    func beforeFirstRender() {
        let feed = FeedRequestHandler.reply(
            to: .init(method: "GET", path: "/calendar.ics", token: nil, ifNoneMatch: nil, ifModifiedSince: nil),
            snapshot: nil)
        #expect(feed.status == 503)
        let health = FeedRequestHandler.reply(
            to: .init(method: "GET", path: "/healthz", token: nil, ifNoneMatch: nil, ifModifiedSince: nil),
            snapshot: nil)
        #expect(health.status == 200)
    }
}
