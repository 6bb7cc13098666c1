import ArgumentParser
import Glibc

extension ParsableCommand {
    /// Ends the process after `error` with SPEC.md's exit statuses, for both programs: `--help` and `--version`
    /// print to standard output and exit 0, an explicit ``ExitCode`` keeps its number, and bad arguments exit 2
    /// (ArgumentParser's own status for them is 64).
    package static func exit(after error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Glibc.exit(0)
        }
        if let explicit = error as? ExitCode { Glibc.exit(explicit.rawValue) }
        let message = fullMessage(for: error)
        if !message.isEmpty { StderrLogHandler.standardError(message + "\n") }
        Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
    }
}
