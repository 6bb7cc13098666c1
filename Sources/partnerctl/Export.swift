import ArgumentParser
import PartnerdService

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the iCalendar feed: the bytes the daemon serves for the same config on the same day.",
        discussion: """
            Without --partnership: the calendar of every partnership (/calendar.ics). SEQUENCE and DTSTAMP \
            come from the daemon's revision table in the state directory when it can be read; without it every \
            event has SEQUENCE 0 and today's start as DTSTAMP, so the output is the same all day.
            Exit status: 0, 1 when the config is invalid, 2 for bad arguments.
            """)

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Only this partnership (/partnerships/<id>.ics).", valueName: "id"))
    var partnership: String?

    @Flag(help: "Include private partnerships and events (what the feed shows with ?token=).")
    var includePrivate = false

    @Option(
        name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically).", valueName: "file")
    )
    var output: String?

    func validate() throws {
        if let partnership, PartnershipID(validating: partnership) == nil {
            throw ValidationError("--partnership \"\(partnership)\" is not a partnership id (a-z, 0-9 and -)")
        }
    }

    func run() throws {
        let configuration = try options.load(printWarnings: false)
        var key = FeedKey(includesPrivate: includePrivate)
        if let partnership {
            let id = PartnershipID(rawValue: partnership)
            guard let found = configuration.partnership(id) else {
                let known = configuration.partnerships.map(\.id.rawValue)
                FileHandleOutput.standardError.write(
                    "partnerctl: no partnership \"\(partnership)\" in the config; known: \(known.joined(separator: ", "))\n"
                )
                throw ExitCode(2)
            }
            if found.isPrivate && !includePrivate {
                FileHandleOutput.standardError.write(
                    "partnerctl: partnership \"\(partnership)\" is private; add --include-private to export it\n")
                throw ExitCode(2)
            }
            key.partnership = id
        }
        let directory = StateDirectory.resolve(
            flag: options.stateDirectory, configured: configuration.daemon.stateDirectory, environment: processEnvironment())
        let revisions: FeedRevisionTable
        do {
            revisions = try FeedRevisionFile(stateDirectory: directory).load() ?? .empty
        } catch {
            FileHandleOutput.standardError.write("partnerctl: ignoring the revision table: \(error)\n")
            revisions = .empty
        }
        // Written as rendered, in blocks: memory holds the calendar's components, not its text as well.
        let renderer = FeedRenderer(configuration: configuration)
        let now = FeedRenderer.startOfDay(at: SystemClock().now, in: configuration.daemon.zone)
        if let output {
            do {
                let file = try AtomicFile.Writer(path: output, mode: 0o644)
                guard renderer.stream(key, revisions: revisions, now: now, to: file.write) else {
                    FileHandleOutput.standardError.write("partnerctl: there is no feed \(key)\n")
                    throw ExitCode(2)
                }
                try file.commit()
            } catch let error as AtomicFile.WriteError {
                FileHandleOutput.standardError.write("partnerctl: \(error)\n")
                throw ExitCode(1)
            }
        } else {
            let found = renderer.stream(key, revisions: revisions, now: now) { block in
                FileHandleOutput.standardOutput.write(String(decoding: block, as: UTF8.self))
            }
            guard found else {
                FileHandleOutput.standardError.write("partnerctl: there is no feed \(key)\n")
                throw ExitCode(2)
            }
        }
    }
}
