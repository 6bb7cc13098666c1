// The holiday part of `partnerctl holidays --json`, built on its own by scripts/holiday-dump.sh from the holiday
// sources alone, so that work on a country's data is checked against python holidays in seconds, without building
// the whole package. Answers the two questions Tests/Oracles/holiday_oracle.py asks:
//   holiday-dump --list --json
//   holiday-dump REGION --from YEAR --to YEAR --json
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst()).filter { $0 != "--json" }
func emit(_ value: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
if arguments == ["--list"] {
    emit(HolidayData.regions.map { ["region": $0.description] })
    exit(0)
}
guard arguments.count == 5, arguments[1] == "--from", arguments[3] == "--to", let region = HolidayRegion(code: arguments[0]),
    let first = Int(arguments[2]), let last = Int(arguments[4]), first <= last, let country = HolidayData.country(region)
else {
    FileHandle.standardError.write(Data("usage: holiday-dump --list --json | REGION --from YEAR --to YEAR --json\n".utf8))
    exit(2)
}
var rows: [[String: Any]] = []
for holiday in country.holidays(years: first...last, subdivision: region.subdivision) {
    rows.append(["date": holiday.date.description, "id": holiday.id, "name": holiday.name(in: country.language),
        "substitute": holiday.isSubstitute])
}
emit(rows)
