/// The fixed `MESSAGE_ID`s of partnerd's journal entries.
///
/// Each id is a random 128-bit value written as 32 lowercase hex digits, made once and never changed: users and
/// scripts filter on them (`journalctl MESSAGE_ID=…`), and `systemd/partnerd.catalog` gives each one a subject
/// and an explanation that `journalctl -x` shows. A new kind of entry gets a new id and a catalog entry in the
/// same change.
package enum MessageID: String, Sendable, CaseIterable {
    /// A reminder fell due and is delivered (also when delivered late by catch-up, with `PARTNERD_LATE=1`).
    case reminderDue = "1f9ae9df9063435a837a898553dd92d1"
    /// The daemon loaded its config and is ready.
    case daemonStarted = "5c1c2e12a31a4779b384d6fdcd2f8fac"
    /// A reload (SIGHUP or `partnerctl reload`) applied a new config.
    case configReloaded = "a521bd897dd3461ba5e913215a5de7ad"
    /// A reload found the new config invalid; the previous config stays in force.
    case reloadRejected = "a166208673d2477499594936d34b4717"
    /// The daemon is stopping after SIGTERM or SIGINT.
    case stopping = "168713f51541489fb6e5b72dc73e237f"
    /// A reminder could not be written to its channel; it stays undelivered in the ledger and is retried.
    case deliveryFailed = "5cb574962cad4f1986a75acf04804c8f"
    /// The delivery ledger could not be read; it was moved aside and a new one started.
    case ledgerCorrupt = "95276da068614de98eaeb14ed554e8bf"
    /// After downtime, reminders whose due time had passed were delivered late; this entry counts them.
    case catchUpDelivered = "261f907201db419683cd4e75eb6c1205"
    /// The daemon could not start: an invalid config, an unusable state directory or control socket.
    case startFailed = "7614b336fa414cdc8e947cdc2735d974"
    /// The ledger could not be written (a full disk, a state directory gone read-only): the reminders were delivered,
    /// but a crash before the next successful write would deliver them again.
    case ledgerWriteFailed = "a17573c7562545738eb8e88015e8a48a"
    /// A reminder reached a channel (mail, Matrix, webhook, exec); the entry names the channel and its answer.
    case channelDelivered = "c32d4e3e3b344c148cb2d24408f1006f"
    /// A channel delivery was given up: its error cannot be fixed by retrying, or `retry_for` passed.
    case channelFailed = "81497ea41bfc4332af1be21bc621d258"
    /// A reload removed a channel (or a route) while a delivery to it waited for a retry; it was dropped.
    case channelDropped = "43d168f5efee4c0082e3a2229886ced5"
    /// A fetched calendar changed at its source; the config is reloaded with the new copy.
    case calendarChanged = "c48dd65b46614a57a32c2e839aa07158"
    /// A calendar could not be fetched, or what came is not a calendar; the last good copy stays in use.
    case calendarFetchFailed = "a47fff179cd14f52986899ac7ac4b611"
    /// Someone marked a task item done; its reminders and repeats stop.
    case taskDone = "80686b56825740249d5704bd37eb3f78"
}
