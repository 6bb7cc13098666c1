import Foundation
import Testing

@testable import PartnerdCore

/// A config whose jubilee event (2024-06-01 10:00 UTC, after SchedulerDriver.base) has a task due six months ahead.
private func taskConfig(due: String = "-6mo", extra: String = "") -> String {
    """
    [daemon]
    timezone = "UTC"
    workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    [[channel]]
    id = "protokoll"
    type = "exec"
    command = ["/usr/local/bin/notify-protocol"]

    [[channel]]
    id = "leitung"
    type = "exec"
    command = ["/usr/local/bin/notify-head"]

    [reminders]
    channels = []

    [[partnership]]
    id = "berlin-bruessel"
    city = "Berlin"
    partner = "Brüssel"
    country = "BE"
    signed = 1992-06-01
    status = "suspended"

    [[partnership.event]]
    id = "empfang"
    title = "Empfang für 150 Gäste"
    start = 2024-06-01T10:00:00
    remind = []

    [[partnership.task]]
    id = "delegation-invite"
    title = "Delegation aus Brüssel einladen"
    for = "empfang"
    due = "\(due)"
    remind = ["14d", "1d"]
    repeat = "7d"
    escalate_after = "21d"
    escalate_to = ["leitung"]
    channels = ["protokoll"]
    \(extra)
    """
}

private func configuration(_ text: String) throws -> Configuration {
    let result = load(text, now: "2023-11-01T00:00:00Z")
    return try #require(result.configuration, "\(result.issues.map(\.rendered))")
}

private let item = TaskItemID(rawValue: "berlin-bruessel/delegation-invite/2024-06-01")
private func utc(_ text: String) -> Instant { Zone.utc.instant(for: LocalDateTime(isoText: text)!) }

