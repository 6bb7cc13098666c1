/// The iCalendar names of the rule parts, in the order the canonical text writes them.
enum RecurrenceRulePart: String, CaseIterable {
    case frequency = "FREQ"
    case until = "UNTIL"
    case count = "COUNT"
    case interval = "INTERVAL"
    case second = "BYSECOND"
    case minute = "BYMINUTE"
    case hour = "BYHOUR"
    case weekday = "BYDAY"
    case monthDay = "BYMONTHDAY"
    case yearDay = "BYYEARDAY"
    case weekNumber = "BYWEEKNO"
    case month = "BYMONTH"
    case setPosition = "BYSETPOS"
    case weekStart = "WKST"
}
