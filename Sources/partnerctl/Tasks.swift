import ArgumentParser
import Foundation
import PartnerdCore
import PartnerdService

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the task items of the running daemon's config: open, due, overdue and done (by whom, when).",
        discussion: "Exit status: 0, 3 not running, 4 when the daemon cannot be asked.")

    @OptionGroup var socket: SocketOption

    @Flag(help: "Only the items not done yet.")
    var open = false

    @Flag(help: "Print the items as one JSON array.")
    var json = false

    func run() throws {
        var items = try socket.ask { try $0.tasks() }
        if open { items = items.filter { $0.state != .done } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
            printLine(String(decoding: data, as: UTF8.self))
            return
        }
        if items.isEmpty {
            printLine(open ? "no open task items" : "the config in force has no task items")
            return
        }
        for item in items {
            let state: String
            switch item.state {
            case .open: state = "open"
            case .due: state = "due"
            case .overdue: state = "OVERDUE"
            case .done: state = "done \(item.doneAt ?? "") by \(item.doneBy ?? "?")"
            }
            printLine("\(item.item)  \(state)  due \(item.due)  \(item.title) (for \(item.target), \(item.occurrence))")
        }
    }
}

struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark a task item done: its reminders and repeats stop.",
        discussion: """
            ITEM is partnership/task/YYYY-MM-DD, as every task reminder and `partnerctl tasks` print it. Marking an \
            item twice changes nothing. The answer comes once the daemon's ledger holds the mark.
            Exit status: 0 marked (or marked before), 1 unknown item or not recorded, 3 not running, 4 when the daemon \
            cannot be asked.
            """)

    @OptionGroup var socket: SocketOption

    @Argument(help: ArgumentHelp("The task item.", valueName: "item"))
    var item: String

    @Option(help: ArgumentHelp("Who did it (default: the user running partnerctl).", valueName: "name"))
    var by: String?

    func validate() throws {
        guard TaskItemID(validating: item) != nil else {
            throw ValidationError("\"\(item)\" is not a task item: write partnership/task/YYYY-MM-DD, as `partnerctl tasks` lists them")
        }
    }

    func run() throws {
        let environment = processEnvironment()
        let who = by ?? environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "partnerctl"
        let outcome: TaskDoneOutcome
        do {
            outcome = try ControlClient(path: socket.path).markDone(item, by: who)
        } catch ControlClientError.refused(let error) {
            FileHandleOutput.standardError.write("partnerctl: \(error.message)\n")
            throw ExitCode(1)
        } catch {
            _ = try socket.ask { _ in throw error }
            return
        }
        if outcome.isNew {
            printLine("\(outcome.item) done: \(outcome.title) (marked \(outcome.at) by \(outcome.by))")
        } else {
            printLine("\(outcome.item) was done already: marked \(outcome.at) by \(outcome.by)")
        }
    }
}
