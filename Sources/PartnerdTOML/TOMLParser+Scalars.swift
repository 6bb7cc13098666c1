/// Booleans, integers, floats, dates and times: the values written without quotes (TOML 1.0.0, "Integer", "Float",
/// "Boolean", "Offset Date-Time" to "Local Time").
extension TOMLParser {
    /// The bare value at `index`: its extent is found first, so a message can quote all of it.
    mutating func parseBareValue() throws(TOMLError) -> TOMLValue {
        let start = index
        let startPosition = position
        while index < bytes.count && Byte.isBareValue(bytes[index]) { index += 1 }
        // A date may be followed by a space and its time: `1979-05-27 07:32:00`.
        if index - start == 10, isDate(at: start), index + 3 < bytes.count, bytes[index] == Byte.space,
            Byte.isDigit(bytes[index + 1]), Byte.isDigit(bytes[index + 2]), bytes[index + 3] == Byte.colon
        {
            index += 1
            while index < bytes.count && Byte.isBareValue(bytes[index]) { index += 1 }
        }
        if index < bytes.count && Byte.isForbiddenControl(bytes[index]) { throw controlCharacter(in: nil) }
        let end = index
        let token = BareToken(bytes: bytes, start: start, end: end)
        if token.equals("true") { return .boolean(true) }
        if token.equals("false") { return .boolean(false) }
        if end - start >= 3 && bytes[start + 2] == Byte.colon { return try parseTime(token, at: startPosition) }
        if end - start >= 5 && bytes[start + 4] == Byte.minus && isDigits(start, 4) {
            return try parseDate(token, at: startPosition)
        }
        return try parseNumber(token, at: startPosition)
    }

    func isDigits(_ from: Int, _ count: Int) -> Bool {
        guard from + count <= bytes.count else { return false }
        for offset in from..<(from + count) where !Byte.isDigit(bytes[offset]) { return false }
        return true
    }

    /// `DDDD-DD-DD`.
    func isDate(at from: Int) -> Bool {
        isDigits(from, 4) && bytes[from + 4] == Byte.minus && isDigits(from + 5, 2) && bytes[from + 7] == Byte.minus
            && isDigits(from + 8, 2)
    }

    func number(_ from: Int, _ count: Int) -> Int {
        var value = 0
        for offset in from..<(from + count) { value = value * 10 + Int(bytes[offset] - 0x30) }
        return value
    }

    func invalid(_ token: BareToken, _ kind: String, _ reason: String, hint: String, at position: TOMLPosition)
        -> TOMLError
    {
        TOMLError("\(token.quoted) is not \(kind): \(reason)", hint: hint, at: position)
    }

    // MARK: - Dates and times

