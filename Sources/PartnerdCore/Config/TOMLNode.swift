import CTOML
import Glibc

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

    /// Parses a TOML document with toml++ through TOMLKit's C layer, freeing everything that layer hands out.
    ///
    /// TOMLKit 0.6.0's Swift types never free the document they parse (`TOMLTable` has no deinit), nor the copies
    /// its accessors make (each string value `strdup`ed, each key list and number `malloc`ed): a daemon that
    /// reloaded through them grew with every reload. Walking the C layer directly frees each copy once read and
    /// the whole tree at the end; only the emptied root object (a few dozen bytes) stays, as the C layer has no
    /// function that deletes it.
    static func parse(_ text: String) throws(TOMLSyntaxError) -> [String: TOMLNode] {
        // Written by the C layer on failure only, so it is read only then.
        let error = UnsafeMutablePointer<CTOMLParseError>.allocate(capacity: 1)
        defer { error.deallocate() }
        guard let root = text.withCString({ tableCreateFromString($0, error) }) else {
            let failure = error.pointee
            let message = String(cString: failure.description)
            free(UnsafeMutableRawPointer(mutating: failure.description))
            throw TOMLSyntaxError(
                message: message, line: Int(failure.source.begin.line), column: Int(failure.source.begin.column))
        }
        let converted = convert(table: root)
        tableClear(root)
        return converted
    }

    private static func convert(table: OpaquePointer) -> [String: TOMLNode] {
        let count = tableSize(table)
        guard count > 0 else { return [:] }
        let keys = tableGetKeys(table)
        let values = tableGetValues(table)
        defer {
            for index in 0..<count { free(UnsafeMutableRawPointer(mutating: keys[index])) }
            free(UnsafeMutableRawPointer(mutating: keys))
            free(UnsafeMutableRawPointer(mutating: values))
        }
        var result: [String: TOMLNode] = [:]
        result.reserveCapacity(count)
        for index in 0..<count {
            result[String(cString: keys[index])] = convert(node: values[index])
        }
        return result
    }

    private static func convert(node: OpaquePointer) -> TOMLNode {
        switch nodeType(node) {
        case .table:
            return .table(nodeAsTable(node).map { convert(table: $0) } ?? [:])
        case .array:
            guard let array = nodeAsArray(node) else { return .array([]) }
            let count = arraySize(array)
            return .array((0..<count).map { convert(node: arrayGetNode(array, Int64($0))) })
        case .string:
            return .string(taking(nodeAsString(node)) { String(cString: $0) } ?? "")
        case .integer:
            return .integer(taking(nodeAsInt(node)) { Int($0.pointee) } ?? 0)
        case .floatingPoint:
            return .float(taking(nodeAsDouble(node)) { $0.pointee } ?? 0)
        case .boolean:
            return .boolean(taking(nodeAsBool(node)) { $0.pointee } ?? false)
        case .date:
            return taking(nodeAsDate(node)) { date(of: $0.pointee) } ?? .date(year: 0, month: 0, day: 0)
        case .timeType:
            return taking(nodeAsTime(node)) { time(of: $0.pointee) } ?? .time(hour: 0, minute: 0, second: 0)
        case .dateTime:
            return taking(nodeAsDateTime(node)) { pointer in
                let value = pointer.pointee
                guard case .date(let year, let month, let day) = date(of: value.date),
                    case .time(let hour, let minute, let second) = time(of: value.time)
                else { return .string("") }
                // The offset, when there is one, was made with C++ `new`; it is left alone (a config never needs
                // one, and one is an error).
                return .dateTime(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                    hasOffset: value.offset != nil)
            } ?? .string("")
        }
    }

    /// Reads a value the C layer allocated for the caller, then frees it.
    private static func taking<Pointee, Result>(
        _ pointer: UnsafePointer<Pointee>?, _ read: (UnsafePointer<Pointee>) -> Result
    ) -> Result? {
        guard let pointer else { return nil }
        defer { free(UnsafeMutableRawPointer(mutating: pointer)) }
        return read(pointer)
    }

    private static func date(of value: CTOMLDate) -> TOMLNode {
        .date(year: Int(value.year), month: Int(value.month), day: Int(value.day))
    }

    private static func time(of value: CTOMLTime) -> TOMLNode {
        .time(hour: Int(value.hour), minute: Int(value.minute), second: Int(value.second))
    }
}

/// A TOML syntax error, with the parser's position.
struct TOMLSyntaxError: Error, Sendable {
    let message: String
    let line: Int?
    let column: Int?
}
