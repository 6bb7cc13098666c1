/// One task item as `partnerctl tasks` lists it. Times are ISO 8601 with offset, in the daemon's zone.
public struct TaskItemStatus: Sendable, Codable, Hashable {
    /// Where the item stands at the time of the answer.
    public enum State: String, Sendable, Codable, Hashable {
        /// Its first reminder is still ahead.
        case open
        /// Being reminded: the first reminder came, the due time has not passed.
        case due
        /// Past its due time and not done: repeated until done.
        case overdue
        case done
    }

    public var item: String
    public var partnership: String
    public var title: String
    /// The occurrence it prepares: its title and start (as `upcoming --json` writes it).
    public var target: String
    public var occurrence: String
    public var due: String
    public var state: State
    public var doneAt: String?
    public var doneBy: String?

    public init(
        item: String, partnership: String, title: String, target: String, occurrence: String, due: String, state: State,
        doneAt: String? = nil, doneBy: String? = nil
    ) {
        self.item = item
        self.partnership = partnership
        self.title = title
        self.target = target
        self.occurrence = occurrence
        self.due = due
        self.state = state
        self.doneAt = doneAt
        self.doneBy = doneBy
    }

    enum CodingKeys: String, CodingKey {
        case item, partnership, title, target, occurrence, due, state
        case doneAt = "done_at", doneBy = "done_by"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
        try container.encode(partnership, forKey: .partnership)
        try container.encode(title, forKey: .title)
        try container.encode(target, forKey: .target)
        try container.encode(occurrence, forKey: .occurrence)
        try container.encode(due, forKey: .due)
        try container.encode(state, forKey: .state)
        try container.encode(doneAt, forKey: .doneAt)
        try container.encode(doneBy, forKey: .doneBy)
    }
}

/// The answer to `partnerctl done`: the item's mark, new or from before (marking twice changes nothing).
public struct TaskDoneOutcome: Sendable, Codable, Hashable {
    public var item: String
    public var title: String
    public var at: String
    public var by: String
    /// False when the item was marked done before this request.
    public var isNew: Bool

    public init(item: String, title: String, at: String, by: String, isNew: Bool) {
        self.item = item
        self.title = title
        self.at = at
        self.by = by
        self.isNew = isNew
    }

    enum CodingKeys: String, CodingKey {
        case item, title, at, by, isNew = "new"
    }
}

/// How many task items are open, overdue and done, for `status`.
public struct TaskCounts: Sendable, Codable, Hashable {
    /// Not done and not overdue (`open` and `due`).
    public var open: Int
    public var overdue: Int
    public var done: Int

    public init(open: Int, overdue: Int, done: Int) {
        self.open = open
        self.overdue = overdue
        self.done = done
    }

    /// The counts of a list.
    public init(_ items: [TaskItemStatus]) {
        self.init(
            open: items.count { $0.state == .open || $0.state == .due }, overdue: items.count { $0.state == .overdue },
            done: items.count { $0.state == .done })
    }
}

extension Planner {
    /// The task items of occurrences from about a year back to two years ahead, each with its state at `now`:
    /// what `partnerctl tasks` lists and `status` counts. Items whose occurrence has ended are left out unless their
    /// task is due after the occurrence and still being repeated.
    public func taskStatuses(now: Instant, done: (TaskItemID) -> DeliveryLedger.Done?) -> [TaskItemStatus] {
        let zone = configuration.daemon.zone
        return listedTaskItems(now: now, done: done).map { item, mark in
            let (anchor, anchorZone) = anchor(of: item.target, notifyAt: configuration.daemon.notifyAt, zone: zone)
            let first = Self.firstMoment(of: item, anchor: anchor, zone: anchorZone)
            let state: TaskItemStatus.State =
                mark != nil ? .done : now >= item.due ? .overdue : now >= first ? .due : .open
            return TaskItemStatus(
                item: item.id.rawValue, partnership: item.id.partnership.rawValue, title: item.task.title,
                target: item.target.title, occurrence: item.target.startText, due: zone.isoString(item.due), state: state,
                doneAt: mark.map { zone.isoString(Instant(secondsSinceEpoch: $0.at)) }, doneBy: mark?.by)
        }
    }

    /// The items `partnerctl tasks` and `/tasks.ics` show, with their marks: of occurrences from about a year back
    /// to two years ahead, leaving out those whose occurrence has ended unless marked or still being repeated.
    public func listedTaskItems(
        now: Instant, done: (TaskItemID) -> DeliveryLedger.Done?
    ) -> [(item: TaskItem, mark: DeliveryLedger.Done?)] {
        let today = configuration.daemon.zone.localDateTime(at: now).date
        return taskItems(in: today.adding(days: -400)...today.adding(days: 800)).compactMap { item in
            let mark = done(item.id)
            guard mark != nil || item.target.endInstant > now || (item.task.dueIsAfter && item.repeatsUntil > now)
            else { return nil }
            return (item, mark)
        }
    }

    /// The item with this id in the config, or `nil`.
    public func taskItem(_ id: TaskItemID) -> TaskItem? {
        let parts = id.rawValue.split(separator: "/")
        guard parts.count == 3, let date = LocalDate(iso: parts[2]) else { return nil }
        return taskItems(in: date...date).first { $0.id == id }
    }
}
