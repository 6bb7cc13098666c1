import PartnerdTOML
/// Reads a config file and everything it includes, checks it and builds a ``Configuration``.
///
/// Every problem is collected (syntax, unknown keys, types, values, cross-references) so that one
/// `partnerctl check` shows them all. The result carries the configuration only when there is no error.
public struct ConfigurationLoader: Sendable {
    public let fileSystem: any ConfigurationFileSystem
    /// The present, for warnings about events that can no longer remind anyone.
    public let now: Instant
    /// The zone used when `daemon.timezone` is absent.
    public let systemZone: Zone
    /// `$CREDENTIALS_DIRECTORY`: where channels' secret files named by a relative path are read.
    public let credentialsDirectory: String?
    /// Where the last good copies of fetched calendars are read; `nil` reads none (their events are left out).
    public var calendarCopies: (any CalendarCopies)?

    public init(
        fileSystem: any ConfigurationFileSystem, now: Instant, systemZone: Zone, credentialsDirectory: String? = nil
    ) {
        self.fileSystem = fileSystem
        self.now = now
        self.systemZone = systemZone
        self.credentialsDirectory = credentialsDirectory.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The outcome of loading: a configuration when there were no errors, and every issue found.
    public struct Result: Sendable {
        public var configuration: Configuration?
        public var issues: [ConfigurationIssue]

        public init(configuration: Configuration?, issues: [ConfigurationIssue]) {
            self.configuration = configuration
            self.issues = issues
        }

        public var errors: [ConfigurationIssue] { issues.filter { $0.severity == .error } }
        public var warnings: [ConfigurationIssue] { issues.filter { $0.severity == .warning } }
    }

    /// Files larger than this are refused before parsing (a config is a few kilobytes; 64 MB is a mistake).
    public static let maximumFileSize = 64 << 20

    /// How the readers read imported calendars' files: through the same file system as the config.
    private var calendarReader: (String) -> Swift.Result<[UInt8], ConfigurationFileError> {
        let fileSystem = self.fileSystem
        return { path in
            Swift.Result { () throws(ConfigurationFileError) -> [UInt8] in try fileSystem.contents(of: path) }
        }
    }

    public func load(path: String) -> Result {
        var run = Run()
        guard let main = parseFile(path, run: &run) else {
            return Result(configuration: nil, issues: run.issues)
        }
        var reader = ConfigurationReader(file: path, root: main.table)
        reader.credentialsDirectory = credentialsDirectory
        reader.baseDirectory = path.directoryPart
        reader.readCalendarFile = calendarReader
        let settings = reader.decodeMain(main.table, systemZone: systemZone)
        reader.calendarCopies = calendarCopies
        reader.configuredStateDirectory = settings.daemon.stateDirectory
        run.configuredStateDirectory = settings.daemon.stateDirectory
        let fileSystem = self.fileSystem
        let channels = reader.decodeChannels(main.table, daemon: settings.daemon) { secretPath in
            Swift.Result { () throws(ConfigurationFileError) -> String in
                String(decoding: try fileSystem.contents(of: secretPath), as: UTF8.self)
            }
        }
        let routes = reader.decodeRoutes(main.table)
        reader.knownChannels = channels.map(\.id)
        run.knownChannels = channels.map(\.id)
        var partnerships = reader.decodePartnerships(
            main.table, zone: settings.daemon.zone, now: now, origins: &run.partnershipOrigins)
        let patterns = reader.includePatterns(main.table, isMain: true)
        run.issues += reader.issues
        run.files.append(path)
        let canonical = fileSystem.canonicalPath(path)
        run.visited.insert(canonical)
        partnerships += includeFiles(
            patterns, of: reader, ancestry: [canonical], zone: settings.daemon.zone, run: &run)
        if partnerships.isEmpty {
            var tail = ConfigurationReader(file: path, root: main.table)
            tail.warning(
                ConfigurationKeyPath(), "the config has no partnerships, so there is nothing to remind of",
                hint: "add a [[partnership]] table, or include files that have them", kind: .noPartnerships)
            run.issues += tail.issues
        }
        var routing = ConfigurationReader(file: path, root: main.table)
        routing.checkRouting(
            routes: routes, defaults: settings.reminders.channels,
            defaultsPath: ConfigurationKeyPath([.key("reminders"), .key("channels")]), channels: channels,
            partnerships: partnerships.map(\.id))
        run.issues += routing.issues
        guard run.issues.allSatisfy({ $0.severity != .error }) else {
            return Result(configuration: nil, issues: run.issues)
        }
        var configuration = Configuration(
            daemon: settings.daemon, feed: settings.feed, reminders: settings.reminders,
            partnerships: partnerships, files: run.files)
        configuration.channels = channels
        configuration.routes = routes.map(\.route)
        return Result(configuration: configuration, issues: run.issues)
    }

    /// What one load gathers across files.
    private struct Run {
        var issues: [ConfigurationIssue] = []
        var files: [String] = []
        var visited: Set<String> = []
        /// Where each partnership id was first defined (`file:line`), for duplicate messages.
        var partnershipOrigins: [PartnershipID: String] = [:]
        /// `daemon.state_directory` of the main file, for the calendar copies of included files.
        var configuredStateDirectory: String?
        /// The main file's channels, for the channels named by tasks of included files.
        var knownChannels: [ChannelID]?
    }

    private struct ParsedFile {
        let table: TOMLTable
    }

    private func parseFile(
        _ path: String, run: inout Run, includedBy: (String, TOMLPosition?)? = nil
    ) -> ParsedFile? {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.contents(of: path)
        } catch {
            run.issues.append(
                ConfigurationIssue(
                    file: includedBy?.0 ?? path, line: includedBy?.1?.line, column: includedBy?.1?.column,
                    message: "cannot read \"\(path)\": \(error.reason)",
                    hint: includedBy == nil
                        ? "pass the path of a readable TOML file with --config" : "fix the include pattern or the file's permissions"))
            return nil
        }
        guard bytes.count <= Self.maximumFileSize else {
            run.issues.append(
                ConfigurationIssue(
                    file: path, message: "the file is \(bytes.count) bytes long, more than a config can be",
                    hint: "check that this is the config file; split large configs with include"))
            return nil
        }
        if bytes.contains(0) {
            run.issues.append(
                ConfigurationIssue(
                    file: path, message: "the file contains NUL bytes, so it is not a text file",
                    hint: "check that this is the config file"))
            return nil
        }
        do {
            let table = try TOMLReader.parse(bytes)
            return ParsedFile(table: table)
        } catch {
            let syntax = error.message.hasPrefix("the document is not valid UTF-8")
                ? error.message.replacingOccurrences(of: "the document", with: "the file")
                : "TOML syntax: \(error.message)"
            run.issues.append(
                ConfigurationIssue(
                    file: path, line: error.position.line, column: error.position.column, message: syntax,
                    hint: error.hint))
            return nil
        }
    }

