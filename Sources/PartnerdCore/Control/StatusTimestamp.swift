/// An ISO 8601 time with offset from the status (`2026-05-25T09:00:00+02:00`), read back for display and countdowns.
///
/// Only the form the daemon writes is read: date, `T`, time to the second with optional fraction, then `Z` or
/// `±HH:MM` with optional `:SS`.
public struct StatusTimestamp: Sendable, Hashable {
    /// The wall time at the offset.
    public var local: LocalDateTime
    /// Seconds east of UTC.
    public var offsetSeconds: Int

    public init(local: LocalDateTime, offsetSeconds: Int) {
        self.local = local
        self.offsetSeconds = offsetSeconds
    }

    public init?(_ text: String) {
        let characters = Array(text.utf8)
        guard characters.count >= 20, characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: " ") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            var value = 0
            for index in range {
                let digit = characters[index]
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return value
        }
        guard characters[4] == UInt8(ascii: "-"), characters[7] == UInt8(ascii: "-"),
            characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var index = 19
        if characters[index] == UInt8(ascii: ".") {
            let digits = index + 1
            index = digits
            while index < characters.count, number(index..<(index + 1)) != nil { index += 1 }
            guard index > digits else { return nil }
        }
        guard index < characters.count else { return nil }
        let zone = Array(characters[index...])
        if zone == [UInt8(ascii: "Z")] {
            self.init(local: local, offsetSeconds: 0)
            return
        }
        guard zone.count == 6 || zone.count == 9, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
            zone[3] == UInt8(ascii: ":"), let hours = number((index + 1)..<(index + 3)),
            let minutes = number((index + 4)..<(index + 6)), hours < 24, minutes < 60
        else { return nil }
        var offset = hours * 3600 + minutes * 60
        if zone.count == 9 {
            guard zone[6] == UInt8(ascii: ":"), let seconds = number((index + 7)..<(index + 9)), seconds < 60 else {
                return nil
            }
            offset += seconds
        }
        self.init(local: local, offsetSeconds: zone[0] == UInt8(ascii: "-") ? -offset : offset)
    }

    /// The instant this names.
    public var instant: Instant {
        Instant(secondsSinceEpoch: local.wallSeconds - Int64(offsetSeconds))
    }

    /// `2026-05-25 09:00 +02:00`: the wall time to the minute, with the offset, for tables.
    public var shortText: String {
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        let time = local.time
        return "\(local.date) \(pad(time.hour, 2)):\(pad(time.minute, 2)) "
            + "\(sign)\(pad(magnitude / 3600, 2)):\(pad(magnitude / 60 % 60, 2))"
    }
}
