import ArgumentParser
import Foundation
import PartnerdService

struct Holidays: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the public holidays partnerd knows for a country or a subdivision. Needs no daemon.",
        discussion: """
            REGION is an ISO 3166 code with an optional subdivision: DE, DE-BE, BE. --list names every region the \
            data covers. Default: the current year.
            """)

    @Argument(help: ArgumentHelp("The country or subdivision, e.g. DE-BE.", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
    var year: Int?

    @Option(help: ArgumentHelp("First year of the range.", valueName: "year"))
    var from: Int?

    @Option(help: ArgumentHelp("Last year of the range, inclusive.", valueName: "year"))
    var to: Int?

    @Flag(help: "List the regions instead of holidays.")
    var list = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if year != nil && (from != nil || to != nil) { throw ValidationError("give either --year or --from/--to") }
        for (name, value) in [("--year", year), ("--from", from), ("--to", to)] {
            if let value, !(1...9999).contains(value) {
                throw ValidationError("\(name) must be a year from 1 to 9999, not \(value)")
            }
        }
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
        if let from, let to, to - from > 1000 { throw ValidationError("--from to --to spans more than 1000 years") }
        if !list && region == nil { throw ValidationError("name a region, e.g. `partnerctl holidays DE-BE`, or --list") }
    }

    func run() throws {
        if list { return printRegions() }
        guard let text = region, let region = HolidayRegion(code: text) else {
            FileHandleOutput.standardError.write(
                "partnerctl: \"\(self.region ?? "")\" is not a region; write an ISO 3166 code such as DE or DE-BE\n")
            throw ExitCode(2)
        }
        guard let country = HolidayData.country(region) else {
            let known = HolidayData.regions.filter { $0.country == region.country }.map(\.description)
            let hint = known.isEmpty
                ? "`partnerctl holidays --list` names the countries partnerd knows"
                : "known for \(region.country): \(known.joined(separator: ", "))"
            FileHandleOutput.standardError.write("partnerctl: no holiday data for \(region); \(hint)\n")
            throw ExitCode(2)
        }
        let thisYear = Zone.utc.localDateTime(at: SystemClock().now).date.year
        let first = year ?? from ?? to ?? thisYear
        let last = year ?? to ?? from.map { _ in first } ?? thisYear
        let holidays = country.holidays(years: first...last, subdivision: region.subdivision)
        if json {
            let rows = holidays.map {
                HolidayRow(
                    date: $0.date.description, id: $0.id, name: $0.name(in: country.language), names: $0.names,
                    substitute: $0.isSubstitute)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandleOutput.standardOutput.write(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
            return
        }
        let texts = Texts(language: .en)
        var output = ""
        for holiday in holidays {
            let local = holiday.name(in: country.language)
            let english = holiday.name(in: "en")
            var line = "\(holiday.date)  \(texts.weekdayAbbreviation(holiday.date.weekday))  \(local)"
            if english != local { line += " (\(english))" }
            if holiday.isSubstitute { line += " — substitute day" }
            output += line + "\n"
        }
        if holidays.isEmpty { output = "No public holidays of \(region) known from \(first) to \(last).\n" }
        FileHandleOutput.standardOutput.write(output)
    }

    private func printRegions() {
        let regions = HolidayData.regions
        if json {
            let rows = regions.map { region -> RegionRow in
                let country = HolidayData.countries[region.country]
                let names = region.subdivision.flatMap { country?.subdivisions[$0] } ?? country?.names ?? [:]
                return RegionRow(region: region.description, names: names)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(rows) {
                FileHandleOutput.standardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
            }
            return
        }
        var output = ""
        for region in regions {
            guard let country = HolidayData.countries[region.country] else { continue }
            let name = region.subdivision.flatMap { country.subdivisions[$0]?["en"] } ?? country.name(in: "en")
            output += "\(region.description.padding(toLength: 7, withPad: " ", startingAt: 0)) \(name)\n"
        }
        FileHandleOutput.standardOutput.write(output)
    }
}

private struct HolidayRow: Encodable {
    var date: String
    var id: String
    var name: String
    var names: [String: String]
    var substitute: Bool
}

private struct RegionRow: Encodable {
    var region: String
    var names: [String: String]
}