@Suite("[[partnership.task]]: items, their reminders and the config's checks")
struct TaskPlanningTests {
    @Test("reminders before the due time, at it, then every 7 days until the occurrence; escalation from 21 days after")
    func moments() throws {
        let planner = Planner(configuration: try configuration(taskConfig()))
        let deliveries = planner.deliveries(dueIn: utc("2023-11-01T00:00:00")..<utc("2024-12-31T00:00:00"))
        let journal = deliveries.filter { $0.recipient == .journal }
        let allTasks = journal.filter { $0.reminder.occurrence.task?.item == item && $0.reminder.occurrence.kind == .task }
        #expect(allTasks.count == journal.count && !journal.isEmpty)
        let labels = journal.map(\.reminder.reminder.lead.text)
        #expect(Array(labels.prefix(5)) == ["due 2023-12-01 -14d", "due 2023-12-01 -1d", "due 2023-12-01", "due 2023-12-01 +1x7d", "due 2023-12-01 +2x7d"])
        #expect(journal.map(\.due).prefix(4) == [
            utc("2023-11-17T10:00:00"), utc("2023-11-30T10:00:00"), utc("2023-12-01T10:00:00"), utc("2023-12-08T10:00:00"),
        ])
        // 1 December + 26 weeks is 31 May, the eve of the reception; the 27th repeat would be after it began.
        #expect(journal.last?.reminder.reminder.lead.text == "due 2023-12-01 +26x7d")
        #expect(journal.last?.due == utc("2024-05-31T10:00:00"))
        let protocolOffice = deliveries.filter { $0.recipient == .channel(ChannelID(rawValue: "protokoll")) }
        #expect(protocolOffice.map(\.key.reminder) == journal.map(\.key.reminder))
        let head = deliveries.filter { $0.recipient == .channel(ChannelID(rawValue: "leitung")) }
        #expect(head.first?.due == utc("2023-12-22T10:00:00"))
        #expect(head.first?.reminder.reminder.lead.text == "due 2023-12-01 +3x7d")
        #expect(head.count == journal.count - 5)
        // The messages say what is due, for what, and how to mark it done.
        let texts = Texts(language: .en)
        let message = texts.message(for: journal[0].reminder, due: journal[0].due, zone: .utc, late: false)
        #expect(message == "Task due in 14 days (Friday, 1 December 2023): Delegation aus Brüssel einladen – for Empfang für 150 Gäste (Saturday, 1 June 2024, 10:00); done: partnerctl done berlin-bruessel/delegation-invite/2024-06-01")
        let overdue = Texts(language: .de).message(for: journal[4].reminder, due: journal[4].due, zone: .utc, late: true)
        #expect(overdue.hasPrefix("Aufgabe überfällig seit Freitag, 1. Dezember 2023: Delegation aus Brüssel einladen – für Empfang"))
        #expect(overdue.hasSuffix("erledigt: partnerctl done berlin-bruessel/delegation-invite/2024-06-01 – verspätet zugestellt"))
    }

    @Test("a task on a jubilee: one item per round anniversary, due at notify_at on its day")
    func jubilee() throws {
        let text = """
            [daemon]
            timezone = "Europe/Berlin"
            notify_at = "09:00"
            workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

            \(minimalPartnership)

            [[partnership.task]]
            id = "hall"
            title = "Saal buchen"
            for = "jubilee"
            due = "-4mo"
            """
        let planner = Planner(configuration: try configuration(text))
        let items = planner.taskItems(in: LocalDate(year: 2020, month: 1, day: 1)!...LocalDate(year: 2032, month: 12, day: 31)!)
        #expect(items.map(\.id.rawValue) == ["berlin-bruessel/hall/2022-06-01", "berlin-bruessel/hall/2032-06-01"])
        #expect(items[0].due == Zone(identifier: "Europe/Berlin")!.instant(for: LocalDateTime(isoText: "2022-02-01T09:00:00")!))
        #expect(Planner.taskUID(items[0].id) == "task-hall-20220601.berlin-bruessel@partnerd")
    }

    @Test("a reminder of a task on a closed day moves like any other")
    func movesOffClosedDays() throws {
        let text = taskConfig().replacingOccurrences(
            of: "workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]", with: "workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
        let planner = Planner(configuration: try configuration(text))
        let journal = planner.deliveries(dueIn: utc("2023-11-01T00:00:00")..<utc("2023-12-31T00:00:00"))
            .filter { $0.recipient == .journal }
        // Due Friday 1 December: the 14d lead (Friday 17 November) and the first repeat (Friday 8 December) stay.
        let byLabel = Dictionary(uniqueKeysWithValues: journal.map { ($0.reminder.reminder.lead.text, $0) })
        #expect(byLabel["due 2023-12-01 -14d"]?.due == utc("2023-11-17T10:00:00"))
        #expect(byLabel["due 2023-12-01 +1x7d"]?.due == utc("2023-12-08T10:00:00"))
        // Due Sunday 3 December (the reception on a Monday): the 1d lead on Saturday moves to Friday at notify_at.
        let monday = text.replacingOccurrences(of: "2024-06-01T10:00:00", with: "2024-06-03T10:00:00")
        let moved = Planner(configuration: try configuration(monday))
            .deliveries(dueIn: utc("2023-11-01T00:00:00")..<utc("2023-12-31T00:00:00")).filter { $0.recipient == .journal }
        let movedDue = moved.first { $0.reminder.reminder.lead.text == "due 2023-12-03 -1d" }
        #expect(movedDue?.due == utc("2023-12-01T09:00:00"))
        #expect(movedDue?.moved?.from == utc("2023-12-02T10:00:00"))
    }

    @Test("config errors: an unknown event or channel with did-you-mean, due missing, escalation without channels")
    func errors() {
        let result = load(
            """
            [[channel]]
            id = "protokoll"
            type = "exec"
            command = ["/bin/true"]

            \(minimalPartnership)

            [[partnership.event]]
            id = "empfang"
            title = "Empfang"
            start = 2027-06-01T10:00:00

            [[partnership.task]]
            id = "a"
            title = "A"
            for = "empfnag"
            due = "-6mo"
            channels = ["protokol"]

            [[partnership.task]]
            id = "b"
            title = "B"
            for = "jubilee"
            escalate_after = "21d"

            [[partnership.task]]
            id = "c"
            title = "C"
            for = "anniversary"
            due = "6 moons"
            repeat = "30min"
            """)
        let messages = result.errors.map(\.rendered)
        #expect(messages.contains { $0.contains("no event of this partnership has the id \"empfnag\"") && $0.contains("did you mean \"empfang\"") })
        #expect(messages.contains { $0.contains("no channel has the id \"protokol\"") && $0.contains("did you mean \"protokoll\"") })
        #expect(messages.contains { $0.contains("due is missing") })
        #expect(messages.contains { $0.contains("escalate_after names no channels to escalate to") })
        #expect(messages.contains { $0.contains("\"6 moons\" is not a span before or after the occurrence") })
        #expect(messages.contains { $0.contains("more often than once an hour") })
    }

    @Test("an hourly repeat for a year, in 300 partnerships: a day's plan works out that day's repeats only")
    func hourlyRepeats() throws {
        var text = "[daemon]\ntimezone = \"UTC\"\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n"
        for index in 0..<300 {
            text += """

                [[partnership]]
                id = "p\(index)"
                city = "Berlin"
                partner = "Partner \(index)"
                country = "BE"
                signed = 1992-06-01

                [[partnership.task]]
                id = "thanks"
                title = "Dankesbrief"
                for = "anniversary"
                due = "+1d"
                repeat = "1h"

                """
        }
        let planner = Planner(configuration: try configuration(text))
        let day = utc("2027-01-15T00:00:00")..<utc("2027-01-16T00:00:00")
        let deliveries = planner.deliveries(dueIn: day)
        // The 2026 anniversaries (1 June) are due on 2 June 2026 and repeated hourly for a year: 24 a day each.
        #expect(deliveries.count == 300 * 24)
        #expect(Set(deliveries.map(\.reminder.occurrence.task?.item.rawValue)).count == 300)
        let labels = deliveries.filter { $0.reminder.occurrence.partnership.rawValue == "p0" }.map(\.reminder.reminder.lead.text)
        // Due on 2 June at notify_at (09:00); 227 days later less nine hours is 15 January 00:00.
        #expect(labels.first == "due 2026-06-02 +5439x1h", "\(labels)")
        #expect(labels.last == "due 2026-06-02 +5462x1h")
    }

    @Test("item ids: three parts, each valid")
    func itemIDs() {
        #expect(TaskItemID(validating: "berlin-bruessel/hall/2032-06-01") != nil)
        #expect(TaskItemID(validating: "berlin-bruessel/hall") == nil)
        #expect(TaskItemID(validating: "Berlin/hall/2032-06-01") == nil)
        #expect(TaskItemID(validating: "berlin-bruessel/hall/2032-13-01") == nil)
        #expect(TaskItemID(validating: "a/b/2032-06-01/x") == nil)
    }
}

