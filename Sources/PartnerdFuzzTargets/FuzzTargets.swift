import PartnerdCore
import PartnerdTOML

/// The entry points of the fuzzers (`Tests/Fuzz`, `make fuzz`) and of the tests that replay their corpus: each takes
/// arbitrary bytes through one of the parsers that meet untrusted input, then does a bounded amount of the work that
/// follows, as the daemon and `partnerctl` would. A crash, a trap or a hang here is a bug; any answer is fine.
public enum FuzzTargets {
    /// A config file: loaded and checked; when valid, three months of occurrences and a day of reminders and
    /// deliveries planned, the task items listed and their feed rendered, and one partnership's feed rendered.
    public static func configuration(_ bytes: [UInt8]) {
        let now = Instant(secondsSinceEpoch: 1_780_000_000)
        let loader = ConfigurationLoader(fileSystem: OneFile(bytes: bytes), now: now, systemZone: .utc)
        let result = loader.load(path: "partnerd.toml")
        for issue in result.issues { _ = issue.rendered }
        guard let configuration = result.configuration else { return }
        let planner = Planner(configuration: configuration)
        let today = configuration.daemon.zone.localDateTime(at: now).date
        _ = planner.occurrences(in: today...today.adding(days: 90))
        _ = planner.reminders(dueIn: now..<now.adding(seconds: 86_400))
        // Deliveries include the tasks' reminders, repeats and escalations; the task list and feed their states.
        _ = planner.deliveries(dueIn: now..<now.adding(seconds: 86_400))
        _ = planner.taskStatuses(now: now) { _ in nil }
        _ = TaskFeed.render(planner: planner, now: now, stamp: now, includesPrivate: true) { _ in nil }
        if let first = configuration.partnerships.first {
            _ = FeedRenderer(configuration: configuration).render(
                revisions: .empty, now: now, only: FeedKey(partnership: first.id, includesPrivate: true))
        }
    }

    /// A TOML document through the reader alone: when it is read, every position lies inside it, and the tree written
    /// back as TOML reads as the same tree.
    public static func toml(_ bytes: [UInt8]) {
        guard let table = try? TOMLReader.parse(bytes) else { return }
        checkPositions(table, within: bytes.count)
        let written = TOMLRoundTrip.write(table)
        let reread: TOMLTable
        do {
            reread = try TOMLReader.parse(Array(written.utf8))
        } catch {
            preconditionFailure("the written tree does not read back: \(error)\n\(written)")
        }
        precondition(TOMLRoundTrip.same(table, reread), "the tree changed on writing and reading:\n\(written)")
    }

    private static func checkPositions(_ table: TOMLTable, within size: Int) {
        for entry in table {
            precondition(entry.keyPosition.offset <= size && entry.valuePosition.offset <= size, "a position outside")
            precondition(entry.keyPosition.line >= 1 && entry.keyPosition.column >= 1, "a position before the start")
            switch entry.value {
            case .table(let inner): checkPositions(inner, within: size)
            case .array(let array):
                for (element, position) in zip(array, array.positions) {
                    precondition(position.offset <= size, "an element's position outside")
                    if case .table(let inner) = element { checkPositions(inner, within: size) }
                }
            default: break
            }
        }
    }

    /// An iCalendar file as `[[partnership.calendar]]` imports it: read, and two years of occurrences listed, which
    /// come sorted, each ending no earlier than it starts.
    public static func icalendar(_ bytes: [UInt8]) {
        guard let calendar = try? ImportedCalendar.read(bytes, defaultZone: Zone(identifier: "Europe/Berlin") ?? .utc)
        else { return }
        for warning in calendar.warnings { _ = warning.description }
        let from = Instant(secondsSinceEpoch: 1_767_225_600)  // 2026-01-01
        let occurrences = calendar.occurrences(from: from, to: from.adding(seconds: 2 * 366 * 86_400))
        for (earlier, later) in zip(occurrences, occurrences.dropFirst()) {
            precondition(earlier.startInstant <= later.startInstant || earlier.isAllDay || later.isAllDay, "unsorted")
        }
        for occurrence in occurrences { precondition(occurrence.endInstant >= occurrence.startInstant, "ends first") }
    }

    /// An `RRULE` value: parsed, validated for both kinds of start, and expanded for at most a thousand occurrences
    /// within ten years of a timed start.
    public static func recurrence(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self),
            let rule = try? RecurrenceRule(parsing: text)
        else { return }
        _ = rule.validate(startIsDate: true)
        _ = rule.validate(startIsDate: false)
        guard let start = LocalDateTime(year: 2020, month: 2, day: 29, hour: 10),
            let end = LocalDateTime(year: 2030, month: 1, day: 1), let zone = Zone(identifier: "Europe/Berlin")
        else { return }
        let set = RecurrenceSet(start: .dateTime(start), zone: zone, rule: rule)
        for _ in set.occurrences(from: start, through: end).prefix(1_000) {}
    }

    /// Bytes on a feed server connection, in chunks whose sizes the input chooses, through the request head guard.
    public static func requestHead(_ bytes: [UInt8]) {
        var scanner = RequestHeadScanner(maximumHeadSize: 8192)
        _ = scanner.connectionOpened()
        var rest = bytes[...]
        while let size = rest.first {
            let chunk = rest.dropFirst().prefix(Int(size) + 1)
            rest = rest.dropFirst(chunk.count + 1)
            let events = scanner.consume(chunk)
            precondition(
                !events.contains(.tooLarge) || scanner.isPassingThrough, "a head too large must end the scanning")
        }
    }

    /// Bytes on a control socket connection: framed as the server frames them, the request decoded.
    public static func controlFrame(_ bytes: [UInt8]) {
        var accumulator = ControlRequestAccumulator(limit: 65_536)
        var frame = accumulator.receive(bytes)
        if frame == nil { frame = accumulator.endOfInput() }
        if case .request(let request)? = frame { _ = ControlRequest.decode(request) }
        _ = ControlResponse.decode(bytes)
    }
}

/// A config made of one file, the fuzzer's input; includes find nothing.
struct OneFile: ConfigurationFileSystem {
    let bytes: [UInt8]

    func contents(of path: String) throws(ConfigurationFileError) -> [UInt8] {
        guard path == "partnerd.toml" else { throw ConfigurationFileError(reason: "no such file") }
        return bytes
    }

    func paths(matching pattern: String, relativeTo directory: String) -> [String] { [] }

    func canonicalPath(_ path: String) -> String { path }
}
