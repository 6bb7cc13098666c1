/// One reminder for one recipient: the unit the scheduler delivers, retries and records in the ledger.
public struct Delivery: Sendable, Hashable, Comparable {
    public var reminder: ScheduledReminder
    public var recipient: Recipient
    /// When it is due for this recipient: reminders of all-day occurrences fire at the recipient's
    /// `notify_at`, so the same reminder may fall due at different instants for different recipients.
    public var due: Instant
    /// Where it was due before it moved off a closed day of this recipient, and why.
    public var moved: ReminderMove?

    public init(reminder: ScheduledReminder, recipient: Recipient = .journal, due: Instant? = nil, moved: ReminderMove? = nil) {
        self.reminder = reminder
        self.recipient = recipient
        self.due = due ?? reminder.due
        self.moved = due == nil ? reminder.reminder.moved : moved
    }

    public var key: DeliveryKey { DeliveryKey(reminder: reminder.key, recipient: recipient) }

    public static func < (lhs: Delivery, rhs: Delivery) -> Bool {
        (lhs.due, lhs.key) < (rhs.due, rhs.key)
    }
}

/// The stable identity of a delivery across restarts and reloads: the reminder's key and the recipient.
public struct DeliveryKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var reminder: ReminderKey
    public var recipient: Recipient

    public init(reminder: ReminderKey, recipient: Recipient = .journal) {
        self.reminder = reminder
        self.recipient = recipient
    }

    public static func < (lhs: DeliveryKey, rhs: DeliveryKey) -> Bool {
        (lhs.reminder, lhs.recipient) < (rhs.reminder, rhs.recipient)
    }

    public var description: String {
        recipient == .journal ? reminder.description : "\(reminder) → \(recipient)"
    }

    /// The delivery id (SPEC "Channels"): 32 hex digits derived from the UID, the occurrence, the lead and the
    /// recipient, the same on every machine and after every restart, so that a receiver can drop a repeat.
    public var deliveryID: String {
        Self.deliveryID(of: "\(reminder.uid)\n\(reminder.occurrence)\n\(reminder.lead)\n\(recipient)")
    }

    /// 32 hex digits of SHA-256: the form of every delivery id (one reminder, a digest, a test message).
    public static func deliveryID(of text: String) -> String {
        String(SHA256.hexDigest(Array(text.utf8)).prefix(32))
    }
}

/// Why a delivery did not go through, as the IO layer reports it to the scheduler.
public struct DeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether trying again can help.
    public enum Kind: String, Sendable, Hashable {
        /// A timeout, a refused connection, a 5xx from an HTTP server, an SMTP 4xx reply: retried.
        case transient
        /// Authentication refused, an SMTP 5xx reply, an HTTP 4xx other than 408 and 429: failed at once.
        case permanent
    }

    public var kind: Kind
    /// What went wrong, for the journal and `status`; never a secret.
    public var reason: String
    /// The receiver's own word on when to try again (HTTP `Retry-After`), in seconds.
    public var retryAfter: Int64?

    public init(_ kind: Kind, reason: String, retryAfter: Int64? = nil) {
        self.kind = kind
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public var description: String { reason }
}
