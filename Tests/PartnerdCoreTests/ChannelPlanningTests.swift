import Testing
@testable import PartnerdCore

/// Three exec channels in three zones; jubilees of berlin-peking go to "bruessel" only, everything else to the
/// defaults "buero" and "new-york". The 30th anniversary of berlin-peking (a jubilee) is on 2026-04-13; its
/// event "besuch" starts on 2026-04-12 at 15:00 in Shanghai (07:00 UTC) and is reminded of two hours before.
let channelPlanningConfig = """
    [daemon]
    timezone = "Europe/Berlin"
    notify_at = "09:00"

    [reminders]
    channels = ["buero", "new-york"]
    on_closed_day = "keep"

    [[channel]]
    id = "buero"
    type = "exec"
    command = ["/usr/local/bin/notify-office"]

    [[channel]]
    id = "bruessel"
    type = "exec"
    command = ["/usr/local/bin/notify-brussels"]
    timezone = "Europe/Brussels"
    notify_at = "08:00"

    [[channel]]
    id = "new-york"
    type = "exec"
    command = ["/usr/local/bin/notify-new-york"]
    timezone = "America/New_York"
    retry_for = "6h"

    [[route]]
    partnerships = ["berlin-peking"]
    kinds = ["jubilee"]
    channels = ["bruessel"]

    [[partnership]]
    id = "berlin-peking"
    city = "Berlin"
    partner = "Peking"
    country = "CN"
    signed = 1996-04-13
    timezone = "Asia/Shanghai"

    [[partnership.event]]
    id = "besuch"
    title = "Delegationsbesuch"
    start = 2026-04-12T15:00:00
    timezone = "Asia/Shanghai"
    remind = ["2h"]

    [[partnership]]
    id = "berlin-paris"
    city = "Berlin"
    partner = "Paris"
    country = "FR"
    signed = 1987-07-02
    """

@Suite("Planning deliveries for channels: due times, routes, delivery ids")
struct ChannelPlanningTests {
    let configuration: Configuration
    let planner: Planner
    let berlin = Zone(identifier: "Europe/Berlin") ?? .utc

    init() throws {
        let result = load(channelPlanningConfig)
        configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        planner = Planner(configuration: configuration)
    }

    func channel(_ id: String) throws -> ChannelSettings {
        try #require(configuration.channel(ChannelID(rawValue: id)))
    }

    func occurrence(_ uid: String, on day: String) throws -> Occurrence {
        let date = try #require(LocalDate(iso: day))
        return try #require(planner.occurrences(in: date...date).first { $0.uid == uid })
    }

    func instant(_ zone: String, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) throws -> Instant {
        let local = try #require(LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute))
        return try #require(Zone(identifier: zone)).instant(for: local)
    }

    @Test("an all-day reminder is due at daemon.notify_at for the journal and at each channel's notify_at in its zone")
    func allDayDueTimes() throws {
        let jubilee = try occurrence("anniversary-30.berlin-peking@partnerd", on: "2026-04-13")
        #expect(jubilee.kind == .jubilee)
        let oneDay = try #require(jubilee.reminders.first { $0.lead.text == "1d" })
        // The journal: 09:00 in Berlin, not 09:00 in Shanghai (03:00 in Berlin).
        #expect(oneDay.due == (try instant("Europe/Berlin", 2026, 4, 12, 9)))
        #expect(berlin.isoString(oneDay.due) == "2026-04-12T09:00:00+02:00")
        // Brussels at 08:00, its own notify_at.
        let brussels = Planner.due(lead: oneDay.lead, of: jubilee, for: try channel("bruessel"), journalDue: oneDay.due)
        #expect(brussels == (try instant("Europe/Brussels", 2026, 4, 12, 8)))
        // New York at 09:00 New York time, six hours after Berlin's.
        let newYork = Planner.due(lead: oneDay.lead, of: jubilee, for: try channel("new-york"), journalDue: oneDay.due)
        #expect(newYork == (try instant("America/New_York", 2026, 4, 12, 9)))
        #expect(oneDay.due.seconds(until: newYork) == 6 * 3600)
        // A lead of months keeps the wall clock in the channel's zone across its DST change.
        let threeMonths = try #require(jubilee.reminders.first { $0.lead.text == "3mo" })
        let winter = Planner.due(lead: threeMonths.lead, of: jubilee, for: try channel("bruessel"), journalDue: threeMonths.due)
        #expect(winter == (try instant("Europe/Brussels", 2026, 1, 13, 8)))
    }