    mutating func parseDate(_ token: BareToken, at position: TOMLPosition) throws(TOMLError) -> TOMLValue {
        let from = token.start
        let dateHint = "write a date as YYYY-MM-DD, e.g. 1992-06-01, and a date-time as 2022-11-26T10:00:00"
        guard token.count >= 10, isDate(at: from) else {
            throw invalid(token, "a date", "a date has the form YYYY-MM-DD", hint: dateHint, at: position)
        }
        let date = TOMLDate(year: number(from, 4), month: number(from + 5, 2), day: number(from + 8, 2))
        guard TOMLDate.isValid(year: date.year, month: date.month, day: date.day) else {
            throw invalid(
                token, "a date", "\(date) is not a day of the calendar", hint: "check the day and the month",
                at: position)
        }
        if token.count == 10 { return .localDate(date) }
        let separator = bytes[from + 10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == Byte.space else {
            throw invalid(token, "a date", "a date ends after its day", hint: dateHint, at: position)
        }
        guard token.count >= 14, isDigits(from + 11, 2), bytes[from + 13] == Byte.colon else {
            throw TOMLError(
                "a date followed by T needs a time of day (\(token.quoted))",
                hint: "write a local date-time such as 2022-11-26T10:00:00, or the date alone", at: position)
        }
        var cursor = from + 11
        let time = try readTime(token, from: &cursor, at: position)
        if cursor == token.end { return .localDateTime(TOMLDateTime(date: date, time: time)) }
        let offsetHint = "write the offset as Z or ±HH:MM, e.g. 2022-11-26T10:00:00+01:00"
        let sign = bytes[cursor]
        if (sign | 0x20) == UInt8(ascii: "z") && cursor + 1 == token.end {
            return .offsetDateTime(TOMLDateTime(date: date, time: time, offsetMinutes: 0))
        }
        guard sign == Byte.plus || sign == Byte.minus, cursor + 6 == token.end, isDigits(cursor + 1, 2),
            bytes[cursor + 3] == Byte.colon, isDigits(cursor + 4, 2)
        else {
            throw invalid(token, "a date-time", "the offset after the time is malformed", hint: offsetHint, at: position)
        }
        let hours = number(cursor + 1, 2)
        let minutes = number(cursor + 4, 2)
        guard hours <= 23, minutes <= 59 else {
            throw invalid(token, "a date-time", "the offset is out of range", hint: offsetHint, at: position)
        }
        let offset = (hours * 60 + minutes) * (sign == Byte.minus ? -1 : 1)
        return .offsetDateTime(TOMLDateTime(date: date, time: time, offsetMinutes: offset))
    }

    mutating func parseTime(_ token: BareToken, at position: TOMLPosition) throws(TOMLError) -> TOMLValue {
        var cursor = token.start
        let time = try readTime(token, from: &cursor, at: position)
        guard cursor == token.end else {
            throw invalid(
                token, "a time", "a local time ends after its seconds (an offset needs a date)",
                hint: "write a time as HH:MM:SS, e.g. 10:00:00", at: position)
        }
        return .localTime(time)
    }

    /// `HH:MM:SS` and an optional fraction, from `cursor` within the token.
    func readTime(_ token: BareToken, from cursor: inout Int, at position: TOMLPosition) throws(TOMLError) -> TOMLTime {
        let hint = "write a time as HH:MM:SS with seconds, e.g. 10:00:00 or 07:32:00.5"
        let from = cursor
        guard from + 8 <= token.end, isDigits(from, 2), bytes[from + 2] == Byte.colon, isDigits(from + 3, 2),
            bytes[from + 5] == Byte.colon, isDigits(from + 6, 2)
        else {
            throw invalid(token, "a time", "a time has the form HH:MM:SS", hint: hint, at: position)
        }
        let hour = number(from, 2)
        let minute = number(from + 3, 2)
        let second = number(from + 6, 2)
        guard hour <= 23, minute <= 59, second <= 60 else {
            throw invalid(
                token, "a time", "hours go to 23, minutes to 59 and seconds to 60", hint: hint, at: position)
        }
        cursor = from + 8
        var nanosecond = 0
        var digits = 0
        if cursor < token.end && bytes[cursor] == Byte.dot {
            cursor += 1
            while cursor < token.end && Byte.isDigit(bytes[cursor]) {
                if digits < 9 {
                    nanosecond = nanosecond * 10 + Int(bytes[cursor] - 0x30)
                    digits += 1
                }
                cursor += 1
            }
            guard digits > 0 else {
                throw invalid(token, "a time", "the fraction after the seconds has no digits", hint: hint, at: position)
            }
            for _ in digits..<9 { nanosecond *= 10 }
        }
        return TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond, fractionDigits: digits)
    }

    // MARK: - Numbers

