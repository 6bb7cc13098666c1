/// What a task's reminder carries besides its occurrence: which item it belongs to and what the item prepares.
/// A class, so that an occurrence of an event or an anniversary pays one word for it.
public final class TaskDetail: Sendable, Hashable {
    public let item: TaskItemID
    public let task: TaskID
    /// The title and kind of the occurrence the task prepares.
    public let targetTitle: String
    public let targetKind: Occurrence.Kind
    /// When the item is due, in the journal's terms.
    public let due: Instant

    public init(item: TaskItemID, task: TaskID, targetTitle: String, targetKind: Occurrence.Kind, due: Instant) {
        self.item = item
        self.task = task
        self.targetTitle = targetTitle
        self.targetKind = targetKind
        self.due = due
    }

    public static func == (lhs: TaskDetail, rhs: TaskDetail) -> Bool {
        lhs.item == rhs.item && lhs.due == rhs.due && lhs.targetTitle == rhs.targetTitle
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(item)
        hasher.combine(due)
    }
}

/// One task for one occurrence, with every moment it is reminded of.
public struct TaskItem: Sendable, Hashable {
    public var id: TaskItemID
    public var task: TaskSettings
    /// The occurrence the task prepares.
    public var target: Occurrence
    /// When it is due, for the journal (all-day occurrences at `daemon.notify_at`).
    public var due: Instant
    /// Repeats stop here when nobody marks the item done.
    public var repeatsUntil: Instant
    public var escalatesAt: Instant?

    /// The item's occurrence for the scheduler: the target's time, the task's title, kind `task`.
    func occurrence(reminders: [Reminder]) -> Occurrence {
        var occurrence = target
        occurrence.kind = .task
        occurrence.event = EventID(rawValue: task.id.rawValue)
        occurrence.uid = Planner.taskUID(id)
        occurrence.title = task.title
        occurrence.anniversary = target.anniversary
        occurrence.reminders = reminders
        occurrence.task = TaskDetail(
            item: id, task: task.id, targetTitle: target.title, targetKind: target.kind, due: due)
        return occurrence
    }
}

extension Planner {
    /// The UID of a task item (the tasks feed's VTODO, the ledger's key).
    public static func taskUID(_ item: TaskItemID) -> String {
        let parts = item.rawValue.split(separator: "/")
        return "task-\(parts[1])-\(parts[2].replacingOccurrences(of: "-", with: "")).\(parts[0])@partnerd"
    }

    /// The items of the tasks whose occurrences begin in `days`, by occurrence start.
    public func taskItems(in days: ClosedRange<LocalDate>) -> [TaskItem] {
        var items: [TaskItem] = []
        for partnership in configuration.partnerships where !partnership.tasks.isEmpty {
            let anniversaries = anniversaries(of: partnership, in: days)
            for task in partnership.tasks {
                let targets: [Occurrence]
                switch task.target {
                case .jubilee: targets = anniversaries.filter { $0.kind == .jubilee }
                case .anniversary: targets = anniversaries
                case .event(let id):
                    // A task prepares occurrences a person can prepare: of an event that recurs by the minute, the
                    // first few hundred in the range are items, not millions.
                    targets = partnership.events.first { $0.id == id }.map {
                        occurrences(of: $0, in: partnership, days: days, limit: TaskSettings.maximumItemsPerRange)
                    } ?? []
                }
                for target in targets { items.append(item(task, of: target, in: partnership)) }
            }
        }
        return items.sorted { ($0.target.startInstant, $0.id) < ($1.target.startInstant, $1.id) }
    }

    func item(_ task: TaskSettings, of target: Occurrence, in partnership: Partnership) -> TaskItem {
        let id = TaskItemID(partnership: partnership.id, task: task.id, occurrence: target.start.date)
        let (anchor, zone) = anchor(of: target, notifyAt: configuration.daemon.notifyAt, zone: configuration.daemon.zone)
        let due = task.dueInstant(start: anchor, zone: zone)
        let until = task.dueIsAfter || due >= target.startInstant
            ? due.adding(seconds: TaskSettings.repeatLimitAfterDue) : target.startInstant
        let escalates = task.escalateAfter.map { $0.after(zone.localDateTime(at: due), in: zone) }
        return TaskItem(id: id, task: task, target: target, due: due, repeatsUntil: until, escalatesAt: escalates)
    }

    /// Where a recipient's task times are counted from: the start of a timed occurrence in its own zone; for an
    /// all-day one the recipient's `notify_at` on its day, in the recipient's zone.
    func anchor(of target: Occurrence, notifyAt: LocalTime, zone: Zone) -> (LocalDateTime, Zone) {
        target.isAllDay ? (LocalDateTime(date: target.start.date, time: notifyAt), zone) : (target.start, target.zone)
    }