@Suite("Tasks in the scheduler: reminded until done")
struct TaskSchedulerTests {
    typealias D = SchedulerDriver

    /// The planner's deliveries of the task config, as the driver's known list (journal only).
    private func driver(due: String = "-6mo", ledger: DeliveryLedger? = nil, now: Instant = D.base) throws -> SchedulerDriver {
        let planner = Planner(configuration: try configuration(taskConfig(due: due)))
        let known = planner.deliveries(dueIn: utc("2023-01-01T00:00:00")..<utc("2025-01-01T00:00:00"))
            .filter { $0.recipient == .journal }
        return SchedulerDriver(known, ledger: ledger, now: now)
    }

    private func seconds(_ text: String) -> Int64 { D.base.seconds(until: utc(text)) }

    private func deliveredLeads(_ driver: SchedulerDriver) -> [String] { driver.deliveredLeads }

    /// Fires the timer at every deadline until `end`, as the engine's timer would.
    private func run(_ driver: inout SchedulerDriver, until end: String) {
        let limit = seconds(end)
        var guardCount = 0
        while let armed = driver.armed, D.base.seconds(until: armed) <= limit, guardCount < 1000 {
            driver.fire(at: D.base.seconds(until: armed))
            guardCount += 1
        }
    }

    @Test("repeated until done; done between two repeats stops the rest, also after a reload and a restart")
    func doneBetweenRepeats() throws {
        var driver = try driver()
        driver.start()
        run(&driver, until: "2023-12-15T12:00:00")
        #expect(deliveredLeads(driver) == ["due 2023-12-01 -14d", "due 2023-12-01 -1d", "due 2023-12-01", "due 2023-12-01 +1x7d", "due 2023-12-01 +2x7d"])
        let mark = driver.scheduler.markDone(item, by: "anna", keepUntil: utc("2024-06-02T00:00:00"), now: utc("2023-12-16T09:00:00"))
        #expect(mark.isNew && mark.mark.by == "anna")
        // Twice is the same as once: the first mark stands.
        let again = driver.scheduler.markDone(item, by: "ben", keepUntil: utc("2024-06-02T00:00:00"), now: utc("2023-12-17T09:00:00"))
        #expect(!again.isNew && again.mark.by == "anna")
        run(&driver, until: "2024-02-01T00:00:00")
        #expect(deliveredLeads(driver).count == 5)
        driver.reload(at: seconds("2024-02-01T00:00:00"))
        // A restart from the ledger as it is now: the mark survives encoding, nothing comes again.
        let saved = try JSONDecoder().decode(DeliveryLedger.self, from: JSONEncoder().encode(driver.scheduler.ledger))
        #expect(saved.done(item)?.by == "anna")
        run(&driver, until: "2024-07-01T00:00:00")
        #expect(deliveredLeads(driver).count == 5)
        var restarted = try self.driver(ledger: saved, now: utc("2024-02-02T00:00:00"))
        restarted.start(at: seconds("2024-02-02T00:00:00"))
        run(&restarted, until: "2024-07-01T00:00:00")
        #expect(restarted.deliveredLeads.isEmpty)
        // Once the reception is long past, no plan can reach the item again and the mark is pruned.
        #expect(driver.scheduler.ledger.done(item) == nil)
    }