    /// Reads the files that `patterns` of the file `including` match, and what they include in turn; returns their
    /// partnerships. `ancestry` is the chain of canonical paths that led here, to report include cycles.
    private func includeFiles(
        _ patterns: [(pattern: String, keyPath: ConfigurationKeyPath)], of including: ConfigurationReader,
        ancestry: [String], zone: Zone, run: inout Run
    ) -> [Partnership] {
        let path = including.file
        let base = including.baseDirectory
        var partnerships: [Partnership] = []
        var expanded = Set<String>()
        for (pattern, keyPath) in patterns {
            // The same pattern twice matches the same files: expanding it again would only cost time.
            guard expanded.insert(pattern).inserted else { continue }
            let position = including.root.position(of: keyPath)
            let matches = fileSystem.paths(matching: pattern, relativeTo: path.directoryPart)
            if matches.isEmpty {
                run.issues.append(
                    ConfigurationIssue(
                        file: path, line: position?.line, column: position?.column, keyPath: keyPath,
                        message: "\"\(pattern)\" matches no file (relative to \(path.directoryPart))",
                        hint: "fix the pattern, or remove it from include"))
                continue
            }
            for match in matches {
                let canonical = fileSystem.canonicalPath(match)
                if ancestry.contains(canonical) {
                    run.issues.append(
                        ConfigurationIssue(
                            file: path, line: position?.line, column: position?.column, keyPath: keyPath,
                            message: "\"\(match)\" includes itself through \"\(pattern)\" (a cycle)",
                            hint: "remove the include that leads back to a file already being read"))
                    continue
                }
                guard run.visited.insert(canonical).inserted else { continue }
                guard let parsed = parseFile(match, run: &run, includedBy: (path, position)) else { continue }
                run.files.append(match)
                var reader = ConfigurationReader(file: match, root: parsed.table)
                reader.baseDirectory = base
                reader.readCalendarFile = calendarReader
                reader.calendarCopies = calendarCopies
                reader.configuredStateDirectory = run.configuredStateDirectory
                reader.knownChannels = run.knownChannels
                reader.checkIncludedFile(parsed.table)
                partnerships += reader.decodePartnerships(
                    parsed.table, zone: zone, now: now, origins: &run.partnershipOrigins)
                let nested = reader.includePatterns(parsed.table, isMain: false)
                run.issues += reader.issues
                partnerships += includeFiles(nested, of: reader, ancestry: ancestry + [canonical], zone: zone, run: &run)
            }
        }
        return partnerships
    }
}
