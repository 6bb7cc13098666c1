import TOMLKit

/// A parsed TOML value, copied out of TOMLKit's reference types into plain values.
///
/// The decoder walks this tree to collect every problem instead of stopping at the first, which a
/// `Decodable` decoder would do.
indirect enum TOMLNode: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case date(year: Int, month: Int, day: Int)
    case time(hour: Int, minute: Int, second: Int)
    case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, hasOffset: Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])

    /// The TOML type's name, as error messages say it.
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime(_, _, _, _, _, _, let hasOffset): return hasOffset ? "a date-time with offset" : "a date-time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// The value as TOML would write it, for quoting in messages.
    var quoted: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .boolean(let value): return String(value)
        case .date(let y, let m, let d): return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        case .time(let h, let m, let s): return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))"
        case .dateTime(let y, let mo, let d, let h, let mi, let s, _):
            return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        case .array(let items): return "[" + items.map(\.quoted).joined(separator: ", ") + "]"
        case .table: return "{…}"
        }
    }

    /// Parses a TOML document.
    static func parse(_ text: String) throws(TOMLSyntaxError) -> [String: TOMLNode] {
        do {
            let table = try TOMLTable(string: text)
            let converted = convert(table)
            // TOMLKit 0.6.0 never frees the document it parsed (TOMLTable has no deinit); clearing the root frees
            // every node of it, which was what made the daemon's memory grow with each reload. The empty root, and
            // every string value and key list TOMLKit hands out (strdup'ed and malloc'ed, never freed), still leak.
            table.clear()
            return converted
        } catch let error as TOMLParseError {
            throw TOMLSyntaxError(
                message: error.description, line: error.source.begin.line, column: error.source.begin.column)
        } catch {
            throw TOMLSyntaxError(message: "\(error)", line: nil, column: nil)
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var result: [String: TOMLNode] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    private static func convert(_ value: any TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .boolean(value.bool ?? false)
        case .date:
            let d = value.date
            return .date(year: d?.year ?? 0, month: d?.month ?? 0, day: d?.day ?? 0)
        case .time:
            let t = value.time
            return .time(hour: t?.hour ?? 0, minute: t?.minute ?? 0, second: t?.second ?? 0)
        case .dateTime:
            guard let dt = value.dateTime else { return .string("") }
            return .dateTime(
                year: dt.date.year, month: dt.date.month, day: dt.date.day, hour: dt.time.hour, minute: dt.time.minute,
                second: dt.time.second, hasOffset: dt.offset != nil)
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0) })
        case .table:
            guard let table = value.table else { return .table([:]) }
            return .table(convert(table))
        }
    }
}

/// A TOML syntax error, with the parser's position.
struct TOMLSyntaxError: Error, Sendable {
    let message: String
    let line: Int?
    let column: Int?
}
