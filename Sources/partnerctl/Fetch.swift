import ArgumentParser
import PartnerdCore
import PartnerdService

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running daemon to fetch every calendar with a url now, and print how each went.",
        discussion: """
            A calendar that changed reloads the config, as `partnerctl reload` does. A source that is down or sends \
            something that is not a calendar keeps its last good copy in use.
            Exit status: 0 when every calendar was fetched, 1 when one failed, 3 not running, 4 when the daemon \
            cannot be asked.
            """)

    @OptionGroup var socket: SocketOption

    func run() throws {
        // Four calendars at a time, each within its timeout (at most 10 min).
        let status = try socket.ask(timeout: .seconds(3600)) { try $0.fetchCalendars() }
        if status.calendars.isEmpty {
            printLine("the config in force has no calendar with a url")
            return
        }
        var failed = 0
        for calendar in status.calendars {
            let result = calendar.lastResult ?? "not fetched"
            if calendar.failures > 0 {
                failed += 1
                let copy = calendar.confirmedAt.map { "; the copy confirmed \($0) stays in use" } ?? "; there is no copy yet"
                FileHandleOutput.standardError.write("\(calendar.name): \(result)\(copy)\n")
            } else {
                printLine("\(calendar.name): \(result); \(calendar.events) event\(calendar.events == 1 ? "" : "s") in force")
            }
        }
        if let reload = status.lastReload, reload.result == .rejected {
            FileHandleOutput.standardError.write(
                "the last reload (\(reload.at)) was rejected; fix the config and run `partnerctl reload`\n")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
