extension RecurrenceRule {
    /// The rule as a canonical `RRULE` value, with `UNTIL` written as it was given.
    ///
    /// Parts follow RFC 5545 §3.3.10 with `FREQ` first (as the RFC asks for older readers), then
    /// `UNTIL` or `COUNT`, `INTERVAL` (left out when 1), the BY parts from the smallest unit to the largest,
    /// `BYSETPOS`, and `WKST` (left out when Monday). Use ``text(for:in:)`` for a feed, where `UNTIL`
    /// must match the type of `DTSTART`.
    public var text: String {
        RecurrenceRuleWriter.text(self, until: until.map(RecurrenceRuleWriter.token))
    }

    /// The canonical `RRULE` value for an event with this start in `zone`, `UNTIL` written as RFC 5545
    /// §3.3.10 requires for that start.
    ///
    /// An all-day start gets a `DATE`; a timed start gets a UTC `DATE-TIME`. A bound of the other kind is
    /// converted so that it keeps the same occurrences: a date bound of a timed event becomes the last
    /// second of that day in `zone`, a local date-time becomes its instant in `zone`, and a date-time bound
    /// of an all-day event becomes its date in `zone`.
    public func text(for start: RecurrenceStart, in zone: Zone) -> String {
        guard let until else { return text }
        let token: String
        switch (start, until) {
        case (.date, .date(let date)):
            token = date.basicFormat
        case (.date, .instant(let instant)):
            token = zone.localDateTime(at: instant).date.basicFormat
        case (.date, .localDateTime(let wall)):
            token = wall.date.basicFormat
        case (.dateTime, .date(let date)):
            let lastSecond = LocalDateTime(date: date.adding(days: 1), time: .midnight).adding(seconds: -1)
            token = Self.lastInstant(atOrBefore: lastSecond, in: zone).basicUTCFormat
        case (.dateTime, .instant(let instant)):
            token = instant.basicUTCFormat
        case (.dateTime, .localDateTime(let wall)):
            token = zone.instant(for: wall).basicUTCFormat
        }
        return RecurrenceRuleWriter.text(self, until: token)
    }

    /// The latest instant whose wall time in `zone` is `wall` or earlier (for the end of a day that has a gap).
    private static func lastInstant(atOrBefore wall: LocalDateTime, in zone: Zone) -> Instant {
        let candidate = zone.instant(for: wall)
        return zone.localDateTime(at: candidate) > wall ? candidate.adding(seconds: -1) : candidate
    }
}

/// Writes rule parts in their iCalendar spelling; the only place besides the parser that knows the tokens.
enum RecurrenceRuleWriter {
    static func token(_ frequency: RecurrenceRule.Frequency) -> String {
        switch frequency {
        case .secondly: "SECONDLY"
        case .minutely: "MINUTELY"
        case .hourly: "HOURLY"
        case .daily: "DAILY"
        case .weekly: "WEEKLY"
        case .monthly: "MONTHLY"
        case .yearly: "YEARLY"
        }
    }

    static func token(_ selector: RecurrenceRule.WeekdaySelector) -> String {
        (selector.ordinal.map(String.init) ?? "") + WeekdayToken.token(selector.weekday)
    }

    static func token(_ until: RecurrenceRule.Until) -> String {
        switch until {
        case .date(let date): date.basicFormat
        case .instant(let instant): instant.basicUTCFormat
        case .localDateTime(let wall): wall.basicFormat
        }
    }

    static func text(_ rule: RecurrenceRule, until: String?) -> String {
        var parts = ["FREQ=\(token(rule.frequency))"]
        if let until { parts.append("UNTIL=\(until)") }
        if let count = rule.count { parts.append("COUNT=\(count)") }
        if rule.interval != 1 { parts.append("INTERVAL=\(rule.interval)") }
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append("\(name)=\(values.map(String.init).joined(separator: ","))") }
        }
        list("BYSECOND", rule.seconds)
        list("BYMINUTE", rule.minutes)
        list("BYHOUR", rule.hours)
        if !rule.weekdays.isEmpty { parts.append("BYDAY=\(rule.weekdays.map(token).joined(separator: ","))") }
        list("BYMONTHDAY", rule.monthDays)
        list("BYYEARDAY", rule.yearDays)
        list("BYWEEKNO", rule.weekNumbers)
        list("BYMONTH", rule.months)
        list("BYSETPOS", rule.setPositions)
        if rule.weekStart != .monday { parts.append("WKST=\(WeekdayToken.token(rule.weekStart))") }
        return parts.joined(separator: ";")
    }
}
