/// How far away a time is, in the words `systemctl status` uses: `in 3 days`, `5 hours ago`, `now`.
///
/// One unit only, rounded down, because a status line is read at a glance: minutes below an hour, hours below a
/// day, days below two years, then years. Within a minute either way is `now`.
public enum Countdown {
    /// The distance as a bare amount, `3 days`, for uptimes.
    public static func amount(seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        func count(_ value: UInt64, _ unit: String) -> String { "\(value) \(unit)\(value == 1 ? "" : "s")" }
        switch magnitude {
        case ..<60: return count(magnitude, "second")
        case ..<3_600: return count(magnitude / 60, "minute")
        case ..<86_400: return count(magnitude / 3_600, "hour")
        case ..<(730 * 86_400): return count(magnitude / 86_400, "day")
        default: return count(magnitude / (365 * 86_400 + 21_600), "year")
        }
    }

    /// `in 3 days` when `target` is after `now`, `3 days ago` when before, `now` within a minute.
    public static func text(from now: Instant, to target: Instant) -> String {
        let seconds = now.seconds(until: target)
        if seconds.magnitude < 60 { return "now" }
        return seconds > 0 ? "in \(amount(seconds: seconds))" : "\(amount(seconds: seconds)) ago"
    }
}
