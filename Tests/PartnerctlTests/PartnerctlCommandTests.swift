import ArgumentParser
import Foundation
import Synchronization
import Testing

@testable import partnerctl

/// What one partnerctl command printed and the status it would exit with.
struct CommandOutcome {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs `partnerctl ARGUMENTS` in-process: parsed as the program parses them, output captured.
func partnerctl(_ arguments: [String]) -> CommandOutcome {
    let output = Mutex<(out: String, err: String)>(("", ""))
    let status: Int32 = FileHandleOutput.$redirect.withValue({ stream, text in
        output.withLock { stream == .standardOutput ? $0.out.append(text) : $0.err.append(text) }
    }) {
        do {
            var command = try Partnerctl.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let explicit as ExitCode {
            return explicit.rawValue
        } catch {
            FileHandleOutput.standardError.write(Partnerctl.fullMessage(for: error))
            return Partnerctl.exitCode(for: error) == .validationFailure ? 2 : Partnerctl.exitCode(for: error).rawValue
        }
    }
    let (out, err) = output.withLock { $0 }
    return CommandOutcome(status: status, standardOutput: out, standardError: err)
}

/// A config file in a fresh temporary directory.
func writeConfig(_ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partnerctl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("partnerd.toml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

let brusselsConfig = """
    [daemon]
    timezone = "Europe/Berlin"
    language = "de"
    workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    [[partnership]]
    id = "berlin-bruessel"
    city = "Berlin"
    partner = "Brüssel"
    country = "BE"
    signed = 1992-06-01
    timezone = "Europe/Brussels"

    [[partnership.event]]
    id = "konzert"
    title = "Konzert"
    start = 2030-06-10T19:00:00
    duration = "2h"
    remind = ["1d"]
    """

@Suite("partnerctl commands, run in-process")
struct PartnerctlCommandTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/partnerd.toml").path

    @Test("check: the sample config is valid and counted")
    func checkSample() {
        let outcome = partnerctl(["check", "--config", Self.sample])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains(": valid: "))
        #expect(outcome.standardOutput.contains("partnerships"))
    }

    @Test("check: every error of an invalid config, with its line, and status 1")
    func checkInvalid() throws {
        let path = try writeConfig(
            """
            [daemon]
            timezon = "Europe/Berlin"
            language = "xx"
            """)
        let outcome = partnerctl(["check", "--config", path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("\(path):2:1: error: daemon → timezon: unknown key \"timezon\" in daemon"))
        #expect(outcome.standardError.contains("did you mean \"timezone\"?"))
        #expect(outcome.standardError.contains("\(path):3:1: error: daemon → language: \"xx\" is not a supported language"))
        #expect(outcome.standardError.contains("invalid: 2 errors"))
    }

    @Test("upcoming --json: the anniversary and the event of a range, with their reminders")
    func upcomingJSON() throws {
        let path = try writeConfig(brusselsConfig)
        let outcome = partnerctl(["upcoming", "--config", path, "--from", "2030-05-01", "--to", "2030-06-30", "--json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [[String: Any]])
        #expect(items.map { $0["event"] as? String } == ["anniversary", "konzert"])
        #expect(items.first?["start"] as? String == "2030-06-01")
        #expect(items.first?["anniversary"] as? Int == 38)
        let reminders = try #require(items.last?["reminders"] as? [[String: Any]])
        #expect(reminders.map { $0["due"] as? String } == ["2030-06-09T19:00:00+02:00"])
    }

    @Test("upcoming as text: one block per occurrence in the config's language")
    func upcomingText() throws {
        let path = try writeConfig(brusselsConfig)
        let outcome = partnerctl(["upcoming", "--config", path, "--from", "2030-06-05", "--days", "10"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("[event] berlin-bruessel\n    Konzert\n    remind 1d before: "))
        let empty = partnerctl(["upcoming", "--config", path, "--from", "2031-01-01", "--days", "3"])
        #expect(empty.standardOutput == "Nothing from 2031-01-01 to 2031-01-03.\n")
    }

    @Test(
        "bad arguments exit 2 and say what is wrong",
        arguments: [
            (["upcoming", "--to", "2030-01-01", "--days", "3"], "either --to or --days"),
            (["upcoming", "--from", "1.6.2030"], "is not a date"),
            (["upcoming", "--partnership", "Berlin Brüssel"], "is not a partnership id"),
            (["upcoming", "--days", "0"], "--days must be from 1 to 36600"),
            (["export", "--partnership", "Ä"], "is not a partnership id"),
        ])
    func badArguments(arguments: [String], message: String) {
        let outcome = partnerctl(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
    }

    @Test("upcoming for a partnership the config does not have: status 2 and the known ids")
    func unknownPartnership() throws {
        let path = try writeConfig(brusselsConfig)
        let outcome = partnerctl(["upcoming", "--config", path, "--partnership", "berlin-paris"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("known: berlin-bruessel"))
    }

    @Test("export: a calendar with the partnership's anniversary")
    func export() throws {
        let path = try writeConfig(brusselsConfig)
        let outcome = partnerctl(["export", "--config", path, "--partnership", "berlin-bruessel"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(outcome.standardOutput.contains("Konzert"))
    }

    @Test("export -o writes the same bytes it prints, and an unknown feed writes no file")
    func exportToFile() throws {
        let path = try writeConfig(brusselsConfig)
        let printed = partnerctl(["export", "--config", path])
        let file = path + ".ics"
        let written = partnerctl(["export", "--config", path, "-o", file])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.standardOutput)
        let missing = path + ".missing.ics"
        #expect(partnerctl(["export", "--config", path, "--partnership", "berlin-paris", "-o", missing]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: missing))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(!leftovers.contains { $0.contains(".tmp-") })
    }

    @Test("status and reload without a daemon: status 3 (LSB: not running) and how to start one")
    func noDaemon() throws {
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).sock").path
        for command in ["status", "reload"] {
            let outcome = partnerctl([command, "--socket", socket])
            #expect(outcome.status == 3, "\(command): \(outcome.standardError)")
            #expect(outcome.standardError.contains("systemctl start partnerd"))
        }
    }
}

@Suite("partnerctl check as root")
struct PartnerctlPermissionTests {
    @Test(
        "a file the service's dynamic user cannot read is a warning with the fix",
        .enabled(if: geteuid() == 0, "only root reads a file of mode 0600 that it does not own"))
    func unreadableByTheService() throws {
        let path = try writeConfig(brusselsConfig)
        #expect(chmod(path, 0o600) == 0)
        let hidden = partnerctl(["check", "--config", path])
        #expect(hidden.status == 0)
        #expect(hidden.standardError.contains("\(path): warning: only its owner and group can read it (mode 600)"))
        #expect(hidden.standardError.contains("fix: chmod o+r \(path)"))
        #expect(hidden.standardOutput.contains("1 warning"))
        #expect(chmod(path, 0o644) == 0)
        let readable = partnerctl(["check", "--config", path])
        #expect(!readable.standardError.contains("can read it"))
    }
}
