import ArgumentParser
import PartnerdService

import Glibc

@main
struct Partnerctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerctl",
        abstract: "Check partnerd's config, list what is coming, and ask the running daemon.",
        version: PartnerdVersion.current,
        subcommands: [Check.self, Upcoming.self, Export.self, Status.self, Reload.self, Fetch.self, Tasks.self, Done.self, TestChannel.self, Holidays.self, CalendarPreview.self])

    /// Runs the command with SPEC.md's exit statuses: bad arguments exit 2, not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(after: error)
        }
    }
}

/// `--config PATH`, shared by the offline commands.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the daemon keeps its state: feed revisions, copies of fetched calendars (default: as partnerd "
                + "finds it; for calendars then /var/lib/partnerd).",
            valueName: "dir"))
    var stateDirectory: String?

    /// The copies of fetched calendars, where the daemon would keep them.
    var calendarCopies: CalendarCopyStore {
        CalendarCopyStore(
            flag: stateDirectory, environment: processEnvironment(),
            fallbacks: stateDirectory == nil ? ["/var/lib/partnerd"] : [])
    }

    /// The config as the daemon would read it, fetched calendars' copies included.
    var source: ConfigurationSource { ConfigurationSource(explicitPath: config, calendarCopies: calendarCopies) }

    /// Loads the config; prints every issue to standard error; exits 1 when it is invalid.
    func load(printWarnings: Bool = true) throws -> Configuration {
        let source = self.source
        let result = source.load()
        if printWarnings || result.configuration == nil {
            for issue in result.issues { FileHandleOutput.standardError.write(issue.rendered + "\n") }
        }
        guard let configuration = result.configuration else {
            FileHandleOutput.standardError.write(
                "\(source.path): \(result.errors.count) error(s); run `partnerctl check --config \(source.path)` after fixing them\n")
            throw ExitCode(1)
        }
        return configuration
    }
}

/// Unbuffered writes to standard output and standard error: every command prints through here.
enum FileHandleOutput {
    case standardOutput, standardError

    /// Where a command's output goes instead of the process's descriptors while set (the partnerctl tests run
    /// commands in-process and read what they printed).
    @TaskLocal static var redirect: (@Sendable (FileHandleOutput, String) -> Void)?

    func write(_ text: String) {
        if let redirect = Self.redirect {
            redirect(self, text)
        } else {
            try? Posix.writeAll(self == .standardOutput ? 1 : 2, text.utf8)
        }
    }
}

/// A line on standard output, through ``FileHandleOutput``.
func printLine(_ text: String = "") {
    FileHandleOutput.standardOutput.write(text + "\n")
}
