import ArgumentParser
import Foundation
import PartnerdService

struct Upcoming: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List occurrences in a range, each with its reminders. Needs no daemon.",
        discussion: "DATE is YYYY-MM-DD. Default range: today and the following 89 days (--days 90).")

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("First day of the range (default: today).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the range, inclusive.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Number of days in the range (default 90).", valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp("Only this partnership.", valueName: "id"))
    var partnership: String?

    @Flag(help: "Print one JSON array instead of text.")
    var json = false

    func validate() throws {
        if to != nil && days != nil { throw ValidationError("give either --to or --days, not both") }
        if let days, !(1...36_600).contains(days) { throw ValidationError("--days must be from 1 to 36600, not \(days)") }
        if let from, LocalDate(iso: from) == nil {
            throw ValidationError("--from \"\(from)\" is not a date; write YYYY-MM-DD, e.g. 2022-06-01")
        }
        if let to, LocalDate(iso: to) == nil {
            throw ValidationError("--to \"\(to)\" is not a date; write YYYY-MM-DD, e.g. 2022-12-31")
        }
        if let partnership, PartnershipID(validating: partnership) == nil {
            throw ValidationError("--partnership \"\(partnership)\" is not a partnership id (a-z, 0-9 and -)")
        }
    }

    func run() throws {
        let configuration = try options.load(printWarnings: false)
        let zone = configuration.daemon.zone
        let today = zone.localDateTime(at: SystemClock().now).date
        let first = from.flatMap { LocalDate(iso: $0) } ?? today
        let last = to.flatMap { LocalDate(iso: $0) } ?? first.adding(days: (days ?? 90) - 1)
        guard first <= last else {
            FileHandleOutput.standardError.write("partnerctl: --to \(last) is before --from \(first)\n")
            throw ExitCode(2)
        }
        var filter = Planner.Filter()
        if let partnership {
            let id = PartnershipID(rawValue: partnership)
            guard configuration.partnership(id) != nil else {
                let known = configuration.partnerships.map(\.id.rawValue)
                FileHandleOutput.standardError.write(
                    "partnerctl: no partnership \"\(partnership)\" in the config; known: \(known.joined(separator: ", "))\n")
                throw ExitCode(2)
            }
            filter.partnership = id
        }
        let planner = Planner(configuration: configuration)
        // Written as planned, in blocks: memory holds a month of occurrences, whatever the range (a rule that repeats
        // every minute for ten years is millions of them).
        var block = ""
        var count = 0
        func flush(force: Bool = false) {
            guard force || block.utf8.count >= 1 << 16 else { return }
            FileHandleOutput.standardOutput.write(block)
            block = ""
        }
        let texts = Texts(language: configuration.daemon.language)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            block = "["
            try planner.forEachOccurrence(in: first...last, filter: filter) { occurrence in
                let data = try encoder.encode(OccurrenceSummary(occurrence, zone: zone, texts: texts))
                block += (count == 0 ? "\n" : ",\n") + String(decoding: data, as: UTF8.self)
                count += 1
                flush()
            }
            block += count == 0 ? "]\n" : "\n]\n"
            flush(force: true)
            return
        }
        planner.forEachOccurrence(in: first...last, filter: filter) { occurrence in
            count += 1
            let when =
                occurrence.isAllDay
                ? texts.date(occurrence.start.date)
                    + (occurrence.lastDay != occurrence.start.date ? " – \(texts.date(occurrence.lastDay))" : "")
                : texts.dateTime(occurrence.start) + " (\(occurrence.zone.identifier))"
            block += "\(when)  [\(occurrence.kind.rawValue)] \(occurrence.partnership)\n"
            block += "    \(occurrence.title)\n"
            for reminder in occurrence.reminders {
                block += "    remind \(reminder.lead.text) before: \(zone.isoString(reminder.due))"
                block += reminder.moved.map { " (\(texts.moved($0)))\n" } ?? "\n"
            }
            flush()
        }
        if count == 0 { block = "Nothing from \(first) to \(last).\n" }
        flush(force: true)
    }
}
