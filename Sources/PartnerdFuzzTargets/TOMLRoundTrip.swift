import PartnerdTOML

/// Writes a document the reader returned back as TOML (every table inline, every string a basic string with escapes)
/// and compares what the reader makes of that with the original: the fuzzers' check that reading keeps every value.
enum TOMLRoundTrip {
    static func write(_ table: TOMLTable) -> String {
        var text = ""
        for entry in table {
            text += key(entry.key) + " = " + value(entry.value) + "\n"
        }
        return text
    }

    static func key(_ key: String) -> String { string(key) }

    static func value(_ value: TOMLValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .integer(let number): return String(number)
        case .float(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            let written = "\(number)"
            return written.contains(".") || written.contains("e") ? written : written + ".0"
        case .boolean(let flag): return flag ? "true" : "false"
        case .offsetDateTime(let value), .localDateTime(let value): return value.description
        case .localDate(let value): return value.description
        case .localTime(let value): return value.description
        case .array(let array): return "[" + array.map { Self.value($0) }.joined(separator: ", ") + "]"
        case .table(let table):
            return "{" + table.map { key($0.key) + " = " + Self.value($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func string(_ text: String) -> String {
        var written = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": written += "\\\""
            case "\\": written += "\\\\"
            case "\n": written += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    written += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    written.unicodeScalars.append(scalar)
                }
            }
        }
        return written + "\""
    }

    /// Whether two trees hold the same keys in the same order and the same values (every NaN equal to every NaN).
    static func same(_ a: TOMLTable, _ b: TOMLTable) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
    }

    static func same(_ a: TOMLValue, _ b: TOMLValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.float(let x), .float(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.offsetDateTime(let x), .offsetDateTime(let y)), (.localDateTime(let x), .localDateTime(let y)):
            return x == y
        case (.localDate(let x), .localDate(let y)): return x == y
        case (.localTime(let x), .localTime(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.table(let x), .table(let y)): return same(x, y)
        default: return false
        }
    }
}
