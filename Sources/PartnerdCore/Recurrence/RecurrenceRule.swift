/// Placeholder until the recurrence engine lands: keeps the rule text and checks only that it names a FREQ.
public struct RecurrenceRule: Sendable, Hashable {
    public struct ParseError: Error, Sendable {
        public let reason: String
    }

    public let text: String

    public init(parsing text: String) throws(ParseError) {
        guard text.uppercased().contains("FREQ=") else {
            throw ParseError(reason: "FREQ is missing; every rule starts with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
        }
        self.text = text
    }
}
