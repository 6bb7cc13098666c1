import AsyncHTTPClient
import Dispatch
import Logging
import PartnerdCore
import ServiceLifecycle

/// When a fetched calendar is asked next. Pure, so that the backoff is tested without a network.
package enum CalendarSchedule {
    /// The wait after `failures` failures in a row: a minute, then twice as long after each failure, never longer
    /// than the calendar's refresh interval (so a source that is down is asked at least as often as when it is up).
    package static func retryDelay(failures: Int, refresh: Int64) -> Int64 {
        let base = min(60, refresh)
        let doublings = min(max(failures - 1, 0), 20)
        return min(refresh, base << Int64(doublings))
    }

    /// When `source` is due, in seconds since the epoch; `0` when it was never asked (at once).
    package static func nextAttempt(_ source: CalendarSource, record: CalendarCopyRecord?) -> Int64 {
        guard let record, let attempted = record.attemptedAt else { return 0 }
        if record.failures > 0 { return attempted + retryDelay(failures: record.failures, refresh: source.refresh) }
        return attempted + source.refresh
    }
}

/// Fetches the config's `[[partnership.calendar]]` URLs in the background: each at its `refresh`, failures retried
/// with backoff, at most four at a time. A new copy is checked to be a calendar before it replaces the last good
/// one in the state directory; then ``changes`` yields and the controller reloads the config, which reads the copy.
/// Nothing here runs on the reminder timer or on the feed server's event loops, and a source that is down or
/// broken costs only its own fresh events: the last good copy stays in use.
package actor CalendarFetcher: Service {
    /// Yields after a fetch that kept a new copy of any calendar.
    package nonisolated let changes: AsyncStream<Void>
    private let changesContinuation: AsyncStream<Void>.Continuation
    private enum Wake: Sendable { case due, sourcesChanged, asked }
    private let wakes: AsyncStream<Wake>
    private let wakeContinuation: AsyncStream<Wake>.Continuation

    private let stateDirectory: String
    private let fetch: CalendarFetch
    private let clock: any WallClock
    private let logger: Logger
    private var sources: [CalendarSource] = []
    /// By ``CalendarSource/copyPath``.
    private var records: [String: CalendarCopyRecord] = [:]
    /// `partnerctl fetch` callers waiting for the next round that asks every source.
    private var askers: [CheckedContinuation<Bool, Never>] = []
    private var timer: (any DispatchSourceTimer)?
    private let timerQueue = DispatchQueue(label: "partnerd.calendars")
    /// Fetches at once.
    static let width = 4

    package init(
        configuration: Configuration, stateDirectory: String, clock: any WallClock, logger: Logger, client: HTTPClient
    ) {
        (changes, changesContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        (wakes, wakeContinuation) = AsyncStream.makeStream()
        self.stateDirectory = stateDirectory
        fetch = CalendarFetch(client: client)
        self.clock = clock
        self.logger = logger
        let sources = configuration.calendarSources
        self.sources = sources
        for source in sources {
            records[source.copyPath] = CalendarCopyStore.record(of: source, in: stateDirectory)
        }
        DaemonMetrics.calendarSources(sources)
        for source in sources {
            if let confirmed = records[source.copyPath]?.confirmedAt {
                DaemonMetrics.calendarConfirmations.withLock { $0[source.name] = confirmed }
            }
        }
    }

    /// The calendars of a newly applied config: new ones are asked at once, removed ones forgotten.
    package func apply(_ configuration: Configuration) {
        let sources = configuration.calendarSources
        let kept = Set(sources.map(\.copyPath))
        records = records.filter { kept.contains($0.key) }
        for source in sources where records[source.copyPath] == nil {
            records[source.copyPath] = CalendarCopyStore.record(of: source, in: stateDirectory)
        }
        self.sources = sources
        DaemonMetrics.calendarSources(sources)
        wakeContinuation.yield(.sourcesChanged)
    }

    /// Asks every calendar now (`partnerctl fetch`); true when a new copy was kept. The caller reloads.
    package func fetchEverything() async -> Bool {
        await withCheckedContinuation { continuation in
            askers.append(continuation)
            wakeContinuation.yield(.asked)
        }
    }

    // MARK: - Service

    package func run() async throws {
        wakeContinuation.yield(.sourcesChanged)
        await cancelWhenGracefulShutdown {
            for await wake in self.wakes {
                await self.round(everything: wake == .asked)
            }
        }
        timer?.cancel()
        timer = nil
        for asker in askers { asker.resume(returning: false) }
        askers = []
    }

    /// Fetches what is due (or everything), then sets the timer for the next one.
    private func round(everything: Bool) async {
        let waiting = everything ? askers : []
        if everything { askers = [] }
        let now = clock.now.secondsSinceEpoch
        let due = sources.filter { everything || CalendarSchedule.nextAttempt($0, record: records[$0.copyPath]) <= now }
        var changed = false
        if !due.isEmpty {
            changed = await fetchAll(due)
            // A round asked for by `partnerctl fetch` is reloaded by its caller, which answers after the reload.
            if changed && waiting.isEmpty { changesContinuation.yield() }
        }
        for asker in waiting { asker.resume(returning: changed) }
        schedule()
    }

    private func fetchAll(_ due: [CalendarSource]) async -> Bool {
        let fetch = self.fetch
        let previous = due.map { records[$0.copyPath] }
        var changed = false
        await withTaskGroup(of: (Int, CalendarFetch.Outcome).self) { group in
            var next = 0
            func start() {
                guard next < due.count else { return }
                let index = next
                let source = due[index]
                let record = previous[index]
                next += 1
                group.addTask { (index, await fetch.fetch(source, etag: record?.etag, lastModified: record?.lastModified)) }
            }
            for _ in 0..<Self.width { start() }
            while let (index, outcome) = await group.next() {
                if keep(outcome, of: due[index]) { changed = true }
                start()
            }
        }
        return changed
    }

    /// Records one outcome; true when a new copy was written.
    private func keep(_ outcome: CalendarFetch.Outcome, of source: CalendarSource) -> Bool {
        let now = clock.now.secondsSinceEpoch
        var record = records[source.copyPath] ?? CalendarCopyRecord(url: source.url)
        record.attemptedAt = now
        var bytes: [UInt8]?
        var result: String
        switch outcome {
        case .notModified(let etag, let lastModified):
            record.etag = etag
            record.lastModified = lastModified
            result = "304: not modified"
        case .body(let body, let etag, let lastModified):
            let calendar: ImportedCalendar
            do {
                calendar = try ImportedCalendar.read(body, defaultZone: source.zone)
            } catch {
                return failed(
                    source, record: record, reason: "\(source.url) sent something that is not a calendar (line \(error.line): \(error.message))")
            }
            let count = calendar.events.count + calendar.overrides.values.reduce(0) { $0 + $1.count }
            let path = "\(stateDirectory)/\(source.copyPath)"
            let same = (try? Posix.readFile(path, limit: CalendarSource.maximumBytes)).flatMap { $0 } == body
            if !same { bytes = body }
            record.etag = etag
            record.lastModified = lastModified
            record.events = count
            result = "200: \(count) event\(count == 1 ? "" : "s")\(same ? ", unchanged" : "")"
        case .failed(let reason):
            return failed(source, record: record, reason: reason)
        }
        record.confirmedAt = now
        if bytes != nil { record.changedAt = now }
        record.failures = 0
        record.lastResult = result
        do {
            try CalendarCopyStore.save(bytes, record: record, of: source, in: stateDirectory)
        } catch {
            return failed(source, record: record, reason: "\(error); the copy in use stays", written: false)
        }
        records[source.copyPath] = record
        DaemonMetrics.calendarFetched(source.name, outcome: bytes == nil ? "unchanged" : "changed", confirmedAt: now)
        if bytes != nil {
            logger.notice(
                "the calendar \(source.name) changed at \(source.url) (\(result)); reloading",
                metadata: ["message_id": "\(MessageID.calendarChanged.rawValue)", "calendar": "\(source.name)"])
        }
        return bytes != nil
    }

    private func failed(_ source: CalendarSource, record: CalendarCopyRecord, reason: String, written: Bool = true) -> Bool {
        var record = record
        record.failures += 1
        record.lastError = reason
        record.lastErrorAt = record.attemptedAt
        record.lastResult = reason
        if written { try? CalendarCopyStore.save(nil, record: record, of: source, in: stateDirectory) }
        records[source.copyPath] = record
        DaemonMetrics.calendarFetched(source.name, outcome: "failed", confirmedAt: nil)
        let retry = CalendarSchedule.retryDelay(failures: record.failures, refresh: source.refresh)
        let copy = record.confirmedAt == nil ? "there is no copy yet" : "the last good copy stays in use"
        logger.warning(
            "cannot fetch the calendar \(source.name): \(reason); \(copy), next try in \(Countdown.amount(seconds: retry))",
            metadata: ["message_id": "\(MessageID.calendarFetchFailed.rawValue)", "calendar": "\(source.name)"])
        return false
    }

    /// One Dispatch timer for the next due calendar; none when there are no calendars.
    private func schedule() {
        timer?.cancel()
        timer = nil
        let now = clock.now.secondsSinceEpoch
        guard let next = sources.map({ CalendarSchedule.nextAttempt($0, record: records[$0.copyPath]) }).min() else { return }
        let wait = max(1, next - now)
        let timer = DispatchSource.makeTimerSource(queue: timerQueue)
        let continuation = wakeContinuation
        timer.schedule(deadline: .now() + .seconds(Int(min(wait, 366 * 86400))), leeway: .seconds(1))
        timer.setEventHandler { continuation.yield(.due) }
        timer.resume()
        self.timer = timer
    }

    // MARK: - Status

    /// Each calendar in force, for `partnerctl status`; `events` counts its events in `configuration`.
    package func statuses(in configuration: Configuration) -> [CalendarStatus] {
        let zone = configuration.daemon.zone
        let now = clock.now
        func iso(_ seconds: Int64?) -> String? { seconds.map { zone.isoString(Instant(secondsSinceEpoch: $0)) } }
        return configuration.partnerships.flatMap { partnership in
            partnership.calendarSources.map { source in
                let record = records[source.copyPath]
                let prefix = "\(source.id)-"
                let events = partnership.events.count { $0.id.rawValue.hasPrefix(prefix) }
                let next = CalendarSchedule.nextAttempt(source, record: record)
                return CalendarStatus(
                    name: source.name, url: source.url, events: events, copyWritten: iso(record?.changedAt),
                    confirmedAt: iso(record?.confirmedAt),
                    ageSeconds: record?.confirmedAt.map { now.secondsSinceEpoch - $0 },
                    lastAttempt: iso(record?.attemptedAt), lastResult: record?.lastResult, lastError: record?.lastError,
                    lastErrorAt: iso(record?.lastErrorAt), failures: record?.failures ?? 0,
                    nextAttempt: iso(max(next, now.secondsSinceEpoch)))
            }
        }
    }
}
