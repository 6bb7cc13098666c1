import Foundation
import PartnerdCore
import Testing

@testable import PartnerdService

@Suite("Fetched calendars: backoff and the copies in the state directory")
struct CalendarFetcherTests {
    private let source = CalendarSource(
        partnership: PartnershipID(rawValue: "berlin-bruessel"), id: CalendarID(rawValue: "agenda"),
        url: "https://agenda.example.be/jumelages.ics", refresh: 6 * 3600, timeout: 60, zone: .utc)

    @Test("after failures the wait doubles from a minute and never passes the refresh interval")
    func backoff() {
        #expect((1...10).map { CalendarSchedule.retryDelay(failures: $0, refresh: 3600) }
            == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600])
        #expect(CalendarSchedule.retryDelay(failures: 1, refresh: 20) == 20)
        #expect(CalendarSchedule.retryDelay(failures: 1_000_000, refresh: 6 * 3600) == 6 * 3600)
    }

    @Test("never asked: due at once; after a success: at refresh; after failures: at the backoff")
    func nextAttempt() {
        #expect(CalendarSchedule.nextAttempt(source, record: nil) == 0)
        var record = CalendarCopyRecord(url: source.url)
        #expect(CalendarSchedule.nextAttempt(source, record: record) == 0)
        record.attemptedAt = 1_000_000
        #expect(CalendarSchedule.nextAttempt(source, record: record) == 1_000_000 + 6 * 3600)
        record.failures = 3
        #expect(CalendarSchedule.nextAttempt(source, record: record) == 1_000_000 + 240)
    }

    @Test("a copy and its record are written and read back; a record of another URL is not the copy's")
    func store() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partnerd-copies-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = CalendarCopyStore(flag: directory, environment: [:])
        #expect(store.copy(of: source, configuredStateDirectory: nil) == nil)
        var record = CalendarCopyRecord(url: source.url)
        record.etag = "\"v1\""
        record.attemptedAt = 42
        record.confirmedAt = 42
        try CalendarCopyStore.save(Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8), record: record, of: source, in: directory)
        #expect(try store.copy(of: source, configuredStateDirectory: nil)?.get() == Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8))
        #expect(CalendarCopyStore.record(of: source, in: directory) == record)
        var moved = source
        moved.url = "https://agenda.example.be/other.ics"
        #expect(store.copy(of: moved, configuredStateDirectory: nil) == nil)
        #expect(CalendarCopyStore.record(of: moved, in: directory) == nil)
        // A fallback directory is read when the first has no copy (partnerctl next to a daemon under systemd).
        let elsewhere = CalendarCopyStore(flag: directory + "-none", environment: [:], fallbacks: [directory])
        #expect(elsewhere.record(of: source, configuredStateDirectory: nil) == record)
        #expect(elsewhere.copy(of: source, configuredStateDirectory: nil) != nil)
    }
}