    @Test("a timed occurrence is due at the same instant for every recipient")
    func timedDueTimes() throws {
        let visit = try occurrence("besuch.berlin-peking@partnerd", on: "2026-04-12")
        let reminder = try #require(visit.reminders.first)
        #expect(reminder.due == (try instant("UTC", 2026, 4, 12, 5)))
        for id in ["buero", "bruessel", "new-york"] {
            #expect(Planner.due(lead: reminder.lead, of: visit, for: try channel(id), journalDue: reminder.due) == reminder.due)
        }
    }

    @Test("a route by partnership and kind takes jubilees to its channel only; the rest goes to reminders.channels")
    func routes() throws {
        func routed(_ uid: String, on day: String) throws -> [String] {
            configuration.channels(for: try occurrence(uid, on: day)).map(\.id.rawValue)
        }
        #expect(try routed("anniversary-30.berlin-peking@partnerd", on: "2026-04-13") == ["bruessel"])
        #expect(try routed("anniversary-31.berlin-peking@partnerd", on: "2027-04-13") == ["buero", "new-york"])
        #expect(try routed("besuch.berlin-peking@partnerd", on: "2026-04-12") == ["buero", "new-york"])
        // Another partnership's jubilee matches no route.
        #expect(try routed("anniversary-40.berlin-paris@partnerd", on: "2027-07-02") == ["buero", "new-york"])
    }

    /// `uid lead recipient due` with the due time in Berlin, for readable comparisons.
    func described(_ delivery: Delivery) -> String {
        "\(delivery.reminder.occurrence.uid) \(delivery.reminder.reminder.lead.text) \(delivery.recipient) \(berlin.isoString(delivery.due))"
    }

    @Test("deliveries(dueIn:) yields each reminder once for the journal and once per routed channel, at its due time")
    func deliveriesInWindow() throws {
        let from = try instant("UTC", 2026, 4, 11, 12)
        let to = try instant("UTC", 2026, 4, 12, 12)
        let deliveries = planner.deliveries(dueIn: from..<to)
        #expect(deliveries.map(described) == [
            "besuch.berlin-peking@partnerd 2h journal 2026-04-12T07:00:00+02:00",
            "besuch.berlin-peking@partnerd 2h channel:buero 2026-04-12T07:00:00+02:00",
            "besuch.berlin-peking@partnerd 2h channel:new-york 2026-04-12T07:00:00+02:00",
            "anniversary-30.berlin-peking@partnerd 1d channel:bruessel 2026-04-12T08:00:00+02:00",
            "anniversary-30.berlin-peking@partnerd 1d journal 2026-04-12T09:00:00+02:00",
        ])
        #expect(Set(deliveries.map(\.key)).count == deliveries.count)

        // The window decides per recipient: up to 08:00 Berlin the journal's 09:00 is not yet due.
        let early = planner.deliveries(dueIn: from..<(try instant("Europe/Berlin", 2026, 4, 12, 8, 30)))
        #expect(early.map(\.recipient) == [
            .journal, .channel(ChannelID(rawValue: "buero")), .channel(ChannelID(rawValue: "new-york")),
            .channel(ChannelID(rawValue: "bruessel")),
        ])
        // A window holding only New York's 09:00 of the 31st anniversary finds that delivery alone.
        let newYorkNine = try instant("America/New_York", 2027, 4, 12, 9)
        let late = planner.deliveries(dueIn: newYorkNine..<newYorkNine.adding(seconds: 1))
        #expect(late.map(described) == [
            "anniversary-31.berlin-peking@partnerd 1d channel:new-york 2027-04-12T15:00:00+02:00"
        ])
    }

    @Test("firstDelivery(dueIn:) is the first of deliveries(dueIn:) for windows from a second to two years")
    func firstDeliveryMatchesTheSortedList() throws {
        let origin = try instant("UTC", 2026, 1, 1, 0)
        var checked = 0
        for startDay in stride(from: 0, to: 540, by: 37) {
            for length: Int64 in [1, 3_600, 86_400, 9 * 86_400, 40 * 86_400, 400 * 86_400, 730 * 86_400] {
                let start = origin.adding(seconds: Int64(startDay) * 86_400 + 7_200)
                let window = start..<start.adding(seconds: length)
                let expected = planner.deliveries(dueIn: window).first
                #expect(planner.firstDelivery(dueIn: window).map(described) == expected.map(described),
                        "window from \(start) for \(length) s")
                if expected != nil { checked += 1 }
            }
        }
        // The windows find something often enough for the comparison to mean something.
        #expect(checked >= 40)
        // An empty window has none.
        #expect(planner.firstDelivery(dueIn: origin..<origin) == nil)
    }

    @Test("the delivery id: 32 lowercase hex digits, the same on every machine, one per recipient")
    func deliveryIDs() throws {
        let reminder = ReminderKey(uid: "anniversary-30.berlin-peking@partnerd", occurrence: "2026-04-13", lead: "1d")
        let journal = DeliveryKey(reminder: reminder)
        let brussels = DeliveryKey(reminder: reminder, recipient: .channel(ChannelID(rawValue: "bruessel")))
        let office = DeliveryKey(reminder: reminder, recipient: .channel(ChannelID(rawValue: "buero")))
        let ids = [journal.deliveryID, brussels.deliveryID, office.deliveryID]
        for id in ids {
            #expect(id.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) }, "\(id)")
        }
        #expect(Set(ids).count == 3)
        // SHA-256 of "uid\noccurrence\nlead\nrecipient", cut to 32 digits: fixed, so a receiver can drop a repeat
        // after a restart or on another machine.
        #expect(journal.deliveryID == "fde7e05242cfece406ca673398d908ea")
        #expect(brussels.deliveryID == "a28f4129a5c170c0feb99a9dd5be4c91")
        // The planner's delivery carries that key.
        let due = try instant("Europe/Brussels", 2026, 4, 12, 8)
        let planned = planner.deliveries(dueIn: due..<due.adding(seconds: 1))
        #expect(planned.map(\.key.deliveryID) == [brussels.deliveryID])
    }

    @Test("the scheduling policy retries each channel for its retry_for, the journal for ever")
    func retryForPolicy() {
        let policy = SchedulingPolicy(configuration: configuration)
        #expect(policy.retryFor == [
            .channel(ChannelID(rawValue: "buero")): 86_400, .channel(ChannelID(rawValue: "bruessel")): 86_400,
            .channel(ChannelID(rawValue: "new-york")): 6 * 3600,
        ])
        #expect(policy.retryFor[.journal] == nil)
        #expect(policy.digestThreshold == 3)
    }
}

