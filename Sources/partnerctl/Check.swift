import ArgumentParser
import PartnerdService

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the config and every included file; print every problem.",
        discussion: "Exit status: 0 when the config is valid (warnings allowed), 1 when it is not.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let source = options.source
        let result = source.load()
        for issue in result.issues { FileHandleOutput.standardError.write(issue.rendered + "\n") }
        guard let configuration = result.configuration else {
            let errors = result.errors.count
            let warnings = result.warnings.count
            FileHandleOutput.standardError.write(
                "\(source.path): invalid: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
        let unreadable = ConfigurationPermissions.warnings(for: configuration.files)
        for issue in unreadable { FileHandleOutput.standardError.write(issue.rendered + "\n") }
        // Events of the coming year on a public holiday of either city or in a closure of the office.
        let today = configuration.daemon.zone.localDateTime(at: SystemClock().now).date
        let conflicts = HolidayConflicts.warnings(in: configuration, from: today, through: today.adding(days: 365))
        for issue in conflicts { FileHandleOutput.standardError.write(issue.rendered + "\n") }
        for line in Self.calendarLines(configuration, copies: options.calendarCopies) { printLine(line) }
        let warnings = result.warnings.count + unreadable.count + conflicts.count
        let files = configuration.files.count
        printLine(
            "\(source.path): valid: \(configuration.partnerships.count) partnerships, \(configuration.eventCount) events, "
                + "\(files) file\(files == 1 ? "" : "s")"
                + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
    }

    /// One line per fetched calendar: when it was last fetched and with what result, from the daemon's records.
    static func calendarLines(_ configuration: Configuration, copies: CalendarCopyStore) -> [String] {
        let zone = configuration.daemon.zone
        func at(_ seconds: Int64) -> String { zone.isoString(Instant(secondsSinceEpoch: seconds)) }
        return configuration.calendarSources.map { source in
            let head = "calendar \(source.name) (\(source.url))"
            guard let record = copies.record(of: source, configuredStateDirectory: configuration.daemon.stateDirectory),
                let attempted = record.attemptedAt
            else {
                return "\(head): never fetched; the daemon fetches it when it starts or reloads, and its events come then"
            }
            var line = "\(head): last fetched \(at(attempted)): \(record.lastResult ?? "no result recorded")"
            if record.failures > 0 {
                line += record.confirmedAt.map { "; the copy confirmed \(at($0)) stays in use" } ?? "; there is no copy yet"
            }
            return line
        }
    }
}
