/// A reminder the daemon has delivered: the fields of ``ReminderStatus`` plus when and whether late.
///
/// In JSON the reminder's fields and `delivered_at` and `late` sit side by side in one object.
public struct DeliveredReminderStatus: Sendable, Codable, Hashable {
    public var reminder: ReminderStatus
    /// When it was delivered, ISO 8601 with offset.
    public var deliveredAt: String
    /// Delivered after its due time, by catch-up after downtime.
    public var late: Bool

    public init(reminder: ReminderStatus, deliveredAt: String, late: Bool) {
        self.reminder = reminder
        self.deliveredAt = deliveredAt
        self.late = late
    }

    /// A delivery of `scheduled` at `deliveredAt`, with the times written in `zone` (the daemon's).
    public init(_ scheduled: ScheduledReminder, deliveredAt: Instant, late: Bool, zone: Zone) {
        self.init(reminder: ReminderStatus(scheduled, zone: zone), deliveredAt: zone.isoString(deliveredAt), late: late)
    }

    enum CodingKeys: String, CodingKey {
        case deliveredAt = "delivered_at", late
    }

    public init(from decoder: any Decoder) throws {
        reminder = try ReminderStatus(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deliveredAt = try container.decode(String.self, forKey: .deliveredAt)
        late = try container.decode(Bool.self, forKey: .late)
    }

    public func encode(to encoder: any Encoder) throws {
        try reminder.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deliveredAt, forKey: .deliveredAt)
        try container.encode(late, forKey: .late)
    }
}
