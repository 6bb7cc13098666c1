extension RecurrenceRule {
    /// Problems that only show once the start's value type is known, worded like ``ParseError/reason``.
    ///
    /// RFC 5545 §3.3.10: a `DATE` start needs a `DATE` `UNTIL`, a `DATE-TIME` start with a zone needs a
    /// UTC `UNTIL`, and `BYHOUR`, `BYMINUTE` and `BYSECOND` must not be used with a `DATE` start. An all-day
    /// event also cannot repeat more often than daily, since its occurrences are whole days. A local
    /// date-time `UNTIL` is accepted for a timed start (it is read in the event's zone and written in UTC).
    /// An empty array means the rule fits the start.
    public func validate(startIsDate: Bool) -> [String] {
        var problems: [String] = []
        switch (startIsDate, until) {
        case (true, .instant(let instant)):
            let date = instant.utc.date
            problems.append(
                "UNTIL=\(RecurrenceRuleWriter.token(.instant(instant))) is a date-time but the event is all-day; "
                    + "write the last day as a date, such as UNTIL=\(date.basicFormat)")
        case (true, .localDateTime(let wall)):
            problems.append(
                "UNTIL=\(wall.basicFormat) is a date-time but the event is all-day; "
                    + "write the last day as a date, such as UNTIL=\(wall.date.basicFormat)")
        case (false, .date(let date)):
            problems.append(
                "UNTIL=\(date.basicFormat) is a date but the event has a start time; write a UTC date-time, "
                    + "such as UNTIL=\(date.basicFormat)T235959Z")
        default:
            break
        }
        if startIsDate {
            let timeParts = [("BYHOUR", hours), ("BYMINUTE", minutes), ("BYSECOND", seconds)].filter { !$0.1.isEmpty }
            for (name, values) in timeParts {
                problems.append(
                    "\(name)=\(values.map(String.init).joined(separator: ",")) cannot be used with an all-day event "
                        + "(RFC 5545 §3.3.10); drop it or give the event a start time")
            }
            if frequency < .daily {
                problems.append(
                    "FREQ=\(RecurrenceRuleWriter.token(frequency)) repeats more often than daily, which an all-day "
                        + "event cannot; use FREQ=DAILY or longer, or give the event a start time")
            }
        }
        return problems
    }
}
