/// Where a task's reminder stands relative to the item's due time, from the reminder's lead label.
public enum TaskPhase: Sendable, Hashable {
    /// `remind` lead before the due time.
    case ahead(Span)
    case due
    /// A repeat after the due time.
    case overdue

    /// The phase of a task reminder's lead (`due 2026-12-01 -14d`, `due 2026-12-01`, `due 2026-12-01 +2x7d`).
    public init(label: String) {
        let words = label.split(separator: " ")
        guard words.count == 3 else {
            self = .due
            return
        }
        if words[2].hasPrefix("-"), let span = try? Span(parsing: String(words[2].dropFirst())) {
            self = .ahead(span)
        } else {
            self = .overdue
        }
    }
}

extension Texts {
    /// The message of a task reminder, in the journal and on channels:
    /// `Task due in 14 days (Tuesday, 1 December 2026): Delegation einladen – for 35th anniversary … (Tuesday,
    /// 1 June 2027); done: partnerctl done berlin-bruessel/delegation-invite/2027-06-01`.
    public func taskMessage(
        phase: TaskPhase, title: String, item: TaskItemID, due: LocalDateTime, target: String, targetStart: LocalDateTime,
        targetIsAllDay: Bool, late: Bool, link: String? = nil
    ) -> String {
        let dueText = date(due.date)
        let whenTarget = targetIsAllDay ? date(targetStart.date) : dateTime(targetStart)
        let head: String
        switch (language, phase) {
        case (.de, .ahead(let lead)): head = "Aufgabe fällig in \(spanWords(lead)) (\(dueText))"
        case (.de, .due): head = "Aufgabe heute fällig (\(dueText))"
        case (.de, .overdue): head = "Aufgabe überfällig seit \(dueText)"
        case (.en, .ahead(let lead)): head = "Task due in \(spanWords(lead)) (\(dueText))"
        case (.en, .due): head = "Task due today (\(dueText))"
        case (.en, .overdue): head = "Task overdue since \(dueText)"
        case (.fr, .ahead(let lead)): head = "Tâche à faire dans \(spanWords(lead)) (\(dueText))"
        case (.fr, .due): head = "Tâche à faire aujourd’hui (\(dueText))"
        case (.fr, .overdue): head = "Tâche en retard depuis le \(dueText)"
        case (.nl, .ahead(let lead)): head = "Taak over \(spanWords(lead)) af (\(dueText))"
        case (.nl, .due): head = "Taak vandaag af (\(dueText))"
        case (.nl, .overdue): head = "Taak te laat sinds \(dueText)"
        }
        let forWord: String
        let doneWord: String
        let lateWord: String
        switch language {
        case .de: (forWord, doneWord, lateWord) = ("für", "erledigt", "verspätet zugestellt")
        case .en: (forWord, doneWord, lateWord) = ("for", "done", "delivered late")
        case .fr: (forWord, doneWord, lateWord) = ("pour", "fait", "envoyé en retard")
        case .nl: (forWord, doneWord, lateWord) = ("voor", "gedaan", "te laat bezorgd")
        }
        let how = link.map { "\($0) – partnerctl done \(item)" } ?? "partnerctl done \(item)"
        var text = "\(head): \(title) – \(forWord) \(target) (\(whenTarget)); \(doneWord): \(how)"
        if late { text += " – \(lateWord)" }
        return text
    }
}

extension Texts {
    /// The message of any reminder: a task's says when it is due and how to mark it done; others say when their
    /// occurrence is.
    /// - Parameters: due: when the recipient gets it; zone: the recipient's zone, for a task's due date.
    public func message(for reminder: ScheduledReminder, due: Instant, zone: Zone, late: Bool, link: String? = nil) -> String {
        let occurrence = reminder.occurrence
        guard let task = occurrence.task else {
            return reminderMessage(
                lead: reminder.reminder.lead, title: occurrence.title, start: occurrence.start,
                isAllDay: occurrence.isAllDay, late: late)
        }
        // The due date in the recipient's zone: a reminder before it counts back from the same anchor.
        let phase = TaskPhase(label: reminder.reminder.lead.text)
        let dueLocal: LocalDateTime
        switch phase {
        case .ahead(let lead): dueLocal = zone.localDateTime(at: lead.after(zone.localDateTime(at: reminder.reminder.plannedDue), in: zone))
        default: dueLocal = zone.localDateTime(at: task.due)
        }
        return taskMessage(
            phase: phase, title: occurrence.title, item: task.item, due: dueLocal, target: task.targetTitle,
            targetStart: occurrence.start, targetIsAllDay: occurrence.isAllDay, late: late, link: link)
    }
}
