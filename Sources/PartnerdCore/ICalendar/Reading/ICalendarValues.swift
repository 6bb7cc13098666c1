/// Values of iCalendar properties (RFC 5545 §3.3): text with its escapes, dates, date-times, durations and UTC
/// offsets, read leniently where real calendars differ from the RFC and never with a crash.
enum ICalendarValues {
    /// TEXT (§3.3.11): `\n` and `\N` are line breaks, `\,` `\;` `\\` the characters themselves; a backslash before
    /// anything else is dropped.
    static func text(_ raw: String) -> String {
        guard raw.contains("\\") else { return raw }
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        var escaped = false
        for character in raw {
            if escaped {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// A list of TEXT values (CATEGORIES): split at commas that are not escaped.
    static func textList(_ raw: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in raw {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map(text).map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
    }

    /// A DATE or DATE-TIME as written, before any zone is applied.
    enum Time: Sendable, Equatable {
        case date(LocalDate)
        /// A date-time without `Z`: floating, or in the zone its `TZID` names.
        case local(LocalDateTime)
        /// A date-time in UTC (`Z`).
        case utc(LocalDateTime)
    }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`; with `asDate` a date-time is cut to its date (`VALUE=DATE` on a value with
    /// a time, as some exporters write it).
    static func time(_ raw: Substring, asDate: Bool) -> Time? {
        let bytes = Array(raw.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 8, let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 8 || asDate { return .date(date) }
        guard bytes.count >= 15, bytes[8] == 0x54 || bytes[8] == 0x74, let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        // A leap second (60) is read as the last second of its minute.
        guard let time = LocalTime(hour: hour, minute: minute, second: min(second, 59)) else { return nil }
        let wall = LocalDateTime(date: date, time: time)
        if bytes.count == 15 { return .local(wall) }
        guard bytes.count == 16, bytes[15] == 0x5A || bytes[15] == 0x7A else { return nil }
        return .utc(wall)
    }

    /// DURATION (§3.3.6): `[+-]P[nW]` or `[+-]P[nD][T[nH][nM][nS]]`, as signed seconds of nominal days (a day is
    /// 86,400 s here: events take their length in exact time) ; `nil` when malformed or beyond ten years.
    static func duration(_ raw: Substring) -> Int64? {
        var text = raw.trimmingASCIIWhitespaceSubstring()
        var sign: Int64 = 1
        if text.hasPrefix("-") {
            sign = -1
            text = text.dropFirst()
        } else if text.hasPrefix("+") {
            text = text.dropFirst()
        }
        guard text.first == "P" || text.first == "p" else { return nil }
        text = text.dropFirst()
        var total: Int64 = 0
        var digits: Int64 = 0
        var haveDigits = false
        var inTime = false
        var any = false
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits = digits * 10 + Int64(digit)
                haveDigits = true
                guard digits < 1_000_000_000 else { return nil }
                continue
            }
            let unit: Int64
            switch character.uppercased() {
            case "T":
                guard !haveDigits, !inTime else { return nil }
                inTime = true
                continue
            case "W": unit = 7 * 86_400
            case "D": unit = 86_400
            case "H": unit = 3600
            case "M": unit = inTime ? 60 : 0
            case "S": unit = 1
            default: return nil
            }
            guard haveDigits, unit > 0 else { return nil }
            total += digits * unit
            digits = 0
            haveDigits = false
            any = true
        }
        guard any, !haveDigits, total <= 3_660 * 86_400 else { return nil }
        return sign * total
    }

    /// UTC-OFFSET (§3.3.14): `+HHMM` or `+HHMMSS`, in seconds.
    static func utcOffset(_ raw: Substring) -> Int32? {
        let text = Array(raw.trimmingASCIIWhitespaceSubstring().utf8)
        guard text.count == 5 || text.count == 7, text[0] == 0x2B || text[0] == 0x2D else { return nil }
        var fields: [Int32] = []
        var index = 1
        while index + 1 < text.count {
            let high = text[index]
            let low = text[index + 1]
            guard (0x30...0x39).contains(high), (0x30...0x39).contains(low) else { return nil }
            fields.append(Int32(high - 0x30) * 10 + Int32(low - 0x30))
            index += 2
        }
        guard fields.count >= 2, fields[0] <= 23, fields[1] <= 59, (fields.count < 3 || fields[2] <= 59) else {
            return nil
        }
        let seconds = fields[0] * 3600 + fields[1] * 60 + (fields.count == 3 ? fields[2] : 0)
        return text[0] == 0x2D ? -seconds : seconds
    }
}

extension Substring {
    func trimmingASCIIWhitespaceSubstring() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
