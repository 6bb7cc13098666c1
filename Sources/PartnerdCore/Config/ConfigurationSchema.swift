/// The keys each table of the config may hold; anything else is an error with a did-you-mean.
///
/// Kept in one place so that the decoders, the error messages and the docs agree on the schema.
enum ConfigurationSchema {
    static let topLevelKeys = ["daemon", "feed", "reminders", "partnership", "include", "channel", "route", "closure"]
    /// An included file holds partnerships and further includes, nothing that configures the daemon.
    static let includedTopLevelKeys = ["partnership", "include"]
    static let daemonKeys = [
        "timezone", "language", "notify_at", "catch_up", "state_directory", "include", "workdays", "holidays",
    ]
    static let feedKeys = [
        "listen", "directory", "name", "refresh", "horizon", "token", "alarms", "public_url", "metrics", "partner_holidays",
    ]
    static let reminderKeys = ["events", "anniversaries", "jubilees", "milestones", "channels", "on_closed_day"]
    /// Every channel has these; each type adds its own.
    static let channelKeys = [
        "id", "type", "language", "timezone", "notify_at", "retry_for", "workdays", "holidays",
    ]
    static let mailKeys = ["server", "security", "username", "password_file", "ca_file", "from", "to", "ehlo"]
    static let matrixKeys = ["homeserver", "room", "token_file"]
    static let webhookKeys = ["url", "format", "token_file", "headers"]
    static let execKeys = ["command", "timeout"]
    static let routeKeys = ["partnerships", "kinds", "channels"]
    static let partnershipKeys = [
        "id", "city", "partner", "partner_region", "country", "signed", "signed_in", "timezone", "networks", "topics",
        "status", "leap_day", "private", "remind", "event", "subdivision", "holidays", "on_closed_day", "calendar",
        "task",
    ]
    static let eventKeys = [
        "id", "title", "start", "end", "duration", "location", "description", "url", "timezone", "rrule", "exdate",
        "rdate", "remind", "private", "on_closed_day",
    ]
    static let closureKeys = ["name", "date", "from", "until", "yearly"]
    static let taskKeys = ["id", "title", "for", "due", "remind", "repeat", "escalate_after", "escalate_to", "channels"]
    static let calendarKeys = ["id", "file", "url", "categories", "remind", "refresh", "timeout"]
}
