import Foundation
import PartnerdTOML

/// toml-test's "tagged JSON": tables as objects, arrays as arrays, every scalar as `{"type": …, "value": "…"}`.
///
/// Both sides of a comparison become this enum: the reader's tree through ``init(_:)``, an expectation file or
/// another parser's output through ``init(json:)``. Equality follows toml-test's rules: floats by value (every NaN
/// equal), date-times with an offset by the instant they name, local ones by their fields.
indirect enum TaggedJSON: Equatable, CustomStringConvertible {
    case table([String: TaggedJSON])
    case array([TaggedJSON])
    case scalar(type: String, value: String)

    init(_ table: TOMLTable) {
        var object: [String: TaggedJSON] = [:]
        for entry in table { object[entry.key] = TaggedJSON(entry.value) }
        self = .table(object)
    }

    init(_ value: TOMLValue) {
        switch value {
        case .string(let text): self = .scalar(type: "string", value: text)
        case .integer(let number): self = .scalar(type: "integer", value: String(number))
        case .float(let number):
            let text = number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : "\(number)"
            self = .scalar(type: "float", value: text)
        case .boolean(let flag): self = .scalar(type: "bool", value: flag ? "true" : "false")
        case .offsetDateTime(let value): self = .scalar(type: "datetime", value: value.description)
        case .localDateTime(let value): self = .scalar(type: "datetime-local", value: value.description)
        case .localDate(let value): self = .scalar(type: "date-local", value: value.description)
        case .localTime(let value): self = .scalar(type: "time-local", value: value.description)
        case .array(let array): self = .array(array.map(TaggedJSON.init))
        case .table(let table): self = TaggedJSON(table)
        }
    }

    /// From a parsed JSON document (`JSONSerialization`), or `nil` when it is not tagged JSON.
    init?(json: Any) {
        if let array = json as? [Any] {
            var items: [TaggedJSON] = []
            for item in array {
                guard let tagged = TaggedJSON(json: item) else { return nil }
                items.append(tagged)
            }
            self = .array(items)
            return
        }
        guard let object = json as? [String: Any] else { return nil }
        if object.count == 2, let type = object["type"] as? String, let value = object["value"] as? String {
            self = .scalar(type: type, value: value)
            return
        }
        var table: [String: TaggedJSON] = [:]
        for (key, item) in object {
            guard let tagged = TaggedJSON(json: item) else { return nil }
            table[key] = tagged
        }
        self = .table(table)
    }

    static func == (lhs: TaggedJSON, rhs: TaggedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.table(let a), .table(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { $0 == value } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.scalar(let typeA, let valueA), .scalar(let typeB, let valueB)):
            guard typeA == typeB else { return false }
            switch typeA {
            case "float": return Self.sameFloat(valueA, valueB)
            case "datetime": return Self.instant(valueA).map { $0 == Self.instant(valueB) } ?? false
            case "datetime-local", "date-local", "time-local":
                return Self.localFields(valueA) == Self.localFields(valueB)
            default: return valueA == valueB
            }
        default:
            return false
        }
    }

    /// The tree with every fraction of a second cut after six digits, as Python's `datetime` holds them: tomllib
    /// truncates further digits (TOML 1.0.0 lets a reader drop what it cannot keep), partnerd keeps nine.
    func truncatedToMicroseconds() -> TaggedJSON {
        switch self {
        case .table(let table): return .table(table.mapValues { $0.truncatedToMicroseconds() })
        case .array(let items): return .array(items.map { $0.truncatedToMicroseconds() })
        case .scalar(let type, let value):
            guard ["datetime", "datetime-local", "time-local"].contains(type), let dot = value.firstIndex(of: ".")
            else { return self }
            let fraction = value[value.index(after: dot)...]
            let digits = fraction.prefix { $0.isASCII && $0.isNumber }
            guard digits.count > 6 else { return self }
            return .scalar(type: type, value: String(value[...dot]) + digits.prefix(6) + fraction.dropFirst(digits.count))
        }
    }

    static func sameFloat(_ a: String, _ b: String) -> Bool {
        func read(_ text: String) -> Double? {
            switch text.lowercased() {
            case "nan", "+nan", "-nan": return .nan
            case "inf", "+inf": return .infinity
            case "-inf": return -.infinity
            default: return Double(text.replacingOccurrences(of: "_", with: ""))
            }
        }
        guard let x = read(a), let y = read(b) else { return false }
        return (x.isNaN && y.isNaN) || x == y
    }

    /// The digits of a local date, time or date-time: `T`, `t` or a space between them, trailing zeros of the
    /// fraction dropped.
    static func localFields(_ text: String) -> String {
        var normal = text.uppercased().replacingOccurrences(of: " ", with: "T")
        if let dot = normal.firstIndex(of: ".") {
            var fraction = String(normal[normal.index(after: dot)...])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            normal = String(normal[..<dot]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return normal
    }

    /// Seconds since 1970 and the nanoseconds within that second of an RFC 3339 date-time with offset (apart: year
    /// 9999 in nanoseconds would not fit in 64 bits).
    static func instant(_ text: String) -> [Int]? {
        let normal = text.uppercased().replacingOccurrences(of: " ", with: "T")
        let scalars = Array(normal.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            return Int(String(decoding: scalars[from..<(from + count)], as: UTF8.self))
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var cursor = 19
        var nanos = 0
        if cursor < scalars.count && scalars[cursor] == UInt8(ascii: ".") {
            cursor += 1
            var digits = 0
            while cursor < scalars.count, scalars[cursor] >= 0x30, scalars[cursor] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(scalars[cursor] - 0x30) }
                digits += 1
                cursor += 1
            }
            for _ in min(digits, 9)..<9 { nanos *= 10 }
        }
        var offset = 0
        if cursor < scalars.count && scalars[cursor] != UInt8(ascii: "Z") {
            guard let hours = number(cursor + 1, 2), let minutes = number(cursor + 4, 2) else { return nil }
            offset = (hours * 60 + minutes) * (scalars[cursor] == UInt8(ascii: "-") ? -1 : 1)
        }
        // Days from the civil date (proleptic Gregorian).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60
        return [seconds, nanos]
    }

    var description: String {
        switch self {
        case .table(let table):
            return "{" + table.keys.sorted().map { "\($0): \(table[$0]!)" }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .scalar(let type, let value): return "\(type)(\(value.debugDescription))"
        }
    }
}
