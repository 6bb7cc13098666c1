extension RecurrenceRule {
    /// Why an `RRULE` value was rejected, worded for the config errors.
    ///
    /// The reason quotes the offending part and says how to fix it; the caller puts it after the key path
    /// (`partnership "x" → event "y" → rrule: <reason>`).
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A sentence fragment without a trailing period, such as `BYMONTH value "13" is out of range; use 1 to 12`.
        public let reason: String

        /// An error with the given human-readable reason.
        public init(reason: String) {
            self.reason = reason
        }

        /// The reason, so that the error prints as the text the config errors show.
        public var description: String { reason }
    }

    /// Parses an `RRULE` value such as `FREQ=YEARLY;BYMONTH=11;BYDAY=-1SA` (RFC 5545 §3.3.10).
    ///
    /// Part names and keywords are read case-insensitively and parts may come in any order; a leading
    /// `RRULE:` is tolerated. Everything RFC 5545 forbids without knowing the start is rejected here:
    /// unknown or repeated parts, a missing `FREQ`, `COUNT` together with `UNTIL`, values out of range,
    /// and BY parts that the expand/limit table marks N/A for the frequency. Checks that need the start's
    /// value type are in ``validate(startIsDate:)``.
    public init(parsing text: String) throws(ParseError) {
        var parser = RecurrenceRuleParser()
        self = try parser.parse(text)
    }
}