    /// The moments a recipient is reminded of an item, before any move off closed days: each `remind` lead before the
    /// due time (`due 2026-12-01 -14d`), the due time (`due 2026-12-01`), and each repeat after it
    /// (`due 2026-12-01 +2x7d`) until ``TaskItem/repeatsUntil``. The labels are the reminders' leads in the ledger:
    /// a delivered one is never delivered again, and one of another due date (a reload changed `due`) is another.
    /// The date is the journal's due date for every recipient, so that one reminder has one key.
    ///
    /// Only the repeats near `window` are worked out: an hourly repeat over a year is 8,784 moments per item, and a
    /// day's plan needs two dozen of them.
    static func moments(
        of item: TaskItem, anchor: LocalDateTime, zone: Zone, dueDate: LocalDate, near window: Range<Instant>
    ) -> [(label: String, at: Instant)] {
        let due = item.task.dueInstant(start: anchor, zone: zone)
        let dueLocal = zone.localDateTime(at: due)
        let head = "due \(dueDate)"
        var moments: [(String, Instant)] = []
        var seen = Set<String>()
        for lead in item.task.remind where seen.insert(lead.text).inserted {
            moments.append(("\(head) -\(lead.text)", lead.before(dueLocal, in: zone)))
        }
        moments.append((head, due))
        if let every = item.task.repeatEvery, !every.isZero {
            let until = item.task.dueIsAfter || due >= item.target.startInstant
                ? due.adding(seconds: TaskSettings.repeatLimitAfterDue) : item.target.startInstant
            let end = min(until, window.upperBound.adding(seconds: 7200))
            var count = 1
            if every.months == 0 {
                // Days and hours: the n-th repeat is n steps after the due time, give or take an hour of DST.
                let step = Int64(every.days) * 86_400 + every.seconds
                let ahead = due.seconds(until: window.lowerBound) - 7200
                if step > 0, ahead > 0 { count = max(1, Int(ahead / step)) }
            }
            var steps = 0
            while steps < 10_000 {
                let at = every.times(count).after(dueLocal, in: zone)
                guard at < end else { break }
                if at.adding(seconds: 7200) >= window.lowerBound {
                    moments.append(("\(head) +\(count)x\(every.text)", at))
                }
                count += 1
                steps += 1
            }
        }
        return moments.sorted { $0.1 < $1.1 }
    }

    /// When a recipient hears of an item first: its longest `remind` lead before the due time, or the due time.
    static func firstMoment(of item: TaskItem, anchor: LocalDateTime, zone: Zone) -> Instant {
        let due = item.task.dueInstant(start: anchor, zone: zone)
        let dueLocal = zone.localDateTime(at: due)
        return item.task.remind.map { $0.before(dueLocal, in: zone) }.reduce(due, min)
    }

    /// The deliveries of task reminders due in `window`: to the journal, to the task's `channels` (or the routes of
    /// its occurrence), and from `escalate_after` on also to `escalate_to`. Each recipient's time is moved off its
    /// closed days like any reminder's.
    func taskDeliveries(dueIn window: Range<Instant>) -> [Delivery] {
        guard configuration.partnerships.contains(where: { !$0.tasks.isEmpty }) else { return [] }
        let first = Zone.utc.localDateTime(at: window.lowerBound).date
        let last = Zone.utc.localDateTime(at: window.upperBound).date
        var longestBefore: Int64 = 0
        var longestAfter: Int64 = 0
        for partnership in configuration.partnerships {
            for task in partnership.tasks {
                let lead = task.remind.map(\.maximumSeconds).max() ?? 0
                if task.dueIsAfter {
                    longestAfter = max(longestAfter, task.due.maximumSeconds + TaskSettings.repeatLimitAfterDue)
                } else {
                    longestBefore = max(longestBefore, task.due.maximumSeconds + lead)
                }
            }
        }
        let days = first.adding(days: -Int(longestAfter / 86_400) - 4)...last.adding(days: Int(longestBefore / 86_400) + 4)
        let daemon = configuration.daemon
        // Closed days move reminders by up to a few days either way; two more cover the zones.
        let near = widened(window).lowerBound.adding(seconds: -2 * 86_400)..<widened(window).upperBound.adding(seconds: 2 * 86_400)
        var result: [Delivery] = []
        for item in taskItems(in: days) {
            let (anchor, zone) = anchor(of: item.target, notifyAt: daemon.notifyAt, zone: daemon.zone)
            let deadline = item.task.dueIsAfter ? item.repeatsUntil : item.target.startInstant
            let dueDate = daemon.zone.localDateTime(at: item.due).date
            var reminders: [Reminder] = []
            for (label, at) in Self.moments(of: item, anchor: anchor, zone: zone, dueDate: dueDate, near: near) {
                let (due, move) = daemon.workingDays.move(
                    at, rule: item.target.onClosedDay, zone: daemon.zone, notifyAt: daemon.notifyAt, deadline: deadline)
                reminders.append(Reminder(lead: Span(text: label, months: 0, days: 0, seconds: 0), due: due, moved: move))
            }
            let occurrence = item.occurrence(reminders: reminders)
            for reminder in reminders where window.contains(reminder.due) {
                result.append(Delivery(reminder: ScheduledReminder(occurrence: occurrence, reminder: reminder)))
            }
            guard !configuration.channels.isEmpty else { continue }
            let routed = item.task.channels.map { ids in configuration.channels.filter { ids.contains($0.id) } }
                ?? configuration.channels(for: item.target)
            let escalated = configuration.channels.filter { item.task.escalateTo.contains($0.id) }
            for channel in routed + escalated.filter({ channel in !routed.contains { $0.id == channel.id } }) {
                let isEscalation = !routed.contains { $0.id == channel.id }
                let (channelAnchor, channelZone) = self.anchor(of: item.target, notifyAt: channel.notifyAt, zone: channel.zone)
                let moments = Self.moments(of: item, anchor: channelAnchor, zone: channelZone, dueDate: dueDate, near: near)
                for (label, at) in moments {
                    if isEscalation, let escalatesAt = item.escalatesAt, at < escalatesAt { continue }
                    let (due, move) = channel.workingDays.move(
                        at, rule: item.target.onClosedDay, zone: channel.zone, notifyAt: channel.notifyAt, deadline: deadline)
                    guard window.contains(due) else { continue }
                    // The same key as the journal's reminder of this label; the time is the channel's own.
                    let reminder = Reminder(lead: Span(text: label, months: 0, days: 0, seconds: 0), due: at)
                    let scheduled = ScheduledReminder(occurrence: occurrence, reminder: reminder)
                    result.append(Delivery(reminder: scheduled, recipient: .channel(channel.id), due: due, moved: move))
                }
            }
        }
        return result
    }
}
