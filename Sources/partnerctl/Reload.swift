import ArgumentParser
import PartnerdService

struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running daemon to reload its config, and print the outcome.",
        discussion: """
            The daemon checks the new config first; when it is invalid the old one stays in force and every \
            error is printed here.
            Exit status: 0 applied, 1 rejected, 3 not running, 4 when the daemon cannot be asked.
            """)

    @OptionGroup var socket: SocketOption

    func run() throws {
        let outcome = try socket.ask { try $0.reload() }
        for warning in outcome.warnings { FileHandleOutput.standardError.write(warning + "\n") }
        let counts =
            "\(outcome.partnerships) partnership\(outcome.partnerships == 1 ? "" : "s"), "
            + "\(outcome.events) event\(outcome.events == 1 ? "" : "s")"
        switch outcome.result {
        case .applied:
            FileHandleOutput.standardOutput.write("reload applied at \(outcome.at): \(counts)\n")
        case .rejected:
            for error in outcome.errors { FileHandleOutput.standardError.write(error + "\n") }
            let errors = outcome.errors.count
            FileHandleOutput.standardError.write(
                "reload rejected at \(outcome.at): \(errors) error\(errors == 1 ? "" : "s"); "
                    + "the previous config stays in force (\(counts))\n")
            throw ExitCode(1)
        }
    }
}
