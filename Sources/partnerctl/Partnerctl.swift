import ArgumentParser
import PartnerdService

import Glibc

@main
struct Partnerctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerctl",
        abstract: "Check partnerd's config, list what is coming, and ask the running daemon.",
        version: PartnerdVersion.current,
        subcommands: [Check.self, Upcoming.self, Export.self, Status.self, Reload.self])

    /// Runs the command with SPEC.md's exit statuses: bad arguments exit 2, not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            if let explicit = error as? ExitCode {
                Glibc.exit(explicit.rawValue)
            }
            FileHandleOutput.standardError.write(fullMessage(for: error) + "\n")
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// `--config PATH`, shared by the offline commands.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path"))
    var config: String?

    /// Loads the config; prints every issue to standard error; exits 1 when it is invalid.
    func load(printWarnings: Bool = true) throws -> Configuration {
        let source = ConfigurationSource(explicitPath: config)
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

/// Unbuffered writes to standard output and standard error.
enum FileHandleOutput {
    case standardOutput, standardError

    func write(_ text: String) {
        try? Posix.writeAll(self == .standardOutput ? 1 : 2, text.utf8)
    }
}
