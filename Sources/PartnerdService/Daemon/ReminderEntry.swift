/// The journal entry for one delivered reminder, with every field of SPEC.md ("Delivery to journald").
package enum ReminderEntry {
    /// - Parameter zone: the zone `PARTNERD_DUE` is written in: the daemon's.
    package static func make(
        _ reminder: ScheduledReminder, late: Bool, texts: Texts, zone: Zone, taskLink: String? = nil
    ) -> JournalEntry {
        let occurrence = reminder.occurrence
        var message = texts.message(for: reminder, due: reminder.due, zone: zone, late: late, link: taskLink)
        if let move = reminder.reminder.moved { message += " (\(texts.moved(move)))" }
        var entry = JournalEntry(message: message, priority: late ? .warning : .notice, messageID: .reminderDue)
        entry.append(.partnership, occurrence.partnership.rawValue)
        entry.append(.event, occurrence.event.rawValue)
        entry.append(.kind, occurrence.kind.rawValue)
        entry.append(.uid, occurrence.uid)
        entry.append(.occurrence, occurrence.startText)
        entry.append(.lead, reminder.reminder.lead.text)
        entry.append(.due, zone.isoString(reminder.due))
        if let number = occurrence.anniversary { entry.append(.anniversary, String(number)) }
        if let task = occurrence.task {
            entry.append(.task, task.item.rawValue)
            entry.append(.taskDue, zone.isoString(task.due))
            if let taskLink { entry.append(.taskLink, taskLink) }
        }
        if late { entry.append(.late, "1") }
        if let move = reminder.reminder.moved {
            entry.append(.movedFrom, zone.isoString(move.from))
            entry.append(.movedReason, texts.closedReason(move.reason))
        }
        return entry
    }
}