    mutating func parseNumber(_ token: BareToken, at position: TOMLPosition) throws(TOMLError) -> TOMLValue {
        let numberHint = "write a number such as 42, -7, 1_000, 0xFF, 3.14 or 1e6; quote text"
        var cursor = token.start
        var negative = false
        var signed = false
        if bytes[cursor] == Byte.plus || bytes[cursor] == Byte.minus {
            negative = bytes[cursor] == Byte.minus
            signed = true
            cursor += 1
        }
        let rest = BareToken(bytes: bytes, start: cursor, end: token.end)
        if rest.equals("inf") { return .float(negative ? -.infinity : .infinity) }
        if rest.equals("nan") { return .float(negative ? -.nan : .nan) }
        guard cursor < token.end, Byte.isDigit(bytes[cursor]) else {
            throw invalid(token, "a value", "a value without quotes must be a number, a date, true or false", hint: numberHint, at: position)
        }
        if bytes[cursor] == UInt8(ascii: "0"), cursor + 1 < token.end {
            let base: Int
            switch bytes[cursor + 1] {
            case UInt8(ascii: "x"): base = 16
            case UInt8(ascii: "o"): base = 8
            case UInt8(ascii: "b"): base = 2
            default: base = 10
            }
            if base != 10 {
                guard !signed else {
                    throw invalid(
                        token, "an integer", "a hexadecimal, octal or binary integer has no sign", hint: numberHint,
                        at: position)
                }
                return .integer(try parseRadix(token, from: cursor + 2, base: base, at: position))
            }
        }
        let integerStart = cursor
        guard let integerEnd = digitGroups(from: cursor, to: token.end) else {
            throw invalid(token, "a number", "an underscore must stand between two digits", hint: numberHint, at: position)
        }
        cursor = integerEnd
        if bytes[integerStart] == UInt8(ascii: "0") && integerEnd - integerStart > 1 {
            throw invalid(token, "a number", "a number does not begin with 0 (leading zeros)", hint: numberHint, at: position)
        }
        var isFloat = false
        if cursor < token.end && bytes[cursor] == Byte.dot {
            isFloat = true
            guard let fractionEnd = digitGroups(from: cursor + 1, to: token.end) else {
                throw invalid(token, "a float", "the point needs digits after it", hint: numberHint, at: position)
            }
            cursor = fractionEnd
        }
        if cursor < token.end && (bytes[cursor] | 0x20) == UInt8(ascii: "e") {
            isFloat = true
            cursor += 1
            if cursor < token.end && (bytes[cursor] == Byte.plus || bytes[cursor] == Byte.minus) { cursor += 1 }
            guard let exponentEnd = digitGroups(from: cursor, to: token.end) else {
                throw invalid(token, "a float", "the exponent needs digits", hint: numberHint, at: position)
            }
            cursor = exponentEnd
        }
        guard cursor == token.end else {
            throw invalid(token, "a value", "it goes on after the number", hint: numberHint, at: position)
        }
        if isFloat {
            var text = ""
            text.reserveCapacity(token.count)
            for offset in token.start..<token.end where bytes[offset] != Byte.underscore {
                text.unicodeScalars.append(Unicode.Scalar(bytes[offset]))
            }
            guard let value = Double(text) else {
                throw invalid(token, "a float", "it cannot be read as a number", hint: numberHint, at: position)
            }
            return .float(value)
        }
        // Accumulated negatively, so that -9223372036854775808 fits.
        var value = 0
        for offset in integerStart..<integerEnd where bytes[offset] != Byte.underscore {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(Int(bytes[offset] - 0x30))
            guard !overflowA, !overflowB else { throw integerOverflow(token, at: position) }
            value = next
        }
        if !negative {
            guard value != Int.min else { throw integerOverflow(token, at: position) }
            value = -value
        }
        return .integer(value)
    }

    func integerOverflow(_ token: BareToken, at position: TOMLPosition) -> TOMLError {
        invalid(
            token, "an integer", "it is beyond the 64-bit range (−9223372036854775808 to 9223372036854775807)",
            hint: "use a smaller number", at: position)
    }

    /// Digits with single underscores between them, from `from`; the index after the last digit, or `nil` when there
    /// is no digit first or an underscore stands anywhere but between two digits.
    func digitGroups(from: Int, to end: Int) -> Int? {
        var cursor = from
        guard cursor < end, Byte.isDigit(bytes[cursor]) else { return nil }
        while cursor < end {
            let byte = bytes[cursor]
            if Byte.isDigit(byte) {
                cursor += 1
            } else if byte == Byte.underscore {
                guard cursor + 1 < end, Byte.isDigit(bytes[cursor + 1]) else { return nil }
                cursor += 1
            } else {
                break
            }
        }
        return cursor
    }

    func parseRadix(_ token: BareToken, from: Int, base: Int, at position: TOMLPosition) throws(TOMLError) -> Int {
        let hint = "write hexadecimal as 0xFF, octal as 0o755 and binary as 0b1010, underscores only between digits"
        var value = 0
        var cursor = from
        var previousWasDigit = false
        guard cursor < token.end else {
            throw invalid(token, "an integer", "the prefix needs digits after it", hint: hint, at: position)
        }
        while cursor < token.end {
            let byte = bytes[cursor]
            cursor += 1
            if byte == Byte.underscore {
                guard previousWasDigit, cursor < token.end else {
                    throw invalid(token, "an integer", "an underscore must stand between two digits", hint: hint, at: position)
                }
                previousWasDigit = false
                continue
            }
            let digit: Int
            if Byte.isDigit(byte) {
                digit = Int(byte - 0x30)
            } else if Byte.isHexDigit(byte) {
                digit = Int((byte | 0x20) - 0x61) + 10
            } else {
                digit = base
            }
            guard digit < base else {
                throw invalid(token, "an integer", "it has a digit that base \(base) does not have", hint: hint, at: position)
            }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: base)
            let (next, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { throw integerOverflow(token, at: position) }
            value = next
            previousWasDigit = true
        }
        return value
    }
}

/// The bytes of one bare value, for matching and quoting.
struct BareToken {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let end: Int

    var count: Int { end - start }

    func equals(_ text: StaticString) -> Bool {
        guard text.utf8CodeUnitCount == count else { return false }
        let pointer = text.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    /// The token in quotes, for a message.
    var quoted: String {
        "\"" + String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) + "\""
    }
}
