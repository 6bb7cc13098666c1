import ArgumentParser
import Foundation
import PartnerdService

import Glibc

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the running daemon is doing.",
        discussion: """
            Asks partnerd over its control socket: since when it runs, its config files, the last reload, \
            what it will remind of next and what it delivered last, and its feeds.
            Exit status: 0 running, 3 not running, 4 when the daemon cannot be asked (permission, protocol).
            """)

    @OptionGroup var socket: SocketOption

    @Flag(help: "Print the status as one JSON document.")
    var json = false

    func run() throws {
        let status = try socket.ask { try $0.status() }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(status)
            FileHandleOutput.standardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        let view = DaemonStatusView(colour: Terminal.wantsColour(descriptor: 1, environment: processEnvironment()))
        FileHandleOutput.standardOutput.write(view.render(status, now: SystemClock().now))
    }
}

/// `--socket PATH`, shared by the commands that ask the running daemon.
struct SocketOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The daemon's control socket (default: $RUNTIME_DIRECTORY/partnerd.sock, /run/partnerd/partnerd.sock "
                + "for root, else $XDG_RUNTIME_DIR/partnerd/partnerd.sock).",
            valueName: "path"),
        completion: .file())
    var socket: String?

    /// The socket to connect to.
    var path: String {
        ControlSocketLocator.current.clientPath(explicit: socket, exists: fileExists)
    }

    /// Runs `question` against the daemon; reports a failure on standard error and exits with its LSB status.
    func ask<Answer>(timeout: Duration = .seconds(30), _ question: (ControlClient) throws -> Answer) throws -> Answer {
        let path = self.path
        do {
            return try question(ControlClient(path: path, timeout: timeout))
        } catch let error as ControlClientError {
            FileHandleOutput.standardError.write("partnerctl: \(error)\n")
            if case .notRunning = error {
                let socketArgument = socket.map { " --socket \($0)" } ?? ""
                FileHandleOutput.standardError.write(
                    "Start it with `systemctl start partnerd`, or in the foreground with "
                        + "`partnerd --config FILE\(socketArgument)`.\n")
                throw ExitCode(3)
            }
            throw ExitCode(4)
        }
    }
}

/// Whether to colour output (https://no-color.org).
enum Terminal {
    /// Colour only when the descriptor is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
    static func wantsColour(descriptor: Int32, environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }
}