    @Test("done before the due time: neither the last lead nor the due reminder nor any repeat comes")
    func doneBeforeDue() throws {
        var driver = try driver()
        driver.start()
        run(&driver, until: "2023-11-20T00:00:00")
        #expect(deliveredLeads(driver) == ["due 2023-12-01 -14d"])
        _ = driver.scheduler.markDone(item, by: "anna", keepUntil: utc("2024-06-02T00:00:00"), now: utc("2023-11-20T00:00:00"))
        run(&driver, until: "2024-07-01T00:00:00")
        #expect(deliveredLeads(driver) == ["due 2023-12-01 -14d"])
    }

    @Test("a reload that moves the due time: what was delivered stays delivered, the new times follow")
    func reloadChangesDue() throws {
        var driver = try driver()
        driver.start()
        run(&driver, until: "2023-12-02T00:00:00")
        #expect(deliveredLeads(driver) == ["due 2023-12-01 -14d", "due 2023-12-01 -1d", "due 2023-12-01"])
        // Due a month later now: what was delivered stays delivered, and the reminders of the new due date come at
        // their times, the repeats counted from it (1 January + 7 days).
        let later = Planner(configuration: try configuration(taskConfig(due: "-5mo")))
        driver.known = later.deliveries(dueIn: utc("2023-01-01T00:00:00")..<utc("2025-01-01T00:00:00"))
            .filter { $0.recipient == .journal }
        driver.reload(at: seconds("2023-12-02T00:00:00"))
        run(&driver, until: "2024-01-09T00:00:00")
        #expect(deliveredLeads(driver) == [
            "due 2023-12-01 -14d", "due 2023-12-01 -1d", "due 2023-12-01",
            "due 2024-01-01 -14d", "due 2024-01-01 -1d", "due 2024-01-01", "due 2024-01-01 +1x7d",
        ])
        #expect(driver.scheduler.ledger.delivered.last.map { Instant(secondsSinceEpoch: $0.due) } == utc("2024-01-08T10:00:00"))
    }

    @Test("a task removed by a reload: its waiting repeats go, nothing more comes")
    func removedTask() throws {
        var driver = try driver()
        driver.holding = true
        driver.start()
        run(&driver, until: "2023-12-08T12:00:00")
        // The repeat of 8 December is under way and fails: it waits for a retry when the task leaves the config.
        let pending = driver.inFlight.map(\.reminder.occurrence.title)
        #expect(pending.count == 4)
        for _ in pending { driver.fail("Delegation aus Brüssel einladen", at: seconds("2023-12-08T12:00:00")) }
        #expect(driver.scheduler.counts.retrying == 4)
        driver.holding = false
        driver.known = []
        driver.reload(at: seconds("2023-12-08T12:01:00"))
        #expect(driver.scheduler.counts.retrying == 0)
        #expect(driver.other.filter { if case .drop = $0 { true } else { false } }.count == 4)
        let before = driver.deliveredLeads.count
        run(&driver, until: "2024-07-01T00:00:00")
        #expect(driver.deliveredLeads.count == before)
    }

    @Test("a clock stepped back repeats nothing; stepped forward, what became due comes late")
    func clockStep() throws {
        var driver = try driver()
        driver.start()
        run(&driver, until: "2023-12-09T00:00:00")
        let before = deliveredLeads(driver)
        driver.stepClock(to: seconds("2023-11-25T00:00:00"), from: seconds("2023-12-09T00:00:00"))
        run(&driver, until: "2023-12-09T00:00:00")
        #expect(deliveredLeads(driver) == before)
        driver.stepClock(to: seconds("2023-12-23T00:00:00"), from: seconds("2023-12-09T00:00:00"))
        #expect(deliveredLeads(driver) == before + ["due 2023-12-01 +2x7d!", "due 2023-12-01 +3x7d!"])
    }
}