@Suite("Scheduler: digests of late channel deliveries")
struct ChannelDigestTests {
    typealias D = SchedulerDriver
    static let buero = ChannelID(rawValue: "buero")

    /// `count` reminders missed while no daemon ran, each for the journal and for "buero", and the ledger of a
    /// daemon that last knew the time before all of them.
    static func missed(_ count: Int) -> (known: [Delivery], ledger: DeliveryLedger) {
        var known: [Delivery] = []
        for index in 0..<count {
            let due = Int64(-5000 + index * 600)
            known.append(D.delivery("r\(index)", dueIn: due))
            known.append(D.delivery("r\(index)", dueIn: due, to: .channel(buero)))
        }
        var ledger = DeliveryLedger(since: D.at(-100_000))
        ledger.touch(D.at(-6000))
        return (known, ledger)
    }

    static func digests(_ actions: [ReminderScheduler.Action]) -> [(ChannelID, [Delivery])] {
        actions.compactMap { if case .digest(let channel, let deliveries) = $0 { (channel, deliveries) } else { nil } }
    }

    static func channelDeliveries(_ known: [Delivery]) -> Set<Delivery> {
        Set(known.filter { $0.recipient == .channel(buero) })
    }

    /// Starts after the downtime and returns the driver and the one digest of the start.
    static func startedWithDigest(
        _ count: Int = 5, retryFor: Int64 = 86_400
    ) -> (driver: SchedulerDriver, digest: [Delivery]) {
        let (known, ledger) = missed(count)
        var driver = D(known, ledger: ledger, policy: D.policy(retryFor: [.channel(buero): retryFor]))
        driver.start()
        let digest = digests(driver.other).first?.1 ?? []
        driver.other = []
        _ = driver.takeDelivered()
        return (driver, digest)
    }

