extension JournalFieldName {
    /// `PARTNERD_PARTNERSHIP`: the partnership id of a delivered reminder (SPEC.md, "Delivery to journald").
    package static let partnership = JournalFieldName(known: "PARTNERD_PARTNERSHIP")
    /// `PARTNERD_EVENT`: the event id, or `anniversary`.
    package static let event = JournalFieldName(known: "PARTNERD_EVENT")
    /// `PARTNERD_KIND`: `event`, `anniversary` or `jubilee`.
    package static let kind = JournalFieldName(known: "PARTNERD_KIND")
    /// `PARTNERD_UID`: the UID of the VEVENT that carries the occurrence in the feed.
    package static let uid = JournalFieldName(known: "PARTNERD_UID")
    /// `PARTNERD_OCCURRENCE`: the occurrence's start, written as `upcoming --json` writes it.
    package static let occurrence = JournalFieldName(known: "PARTNERD_OCCURRENCE")
    /// `PARTNERD_LEAD`: the lead time as written in the config, e.g. `7d`.
    package static let lead = JournalFieldName(known: "PARTNERD_LEAD")
    /// `PARTNERD_DUE`: the due time, ISO 8601 with offset.
    package static let due = JournalFieldName(known: "PARTNERD_DUE")
    /// `PARTNERD_ANNIVERSARY`: the anniversary's number, for anniversaries and jubilees.
    package static let anniversary = JournalFieldName(known: "PARTNERD_ANNIVERSARY")
    /// `PARTNERD_LATE`: `1` when catch-up delivered the reminder after its due time; absent otherwise.
    package static let late = JournalFieldName(known: "PARTNERD_LATE")
    /// `PARTNERD_MOVED_FROM`: where the reminder was due before it moved off a closed day, ISO 8601 with offset.
    package static let movedFrom = JournalFieldName(known: "PARTNERD_MOVED_FROM")
    /// `PARTNERD_MOVED_REASON`: why that day was closed, in `daemon.language` (a holiday's name, a closure's).
    package static let movedReason = JournalFieldName(known: "PARTNERD_MOVED_REASON")
    /// `PARTNERD_TASK`: for a task's reminder, the item `partnerctl done` takes (`partnership/task/YYYY-MM-DD`).
    package static let task = JournalFieldName(known: "PARTNERD_TASK")
    /// `PARTNERD_TASK_DUE`: when that item is due, ISO 8601 with offset.
    package static let taskDue = JournalFieldName(known: "PARTNERD_TASK_DUE")
    /// `PARTNERD_TASK_LINK`: the confirm page that marks the item done, when the feed server runs.
    package static let taskLink = JournalFieldName(known: "PARTNERD_TASK_LINK")
}
