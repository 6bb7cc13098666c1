/// Formats the non-text value types partnerd writes: durations and UTC offsets.
enum ICalendarValue {
    /// A `DURATION` value (RFC 5545 §3.3.6): `P1D`, `PT12H`, `-P6DT15H`, `PT0S`.
    ///
    /// `days` are nominal days (the wall clock moves by whole days), `seconds` are exact; RFC 5545 has no
    /// months, so callers convert those first.
    static func duration(negative: Bool = false, days: Int, seconds: Int64) -> String {
        precondition(days >= 0 && seconds >= 0, "a duration's parts are magnitudes; pass the sign separately")
        var text = negative ? "-P" : "P"
        if days > 0 { text += "\(days)D" }
        if seconds > 0 || days == 0 {
            text += "T"
            let hours = seconds / 3600
            let minutes = seconds / 60 % 60
            let rest = seconds % 60
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if rest > 0 || (hours == 0 && minutes == 0) { text += "\(rest)S" }
        }
        return text
    }

    /// A span from the config as a duration; calendar months count 30 days and years 365, since RFC 5545
    /// durations have neither (used for `REFRESH-INTERVAL`, where an approximation is harmless).
    static func duration(_ span: Span) -> String {
        let years = span.months / 12
        let months = span.months % 12
        return duration(days: years * 365 + months * 30 + span.days, seconds: span.seconds)
    }

    /// A `UTC-OFFSET` value (RFC 5545 §3.3.14): `+0100`, `-0500`, `+0545`, with seconds only when there are
    /// any (`+005328`); zero is `+0000`, since `-0000` is not allowed.
    static func utcOffset(_ seconds: Int32) -> String {
        let magnitude = Int(seconds.magnitude)
        var text = (seconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += pad(magnitude % 60, 2) }
        return text
    }
}
