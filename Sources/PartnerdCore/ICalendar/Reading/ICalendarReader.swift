/// Reads iCalendar text (RFC 5545 §3.1) into components and properties: unfolding, parameters with quoted and
/// RFC 6868 caret-encoded values, nesting. Total: any bytes give either a document or an error that names the line,
/// never a crash, and the limits below bound time and memory whatever the input.
///
/// It is as lenient as real calendars need (bare LF line ends, a byte-order mark, blank lines, lower-case names,
/// text after the last `END:VCALENDAR`) and strict where a guess would lose data (an `END` that closes another
/// component, a line that is not `NAME:value`).
public enum ICalendarReader {
    /// The largest input read at all (a calendar of 100,000 events is about 40 MB).
    public static let maximumBytes = 64 << 20
    /// The longest content line once unfolded.
    public static let maximumLineBytes = 1 << 20
    /// Components in one document, nested ones included.
    public static let maximumComponents = 200_000
    /// Components inside components: VCALENDAR > VEVENT > VALARM is three; real files never go past four.
    public static let maximumDepth = 16
    /// Parameters on one property.
    public static let maximumParameters = 100

    /// The components at the top (normally one `VCALENDAR`), and what was skipped on the way.
    public static func read(_ bytes: [UInt8]) throws(ICalendarReadError) -> ICalendarDocument {
        guard bytes.count <= maximumBytes else {
            throw ICalendarReadError(
                line: 1, message: "the calendar is \(bytes.count) bytes, more than the \(maximumBytes) read")
        }
        var builder = Builder()
        var lines = UnfoldedLines(bytes: bytes)
        while let line = try lines.next() {
            try builder.take(line)
        }
        return try builder.finish(lastLine: lines.lineNumber)
    }

    /// Components as they are opened and closed.
    private struct Builder {
        var stack: [ICalendarComponent] = []
        var top: [ICalendarComponent] = []
        var warnings: [ICalendarReadError] = []
        var components = 0

        mutating func take(_ line: UnfoldedLine) throws(ICalendarReadError) {
            let property: ICalendarProperty
            do {
                property = try ContentLineParser.parse(line)
            } catch {
                // A broken line (a fold that lost its space, a stray word): skipped, and said; the component and
                // the rest of the calendar stay.
                if warnings.count < 1000 {
                    warnings.append(ICalendarReadError(line: error.line, message: error.message + ": the line is skipped"))
                }
                return
            }
            switch property.name {
            case "BEGIN":
                let name = property.value.uppercased()
                guard !name.isEmpty else { throw ICalendarReadError(line: line.number, message: "BEGIN without a name") }
                guard stack.count < ICalendarReader.maximumDepth else {
                    throw ICalendarReadError(
                        line: line.number,
                        message: "components nested more than \(ICalendarReader.maximumDepth) deep")
                }
                components += 1
                guard components <= ICalendarReader.maximumComponents else {
                    throw ICalendarReadError(
                        line: line.number, message: "more than \(ICalendarReader.maximumComponents) components")
                }
                stack.append(ICalendarComponent(name: name, line: line.number))
            case "END":
                let name = property.value.uppercased()
                guard let open = stack.last else {
                    throw ICalendarReadError(line: line.number, message: "END:\(name) closes nothing that was opened")
                }
                guard open.name == name else {
                    throw ICalendarReadError(
                        line: line.number, message: "END:\(name) where BEGIN:\(open.name) of line \(open.line) is open")
                }
                let closed = stack.removeLast()
                if stack.isEmpty {
                    top.append(closed)
                } else {
                    stack[stack.count - 1].components.append(closed)
                }
            default:
                guard !stack.isEmpty else {
                    // Text around the calendar (a mail signature, a web server's banner): skipped, and said.
                    if warnings.count < 100 {
                        warnings.append(
                            ICalendarReadError(line: line.number, message: "\(property.name) outside any component: skipped"))
                    }
                    return
                }
                stack[stack.count - 1].properties.append(property)
            }
        }

        mutating func finish(lastLine: Int) throws(ICalendarReadError) -> ICalendarDocument {
            if let open = stack.last {
                throw ICalendarReadError(
                    line: lastLine, message: "the calendar ends inside BEGIN:\(open.name) of line \(open.line)")
            }
            return ICalendarDocument(components: top, warnings: warnings)
        }
    }
}

/// What ``ICalendarReader`` found: the top-level components, and what it skipped.
public struct ICalendarDocument: Sendable {
    public var components: [ICalendarComponent]
    public var warnings: [ICalendarReadError]
}

/// A problem in a calendar's text, with the (first physical) line it is on.
public struct ICalendarReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// One component (`VEVENT`, `VTIMEZONE`, …) with its properties and subcomponents, in file order.
public struct ICalendarComponent: Sendable {
    public var name: String
    public var line: Int
    public var properties: [ICalendarProperty] = []
    public var components: [ICalendarComponent] = []

    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }

    public func first(_ name: String) -> ICalendarProperty? { properties.first { $0.name == name } }
    public func all(_ name: String) -> [ICalendarProperty] { properties.filter { $0.name == name } }
    public func subcomponents(_ name: String) -> [ICalendarComponent] { components.filter { $0.name == name } }
}

