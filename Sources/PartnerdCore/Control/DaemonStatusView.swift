/// The human `partnerctl status`, in the spirit of `systemctl status`: a state line, labelled facts, then the next
/// and the last reminders.
///
/// Pure: it takes the snapshot, the client's `now` for countdowns, and whether to colour, which the caller decides
/// (a terminal on standard output and no `NO_COLOR`).
public struct DaemonStatusView: Sendable {
    /// Whether to write ANSI colours.
    public var colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    private enum Style: String {
        case green = "32", red = "31", yellow = "33", bold = "1", dim = "2"
    }

    private func styled(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    private static let labelWidth = 14

    /// One labelled block: the label right-aligned before the first line, the other lines indented under it.
    private func field(_ label: String, _ lines: [String]) -> [String] {
        let indent = String(repeating: " ", count: Self.labelWidth + 2)
        let head = String(repeating: " ", count: max(0, Self.labelWidth - label.count)) + label + ": "
        return lines.enumerated().map { index, line in (index == 0 ? head : indent) + line }
    }

    /// A time from the status, shortened, or as sent when it cannot be read.
    private func when(_ text: String) -> String {
        StatusTimestamp(text)?.shortText ?? text
    }

    private func countdown(_ text: String, now: Instant) -> String {
        guard let timestamp = StatusTimestamp(text) else { return "" }
        return Countdown.text(from: now, to: timestamp.instant)
    }

    private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The whole view, ending in a newline.
    public func render(_ status: DaemonStatus, now: Instant) -> String {
        var lines: [String] = []
        var state = "\(styled("●", .green)) partnerd — \(styled("running", .green)) since \(when(status.runningSince)) (PID \(status.pid))"
        if let since = StatusTimestamp(status.runningSince) {
            state += ", up \(Countdown.amount(seconds: since.instant.seconds(until: now)))"
        }
        lines.append(state)
        lines += field("Version", [status.version])
        let files = status.configuration.files.isEmpty
            ? [status.configuration.path]
            : status.configuration.files.map { "\($0.path) (loaded \(when($0.loadedAt)))" }
        lines += field("Config", files)
        lines += field("Last reload", reloadLines(status.lastReload, now: now))
        lines += field("Partnerships", ["\(status.partnerships) with \(plural(status.events, "event"))"])
        lines += field("Language", ["\(status.language.rawValue), time zone \(status.timezone)"])
        lines += field("Feeds", feedLines(status.feed))
        if let directory = status.feed.directory { lines += field("Feed directory", [directory]) }
        if !status.feed.activity.isEmpty { lines += field("Feed requests", activityLines(status.feed.activity)) }
        if !status.channels.isEmpty { lines += field("Channels", channelLines(status.channels, now: now)) }
        if !status.calendars.isEmpty { lines += field("Calendars", calendarLines(status.calendars, now: now)) }
        if let tasks = status.tasks {
            var facts = ["\(tasks.open) open"]
            facts.append(tasks.overdue > 0 ? styled("\(tasks.overdue) overdue", .red) : "0 overdue")
            facts.append("\(tasks.done) done")
            lines += field("Tasks", [facts.joined(separator: ", ") + " (`partnerctl tasks` lists them)"])
        }
        lines += field("State", [status.stateDirectory])
        lines += field("Socket", [status.socket])
        lines += field("Log", [status.logTarget])
        lines.append("")
        lines.append(styled("Next reminders:", .bold))
        lines += table(
            status.nextReminders.map { ($0, countdown($0.due, now: now), nil) },
            empty: "none planned")
        lines.append("")
        lines.append(styled("Last delivered:", .bold))
        lines += table(
            status.lastDelivered.map { ($0.reminder, countdown($0.deliveredAt, now: now), $0) },
            empty: "none yet")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `buero (mail) protokoll@example.org via mail.example.org:587` and, indented, how its deliveries fare.
    private func channelLines(_ channels: [ChannelStatus], now: Instant) -> [String] {
        var lines: [String] = []
        for channel in channels {
            lines.append("\(styled(channel.id, .bold)) (\(channel.type)) \(channel.target)")
            var facts = [channel.delivered == 1 ? "1 delivery" : "\(channel.delivered) deliveries"]
            if let last = channel.lastDelivery { facts.append("last \(when(last)) (\(countdown(last, now: now)))") }
            if let next = channel.next { facts.append("next \(when(next)) (\(countdown(next, now: now)))") }
            if channel.retrying > 0 { facts.append(styled("\(channel.retrying) waiting for a retry", .yellow)) }
            if channel.failures > 0 { facts.append(styled("\(channel.failures) failed", .red)) }
            lines.append("  " + facts.joined(separator: ", "))
            if let error = channel.lastError {
                let at = channel.lastErrorAt.map { " (\(when($0)), \(countdown($0, now: now)))" } ?? ""
                lines.append("  " + styled("last error\(at): \(error)", .red))
            }
        }
        return lines
    }

    /// `berlin-bruessel/agenda https://… 12 events, copy of 10:02 (3 h ago)` and, indented, the last error.
    private func calendarLines(_ calendars: [CalendarStatus], now: Instant) -> [String] {
        var lines: [String] = []
        for calendar in calendars {
            lines.append("\(styled(calendar.name, .bold)) \(calendar.url)")
            var facts = [plural(calendar.events, "event")]
            if let confirmed = calendar.confirmedAt {
                facts.append("copy confirmed \(when(confirmed)) (\(countdown(confirmed, now: now)))")
            } else {
                facts.append(styled("no copy yet", .yellow))
            }
            if let next = calendar.nextAttempt { facts.append("next fetch \(when(next)) (\(countdown(next, now: now)))") }
            if calendar.failures > 0 {
                facts.append(styled("\(calendar.failures) failed attempt\(calendar.failures == 1 ? "" : "s") in a row", .red))
            }
            lines.append("  " + facts.joined(separator: ", "))
            if let error = calendar.lastError, calendar.failures > 0 {
                let at = calendar.lastErrorAt.map { " (\(when($0)), \(countdown($0, now: now)))" } ?? ""
                lines.append("  " + styled("last error\(at): \(error)", .red))
                if calendar.confirmedAt != nil { lines.append("  the last good copy stays in use") }
            }
        }
        return lines
    }

    /// `calendar: 12 in 24 h, 9 of them 304, last 10:02` per kind of request.
    private func activityLines(_ activity: [FeedActivityStatus]) -> [String] {
        activity.map { item in
            var line = "\(item.kind.rawValue): \(item.requests) in 24 h"
            if item.requests > 0 { line += ", \(item.notModified) of them 304" }
            line += item.lastRequest.map { ", last \(when($0))" } ?? ", none since start"
            return line
        }
    }

    /// More per-partnership feeds than this are summarised in one line; `status --json` lists every one.
    static let listedPartnershipFeeds = 4

    private func feedLines(_ feed: FeedStatus) -> [String] {
        guard let listen = feed.listen else { return ["none (feed.listen is \"\")"] }
        let all = feed.links.filter { $0.partnership == nil }.map(\.url)
        let each = feed.links.filter { $0.partnership != nil }
        guard each.count > Self.listedPartnershipFeeds else { return all + each.map(\.url) }
        return all + ["http://\(listen)/partnerships/<id>.ics for each of \(each.count) partnerships"]
    }

    private func reloadLines(_ outcome: ReloadOutcome?, now: Instant) -> [String] {
        guard let outcome else { return ["none since start"] }
        let ago = countdown(outcome.at, now: now)
        let at = "\(when(outcome.at))\(ago.isEmpty ? "" : " (\(ago))")"
        switch outcome.result {
        case .applied:
            var lines = ["\(styled("applied", .green)) \(at)"]
            if !outcome.warnings.isEmpty { lines.append("with \(plural(outcome.warnings.count, "warning")):") }
            return lines + outcome.warnings.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        case .rejected:
            var lines = [
                "\(styled("rejected", .red)) \(at); the previous config stays in force",
                "\(plural(outcome.errors.count, "error")):",
            ]
            for error in outcome.errors {
                lines += error.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
            }
            return lines
        }
    }

    /// Rows of reminders: time, countdown, lead, title, then partnership and occurrence; delivered ones show when
    /// they were delivered and whether late.
    private func table(_ rows: [(ReminderStatus, String, DeliveredReminderStatus?)], empty: String) -> [String] {
        guard !rows.isEmpty else { return ["  \(empty)"] }
        let times = rows.map { when($0.2?.deliveredAt ?? $0.0.due) }
        let timeWidth = times.map(\.count).max() ?? 0
        let countdownWidth = rows.map(\.1.count).max() ?? 0
        let leads = rows.map { "\($0.0.lead) before" }
        let leadWidth = leads.map(\.count).max() ?? 0
        return rows.indices.map { index in
            let (reminder, countdown, delivered) = rows[index]
            var line = "  " + padded(times[index], timeWidth) + "  " + styled(padded(countdown, countdownWidth), .dim)
                + "  " + padded(leads[index], leadWidth) + "  " + reminder.title
                + " (\(reminder.partnership), \(reminder.occurrence))"
            if let delivered, delivered.late { line += " " + styled("late", .yellow) }
            if delivered == nil, let reason = reminder.movedReason { line += " " + styled(reason, .dim) }
            return line
        }
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
