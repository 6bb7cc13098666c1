import Logging
import ServiceLifecycle

/// What `partnerd`'s command line decided.
package struct DaemonOptions: Sendable {
    package var configPath: String?
    package var stateDirectory: String?
    package var listen: String?
    package var socket: String?
    /// The group that may use the control socket besides the daemon's own user (`--socket-group`).
    package var socketGroup: String?
    package var logTarget: LogTarget
    package var environment: [String: String]

    package init(
        configPath: String?, stateDirectory: String?, listen: String?, socket: String?, socketGroup: String? = nil,
        logTarget: LogTarget, environment: [String: String]
    ) {
        self.socketGroup = socketGroup
        self.configPath = configPath
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.socket = socket
        self.logTarget = logTarget
        self.environment = environment
    }
}

/// Assembles the daemon from its options and runs it until SIGTERM or SIGINT.
package struct DaemonRuntime: Sendable {
    /// A reason not to start, with the exit status SPEC.md gives it.
    package struct StartFailure: Error, Sendable {
        package var message: String
        package var exitCode: Int32
    }

    package let options: DaemonOptions
    package let logger: Logger
    /// How many config warnings the start logs one by one; a generated config can have thousands.
    static let warningsLogged = 20

    /// What the start logs of a config's warnings: each of the first ``warningsLogged``; beyond them one summary line
    /// per kind and where to read them all.
    static func warningLines(_ warnings: [ConfigurationIssue], path: String) -> [String] {
        var lines = warnings.prefix(warningsLogged).map(\.rendered)
        guard warnings.count > warningsLogged else { return lines }
        var counts: [String: Int] = [:]
        for warning in warnings { counts[warning.kind?.rawValue ?? "other warnings", default: 0] += 1 }
        for (kind, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("\(path): \(count) warning\(count == 1 ? "" : "s"): \(kind)")
        }
        lines.append(
            "\(warnings.count - warningsLogged) more warnings; `partnerctl check --config \(path)` lists them all")
        return lines
    }

    package init(options: DaemonOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    package func run() async throws {
        let clock = SystemClock()
        let source = ConfigurationSource(
            explicitPath: options.configPath, environment: options.environment, clock: clock,
            calendarCopies: CalendarCopyStore(flag: options.stateDirectory, environment: options.environment))
        let overrides = ConfigurationOverrides(listenFlag: options.listen)
        let result = source.load()
        let warnings = result.warnings
        for line in Self.warningLines(warnings, path: source.path) { logger.warning("\(line)") }
        guard let loaded = result.configuration else {
            let rendered = result.errors.map(\.rendered).joined(separator: "\n")
            let count = result.errors.count
            throw StartFailure(
                message: "the config \(source.path) is invalid (\(count) error\(count == 1 ? "" : "s")):\n\(rendered)",
                exitCode: 1)
        }
        let configuration = overrides.applied(to: loaded, logger: logger)

        let stateDirectory = StateDirectory.resolve(
            flag: options.stateDirectory, configured: configuration.daemon.stateDirectory, environment: options.environment)
        do {
            try AtomicFile.makeDirectory(stateDirectory)
        } catch {
            throw StartFailure(message: "cannot use the state directory: \(error)", exitCode: 1)
        }
        let socketPath: String
        do {
            socketPath = try ControlSocketLocator.current.path(explicit: options.socket)
        } catch {
            throw StartFailure(message: "cannot choose a control socket: \(error); pass --socket PATH", exitCode: 1)
        }

        let ledgerFile = LedgerFile(stateDirectory: stateDirectory)
        var ledger: DeliveryLedger?
        switch ledgerFile.load(now: clock.now) {
        case .fresh: ledger = nil
        case .loaded(let loaded): ledger = loaded
        case .corrupt(let reason, let movedTo):
            let place = movedTo.map { "; it is now \($0)" } ?? ""
            logger.error(
                "the ledger \(ledgerFile.path) was set aside because \(reason)\(place); starting a new one, nothing from the past is caught up",
                metadata: ["message_id": "\(MessageID.ledgerCorrupt.rawValue)"])
            ledger = nil
        }

        let journal: any JournalSink =
            options.logTarget == .journald
            ? JournalWriter() : StderrJournal(timestamps: (options.environment["JOURNAL_STREAM"] ?? "").isEmpty)
        let notifier = SystemdNotifier()
        let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
        let channels = ChannelDispatcher(clock: clock)
        let fetchClient = CalendarFetch.makeClient()
        let calendars = CalendarFetcher(
            configuration: configuration, stateDirectory: stateDirectory, clock: clock, logger: logger, client: fetchClient)
        let linkKey: TaskLinkKey?
        do {
            linkKey = try TaskLinkKey.load(
                stateDirectory: stateDirectory, credentialsDirectory: options.environment["CREDENTIALS_DIRECTORY"])
        } catch {
            logger.error("cannot read or make the key of task links (\(error)); task reminders carry no link")
            linkKey = nil
        }
        let engine = ReminderEngine(
            configuration: configuration, ledger: ledger,
            environment: ReminderEngine.Environment(
                clock: clock, journal: journal, ledger: ledgerFile, logger: logger, notifier: notifier,
                channels: channels, taskLinkKey: linkKey))
        let feeds = FeedService(
            configuration: configuration, stateDirectory: stateDirectory, clock: clock, logger: logger,
            metrics: DaemonMetrics.bootstrap(), tasks: { engine.taskFeed(includesPrivate: $0) },
            confirmation: linkKey.map { TaskConfirmation(key: $0, engine: engine, clock: clock) },
            onListening: { listeningContinuation.yield() })
        DaemonMetrics.taskCounts.withLock { $0 = { TaskCounts(engine.taskStatuses()) } }
        let controller = DaemonController(
            source: source, configuration: configuration, engine: engine, feeds: feeds, logger: logger,
            notifier: notifier, startedAt: clock.now,
            identity: DaemonController.Identity(
                stateDirectory: stateDirectory, socket: socketPath, logTarget: options.logTarget, overrides: overrides),
            clockEvents: SystemClockWatcher(), calendars: calendars,
            ready: {
                for await _ in listening { break }
                try Task.checkCancellation()
            })

        let control: ControlServer
        do {
            control = try await ControlServer.bind(
                ControlServer.Configuration(path: socketPath, group: options.socketGroup), handler: controller, logger: logger)
        } catch {
            await channels.shutdown()
            try? await fetchClient.shutdown()
            throw StartFailure(message: "\(error)", exitCode: 1)
        }

        let services: [any Service] = [feeds, controller, control, calendars]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            await channels.shutdown()
            try? await fetchClient.shutdown()
            throw error
        }
        await channels.shutdown()
        try? await fetchClient.shutdown()
    }
}
