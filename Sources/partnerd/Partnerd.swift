import ArgumentParser
import Logging
import PartnerdService
import ServiceLifecycle

import Glibc

/// `partnerd`: arguments in, the daemon's services out; everything else lives in PartnerdService.
@main
struct Partnerd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerd",
        abstract: "The reminder daemon for town-twinning partnerships.",
        discussion: """
            Runs in the foreground (systemd Type=notify). SIGHUP reloads the config; SIGTERM or SIGINT stop it.
            Exit status: 0 after SIGTERM/SIGINT, 1 when the config is invalid at start, 2 for bad arguments.
            """,
        version: PartnerdVersion.current)

    @Option(help: ArgumentHelp("The config file (default: $PARTNERD_CONFIG, $CONFIGURATION_DIRECTORY/partnerd.toml, /etc/partnerd/partnerd.toml, Config/partnerd.toml).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("Where the ledger and feed revisions are kept.", valueName: "dir"))
    var stateDirectory: String?

    @Option(help: ArgumentHelp("Serve the feeds on host:port instead of feed.listen.", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("The control socket for partnerctl.", valueName: "path"))
    var socket: String?

    @Option(
        help: ArgumentHelp(
            "Give the control socket to this group, whose members may then run partnerctl status and reload.",
            valueName: "group"))
    var socketGroup: String?

    @Option(help: ArgumentHelp("Where log entries and reminders go: auto, journald or stderr.", valueName: "target"))
    var logTarget: String = "auto"

    func validate() throws {
        guard ["auto", "journald", "stderr"].contains(logTarget) else {
            throw ValidationError("--log-target must be auto, journald or stderr, not \"\(logTarget)\"")
        }
        if let listen, !listen.isEmpty, case .failure(let error) = ListenAddress.parse(listen) {
            throw ValidationError("--listen \"\(listen)\": \(error.reason)")
        }
    }

    /// Runs with SPEC.md's exit statuses: bad arguments exit 2, not ArgumentParser's 64.
    static func main() async {
        MemoryArenas.limit()
        do {
            var command = try parseAsRoot()
            if let daemon = command as? Partnerd {
                try await daemon.run()
            } else {
                try command.run()
            }
        } catch {
            exit(after: error)
        }
    }

    func run() async throws {
        let environment = processEnvironment()
        let target: LogTarget =
            switch logTarget {
            case "journald": .journald
            case "stderr": .stderr
            default: LogTarget.automatic(environment: environment)
            }
        LoggingSystem.bootstrap { target.makeLogHandler(label: $0, environment: environment) }
        let logger = Logger(label: "partnerd")

        let options = DaemonOptions(
            configPath: config, stateDirectory: stateDirectory, listen: listen, socket: socket, socketGroup: socketGroup, logTarget: target,
            environment: environment)
        do {
            try await DaemonRuntime(options: options, logger: logger).run()
        } catch let failure as DaemonRuntime.StartFailure {
            // One entry per failure: under systemd standard error is the journal too, so it is written there only
            // when it is something else (a terminal) and the record itself went to journald.
            logger.critical("\(failure.message)", metadata: ["message_id": "\(MessageID.startFailed.rawValue)"])
            if target == .journald && !LogTarget.standardErrorIsJournal(environment: environment) {
                StderrLogHandler.standardError("partnerd: \(failure.message)\n")
            }
            throw ExitCode(failure.exitCode)
        }
    }
}