/// One property: its name in upper case, its parameters, and its value as written (escapes not yet resolved: what
/// they mean depends on the value's type).
public struct ICalendarProperty: Sendable {
    public var name: String
    public var parameters: [(name: String, values: [String])]
    public var value: String
    public var line: Int

    /// The first value of a parameter (`TZID`, `VALUE`), by its name in any case.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.values.first
    }
}

/// A content line once unfolded, with the number of its first physical line.
struct UnfoldedLine {
    var bytes: ArraySlice<UInt8>
    var number: Int
}

/// The unfolded lines of a text: a line that begins with a space or a tab continues the one before (RFC 5545
/// §3.1); CRLF and bare LF both end a line; blank lines are skipped.
struct UnfoldedLines {
    let bytes: [UInt8]
    var index = 0
    private(set) var lineNumber = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
    }

    /// The physical line at `index` without its line end, and the index after it.
    private func physical(at start: Int) -> (range: Range<Int>, next: Int) {
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        let next = end < bytes.count ? end + 1 : end
        var stop = end
        if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
        return (start..<stop, next)
    }

    mutating func next() throws(ICalendarReadError) -> UnfoldedLine? {
        while index < bytes.count {
            let (range, next) = physical(at: index)
            index = next
            lineNumber += 1
            if range.isEmpty { continue }
            let number = lineNumber
            // Fast path: a line that nothing continues is a slice of the input.
            guard index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 else {
                guard range.count <= ICalendarReader.maximumLineBytes else { throw Self.tooLong(number) }
                return UnfoldedLine(bytes: bytes[range], number: number)
            }
            var joined = Array(bytes[range])
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                let (continuation, after) = physical(at: index)
                index = after
                lineNumber += 1
                joined += bytes[(continuation.lowerBound + 1)..<max(continuation.lowerBound + 1, continuation.upperBound)]
                guard joined.count <= ICalendarReader.maximumLineBytes else { throw Self.tooLong(number) }
            }
            return UnfoldedLine(bytes: joined[...], number: number)
        }
        return nil
    }

    private static func tooLong(_ line: Int) -> ICalendarReadError {
        ICalendarReadError(line: line, message: "a content line longer than \(ICalendarReader.maximumLineBytes) bytes")
    }
}

/// `name *(";" param) ":" value` (RFC 5545 §3.1), parameters by RFC 5545 §3.2 and RFC 6868.
enum ContentLineParser {
    static func parse(_ line: UnfoldedLine) throws(ICalendarReadError) -> ICalendarProperty {
        let bytes = line.bytes
        var index = bytes.startIndex
        func isNameByte(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        while index < bytes.endIndex && isNameByte(bytes[index]) { index += 1 }
        guard index > bytes.startIndex else {
            throw ICalendarReadError(line: line.number, message: "a line that does not begin with a property name")
        }
        var name = String(decoding: bytes[bytes.startIndex..<index], as: UTF8.self).uppercased()
        // A vCard-style group (`item1.TEL`) names the property after its dot.
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        var parameters: [(name: String, values: [String])] = []
        while index < bytes.endIndex && bytes[index] == 0x3B {
            index += 1
            let nameStart = index
            while index < bytes.endIndex && isNameByte(bytes[index]) { index += 1 }
            let parameterName = String(decoding: bytes[nameStart..<index], as: UTF8.self).uppercased()
            guard !parameterName.isEmpty, index < bytes.endIndex, bytes[index] == 0x3D else {
                throw ICalendarReadError(line: line.number, message: "a parameter of \(name) without NAME=value")
            }
            index += 1
            var values: [String] = []
            while true {
                if index < bytes.endIndex && bytes[index] == 0x22 {
                    let start = index + 1
                    guard let close = bytes[start...].firstIndex(of: 0x22) else {
                        throw ICalendarReadError(
                            line: line.number, message: "a quoted value of \(name);\(parameterName) that is not closed")
                    }
                    values.append(caretDecoded(bytes[start..<close]))
                    index = close + 1
                } else {
                    let start = index
                    while index < bytes.endIndex, bytes[index] != 0x2C, bytes[index] != 0x3B, bytes[index] != 0x3A {
                        index += 1
                    }
                    values.append(caretDecoded(bytes[start..<index]))
                }
                guard index < bytes.endIndex, bytes[index] == 0x2C else { break }
                index += 1
            }
            parameters.append((parameterName, values))
            guard parameters.count <= ICalendarReader.maximumParameters else {
                throw ICalendarReadError(
                    line: line.number, message: "more than \(ICalendarReader.maximumParameters) parameters on \(name)")
            }
        }
        guard index < bytes.endIndex, bytes[index] == 0x3A else {
            throw ICalendarReadError(line: line.number, message: "\(name) has no ':' before its value")
        }
        let value = String(decoding: bytes[(index + 1)...], as: UTF8.self)
        return ICalendarProperty(name: name, parameters: parameters, value: value, line: line.number)
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret; any other caret stays.
    static func caretDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x5E) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x5E, index + 1 < bytes.endIndex {
                switch bytes[index + 1] {
                case 0x6E: result.append(0x0A); index += 2; continue
                case 0x27: result.append(0x22); index += 2; continue
                case 0x5E: result.append(0x5E); index += 2; continue
                default: break
                }
            }
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
