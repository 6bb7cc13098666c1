/// Writes a channel message as an Internet message (RFC 5322 with MIME, RFC 2045–2049): UTF-8 text, an RFC 2047
/// subject, `Auto-Submitted: auto-generated` (RFC 3834), the delivery id as `Message-ID`, and each reminded
/// occurrence attached as a `text/calendar` VEVENT with the feed's UID. Lines end in CRLF; bodies are base64, so
/// no line is longer than 78 characters and the message passes 7-bit transports.
public enum MailComposer {
    public static func compose(
        _ message: ChannelMessage, from: MailAddress, to: [String], date: Instant, zone: Zone
    ) -> String {
        let boundary = "partnerd-\(message.deliveryID)"
        var lines: [String] = []
        lines.append("From: \(mailbox(from))")
        lines.append("To: \(to.joined(separator: ",\r\n "))")
        lines.append("Subject: \(encodedWords(message.subject))")
        lines.append("Date: \(rfc5322Date(date, zone: zone))")
        lines.append("Message-ID: <\(message.deliveryID)@partnerd>")
        lines.append("Auto-Submitted: auto-generated")
        lines.append("X-Auto-Response-Suppress: All")
        lines.append("Content-Language: \(message.language.rawValue)")
        lines.append("MIME-Version: 1.0")
        let text = message.text + "\n"
        // A task's reminder attaches nothing: its occurrence is what it prepares, not a date to put in a calendar.
        let attachments = message.items.filter { $0.task == nil }
        if attachments.isEmpty {
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += Base64.lines(Array(crlf(text).utf8))
        } else {
            lines.append("Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += Base64.lines(Array(crlf(text).utf8))
            for (index, item) in attachments.enumerated() {
                let name = attachments.count == 1 ? "reminder.ics" : "reminder-\(index + 1).ics"
                lines.append("--\(boundary)")
                lines.append("Content-Type: text/calendar; charset=utf-8; method=PUBLISH;\r\n name=\"\(name)\"")
                lines.append("Content-Disposition: attachment; filename=\"\(name)\"")
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("")
                lines += Base64.lines(invitation(item, stamp: date))
            }
            lines.append("--\(boundary)--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One VCALENDAR with the occurrence as a VEVENT under the feed's UID, with the feed's properties (LOCATION,
    /// DESCRIPTION, URL, CATEGORIES as the feed has them); a timed one in UTC, so that it needs no VTIMEZONE. Only an
    /// occurrence of a recurring event carries a RECURRENCE-ID: a one-off event is the feed's VEVENT itself, and a
    /// RECURRENCE-ID would make a calendar program file it as an exception to a series that does not exist.
    public static func invitation(_ item: ChannelMessage.Item, stamp: Instant) -> [UInt8] {
        let occurrence = item.calendar
        var writer = ICalendarWriter()
        writer.begin("VCALENDAR")
        writer.write(ContentLine("VERSION", "2.0"))
        writer.write(ContentLine("PRODID", "-//partnerd//partnerd \(PartnerdVersion.current)//EN"))
        writer.write(ContentLine("METHOD", "PUBLISH"))
        writer.begin("VEVENT")
        writer.write(ContentLine("UID", ICalendarText.escaped(occurrence.uid)))
        writer.write(ContentLine("DTSTAMP", stamp.basicUTCFormat))
        if occurrence.isAllDay {
            writer.write(FeedRenderer.dateLine("DTSTART", occurrence.start.date))
            writer.write(FeedRenderer.dateLine("DTEND", occurrence.lastDay.adding(days: 1)))
        } else {
            writer.write(ContentLine("DTSTART", occurrence.startInstant.basicUTCFormat))
            if occurrence.endInstant > occurrence.startInstant {
                writer.write(ContentLine("DTEND", occurrence.endInstant.basicUTCFormat))
            }
        }
        if item.recurs {
            writer.write(
                occurrence.isAllDay
                    ? FeedRenderer.dateLine("RECURRENCE-ID", occurrence.start.date)
                    : ContentLine("RECURRENCE-ID", occurrence.startInstant.basicUTCFormat))
        }
        writer.write(item.calendarProperties)
        writer.end("VEVENT")
        writer.end("VCALENDAR")
        return writer.takeBytes()
    }

    /// `Name <address>`, the name as RFC 2047 encoded words when it is not plain ASCII text.
    static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.name else { return address.address }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || ("0"..."9").contains($0)) }
        // Folded before the address, so that a long name keeps the line within 78 characters.
        return "\(plain ? name : encodedWords(name))\r\n <\(address.address)>"
    }

    /// RFC 2047 `=?utf-8?B?…?=` words, each at most 75 characters, a character never split between two; plain
    /// printable ASCII is left as it is.
    public static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !text.contains("=?") {
            return folded(text)
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        // At most 36 bytes a word: 48 characters of base64, 60 with "=?utf-8?B?" and "?=", so that a header
        // line with its name stays within 78 characters (RFC 5322 §2.1.1; RFC 2047 allows 75 a word).
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36 {
                words.append("=?utf-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Base64.encode(chunk))?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Plain text folded at spaces into lines of at most 68 characters (room for a header's name), RFC 5322 §2.2.3.
    static func folded(_ text: String) -> String {
        var lines: [String] = []
        var line: String?
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let current = line, current.count + 1 + word.count > 68 {
                lines.append(current)
                line = String(word)
            } else {
                line = line.map { "\($0) \(word)" } ?? String(word)
            }
        }
        lines.append(line ?? "")
        return lines.joined(separator: "\r\n ")
    }

    /// `Sat, 05 Dec 2026 10:00:00 +0100` (RFC 5322 §3.3).
    public static func rfc5322Date(_ instant: Instant, zone: Zone) -> String {
        let local = zone.localDateTime(at: instant)
        let offset = Int(zone.offset(at: instant))
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = days[local.date.weekday.rawValue - 1]
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(weekday), \(pad(local.date.day)) \(months[local.date.month - 1]) \(local.date.year) "
            + "\(pad(local.time.hour)):\(pad(local.time.minute)):\(pad(local.time.second)) \(sign)\(pad(minutes / 60))\(pad(minutes % 60))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }
}

/// Base64 (RFC 4648 §4), for MIME bodies, encoded words and SMTP AUTH.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The encoding in lines of 76 characters (RFC 2045 §6.8).
    public static func lines(_ bytes: [UInt8]) -> [String] {
        let text = Array(encode(bytes).utf8)
        return stride(from: 0, to: text.count, by: 76).map {
            String(decoding: text[$0..<min(text.count, $0 + 76)], as: UTF8.self)
        }
    }
}
