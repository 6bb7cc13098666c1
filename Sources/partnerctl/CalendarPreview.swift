import ArgumentParser
import Foundation
import PartnerdService

struct CalendarPreview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Read an iCalendar file as partnerd imports it and list its occurrences. Needs no daemon.",
        discussion: """
            Shows what a [[partnership.calendar]] would bring in: each occurrence in the range, with the zone its \
            times are read in, and every line partnerd had to skip or guess, with its number. Default range: today \
            and the following 365 days.
            """)

    @Argument(help: ArgumentHelp("The .ics file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("First day of the range (default: today, UTC).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the range, inclusive.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("The zone of floating times (default UTC): the partnership's.", valueName: "zone"))
    var timezone: String = "UTC"

    @Flag(help: "Print one JSON array instead of text.")
    var json = false

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, LocalDate(iso: value) == nil {
                throw ValidationError("\(name) \"\(value)\" is not a date; write YYYY-MM-DD")
            }
        }
        if Zone(identifier: timezone) == nil {
            throw ValidationError("--timezone \"\(timezone)\" is not a zone of the tz database, e.g. Europe/Brussels")
        }
    }

    func run() throws {
        let zone = Zone(identifier: timezone) ?? .utc
        guard let handle = FileHandle(forReadingAtPath: file) else {
            FileHandleOutput.standardError.write("partnerctl: cannot read \(file)\n")
            throw ExitCode(1)
        }
        let data = handle.readData(ofLength: ICalendarReader.maximumBytes + 1)
        let calendar: ImportedCalendar
        do {
            calendar = try ImportedCalendar.read(Array(data), defaultZone: zone)
        } catch {
            FileHandleOutput.standardError.write("\(file):\(error.line): error: \(error.message)\n")
            throw ExitCode(1)
        }
        for warning in calendar.warnings {
            FileHandleOutput.standardError.write("\(file):\(warning.line): warning: \(warning.message)\n")
        }
        let today = Zone.utc.localDateTime(at: SystemClock().now).date
        let first = from.flatMap { LocalDate(iso: $0) } ?? today
        let last = to.flatMap { LocalDate(iso: $0) } ?? first.adding(days: 364)
        guard first <= last else {
            FileHandleOutput.standardError.write("partnerctl: --to \(last) is before --from \(first)\n")
            throw ExitCode(2)
        }
        let occurrences = calendar.occurrences(
            from: Zone.utc.startOfDay(first), to: Zone.utc.startOfDay(last.adding(days: 1)))
        if json {
            let rows = occurrences.map { occurrence in
                CalendarRow(
                    uid: occurrence.uid, uidIsMade: occurrence.uidIsMade, title: occurrence.title, allDay: occurrence.isAllDay,
                    start: occurrence.isAllDay ? occurrence.start.date.description : occurrence.zone.isoString(occurrence.startInstant),
                    end: occurrence.zone.isoString(occurrence.endInstant), timezone: occurrence.zone.identifier,
                    recurrenceID: Zone.utc.isoString(occurrence.recurrenceID))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandleOutput.standardOutput.write(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
            return
        }
        var output = calendar.name.map { "\($0)\n" } ?? ""
        for occurrence in occurrences {
            let when = occurrence.isAllDay
                ? occurrence.start.date.description : occurrence.zone.isoString(occurrence.startInstant)
            output += "\(when)  \(occurrence.title)  (\(occurrence.uid), \(occurrence.zone.identifier))\n"
        }
        if occurrences.isEmpty { output += "Nothing from \(first) to \(last).\n" }
        FileHandleOutput.standardOutput.write(output)
    }
}

private struct CalendarRow: Encodable {
    var uid: String
    var uidIsMade: Bool
    var title: String
    var allDay: Bool
    var start: String
    var end: String
    var timezone: String
    var recurrenceID: String

    enum CodingKeys: String, CodingKey {
        case uid, uidIsMade = "uid_is_made", title, allDay = "all_day", start, end, timezone, recurrenceID = "recurrence_id"
    }
}