    @Test("five missed reminders for one channel: one digest of five, and five late journal entries")
    func fiveMissed() {
        let (known, ledger) = Self.missed(5)
        var driver = D(known, ledger: ledger)
        driver.start()
        let digests = Self.digests(driver.other)
        #expect(digests.count == 1)
        #expect(digests.first?.0 == Self.buero)
        #expect(digests.first?.1.count == 5)
        #expect(Set(digests.first?.1 ?? []) == Self.channelDeliveries(known))
        // The journal gets each reminder on its own.
        #expect(driver.takeDelivered() == ["r0!", "r1!", "r2!", "r3!", "r4!"])
        #expect(driver.scheduler.ledger.delivered.allSatisfy { $0.recipient == .journal })
        for delivery in Self.channelDeliveries(known) { #expect(driver.scheduler.isInFlight(delivery.key)) }
    }

    @Test("three missed reminders (the threshold) go out one by one, no digest")
    func threeMissed() {
        let (known, ledger) = Self.missed(3)
        var driver = D(known, ledger: ledger)
        driver.holding = true
        driver.start()
        #expect(Self.digests(driver.other).isEmpty)
        #expect(driver.takeDelivered().sorted() == ["r0!", "r0!", "r1!", "r1!", "r2!", "r2!"])
        #expect(driver.inFlight.filter { $0.recipient == .journal }.count == 3)
        #expect(Set(driver.inFlight.filter { $0.recipient != .journal }) == Self.channelDeliveries(known))
    }

    @Test("a failed digest puts all of its deliveries to retry at the same time; the next turn digests them again")
    func digestRetried() {
        let started = Self.startedWithDigest()
        var driver = started.driver
        let digest = started.digest
        #expect(digest.count == 5)
        let failure = DeliveryFailure(.transient, reason: "HTTP 503 Service Unavailable")
        driver.run(at: 10) { scheduler, now in digest.flatMap { scheduler.deliveryFailed($0.key, failure, now: now) } }
        #expect(driver.scheduler.retries.count == 5)
        #expect(driver.scheduler.retries.allSatisfy { $0.at == D.at(40) && $0.attempts == 1 })
        #expect(driver.other.count == 5)
        #expect(driver.other.allSatisfy { if case .retry(_, D.at(40), failure) = $0 { true } else { false } })
        #expect(driver.armed == D.at(40))
        driver.other = []

        driver.fire(at: 39)
        #expect(Self.digests(driver.other).isEmpty)
        driver.fire(at: 40)
        let again = Self.digests(driver.other)
        #expect(again.count == 1)
        #expect(again.first?.0 == Self.buero)
        #expect(Set(again.first?.1 ?? []) == Set(digest))
        // The journal, delivered at the start, is not repeated.
        #expect(driver.takeDelivered().isEmpty)

        driver.run(at: 41) { scheduler, now in digest.flatMap { scheduler.deliverySucceeded($0.key, now: now) } }
        #expect(digest.allSatisfy { driver.scheduler.ledger.contains($0.key) })
        #expect(driver.scheduler.counts.retrying == 0)
    }

    @Test("a digest failing past the channel's retry_for is given up, each of its deliveries")
    func digestRetryForPasses() {
        let started = Self.startedWithDigest(retryFor: 100)
        var driver = started.driver
        let digest = started.digest
        let failure = DeliveryFailure(.transient, reason: "connection refused")
        func failAll(at seconds: Int64) {
            driver.run(at: seconds) { scheduler, now in digest.flatMap { scheduler.deliveryFailed($0.key, failure, now: now) } }
        }
        failAll(at: 10)  // retried at 40
        driver.fire(at: 40)
        #expect(Self.digests(driver.other).count == 1)
        failAll(at: 40)  // retried at 100, still within 10 + 100
        #expect(driver.scheduler.retries.count == 5)
        driver.other = []
        driver.fire(at: 100)
        #expect(Self.digests(driver.other).count == 1)
        driver.other = []
        failAll(at: 100)  // the next try (220) would be past 110
        let failed = driver.other.compactMap { if case .fail(let delivery, _, 3) = $0 { delivery } else { nil } }
        #expect(Set(failed) == Set(digest))
        #expect(driver.other.count == 5)
        #expect(driver.scheduler.retries.isEmpty)
        #expect(driver.scheduler.failures.count == 5)
    }

    @Test("a permanent failure of a digest gives up all of its deliveries at once")
    func digestPermanent() {
        let started = Self.startedWithDigest()
        var driver = started.driver
        let digest = started.digest
        let failure = DeliveryFailure(.permanent, reason: "HTTP 404 Not Found")
        driver.run(at: 10) { scheduler, now in digest.flatMap { scheduler.deliveryFailed($0.key, failure, now: now) } }
        #expect(Set(driver.other) == Set(digest.map { ReminderScheduler.Action.fail($0, failure, attempts: 1) }))
        #expect(driver.other.count == 5)
        #expect(driver.scheduler.retries.isEmpty)
        driver.other = []
        driver.fire(at: 1000)
        #expect(Self.digests(driver.other).isEmpty)
        #expect(driver.takeDelivered().isEmpty)
        #expect(digest.allSatisfy { !driver.scheduler.ledger.contains($0.key) })
    }
}
