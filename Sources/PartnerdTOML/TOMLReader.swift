/// Reads TOML 1.0.0 (<https://toml.io/en/v1.0.0>) from UTF-8 bytes into a ``TOMLTable`` whose every key and value
/// carries its position.
///
/// The reader is total: for any bytes it returns a document or throws one ``TOMLError`` naming the line and column
/// and what was expected there. It never traps; it recurses only into arrays and inline tables, at most
/// ``maximumDepth`` levels; time and memory are linear in the input (a table's keys are looked up through a
/// dictionary once it has more than ``TOMLTable/indexThreshold`` of them).
public enum TOMLReader {
    /// How deep tables, arrays and dotted keys may nest.
    public static let maximumDepth = 64
    /// The longest document read: positions are kept in 32 bits.
    public static let maximumSize = Int(UInt32.max)

    /// The document's root table.
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        let result: Result<TOMLTable, TOMLError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TOMLError) -> TOMLTable in try parse(buffer) }
        }
        return try result.get()
    }

    /// The document's root table, read from memory the caller keeps alive for the call.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(TOMLError) -> TOMLTable {
        guard bytes.count < maximumSize else {
            throw TOMLError(
                "the document is \(bytes.count) bytes long, more than a TOML document can be here",
                hint: "split it into several files", at: .start)
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            var line = 1
            var lineStart = 0
            for index in 0..<offset where bytes[index] == Byte.lineFeed {
                line += 1
                lineStart = index + 1
            }
            throw TOMLError(
                "the document is not valid UTF-8 (byte \(offset))", hint: "save the file as UTF-8",
                at: TOMLPosition(line: line, column: offset - lineStart + 1, offset: offset))
        }
        // The parser reads the document from a copy followed by zero bytes: each look-ahead is bounds-checked, and
        // should one ever be missed, it reads a zero (which the grammar refuses) instead of memory past the end.
        let padded = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count + padding)
        defer { padded.deallocate() }
        _ = padded.initialize(from: bytes)
        padded.baseAddress?.advanced(by: bytes.count).initialize(repeating: 0, count: padding)
        var parser = TOMLParser(
            bytes: UnsafeBufferPointer(rebasing: padded[0..<bytes.count]), maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Zero bytes after the copy the parser reads: more than its longest look-ahead past a checked index.
    static let padding = 64
}

/// The bytes the grammar names.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let hash = UInt8(ascii: "#")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let equals = UInt8(ascii: "=")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let underscore = UInt8(ascii: "_")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let delete: UInt8 = 0x7F

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 6
    }

    /// `A-Za-z0-9_-`: what a bare key is made of.
    @inline(__always) static func isBareKey(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 26 || byte == underscore || byte == minus
    }

    /// What numbers, dates, times, booleans, `inf` and `nan` are made of.
    @inline(__always) static func isBareValue(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == plus || byte == dot || byte == colon
    }

    /// A control character that TOML allows nowhere (everything below space but tab, line feed and carriage
    /// return, and DEL), nor in strings or comments.
    @inline(__always) static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != tab && byte != lineFeed && byte != carriageReturn) || byte == delete
    }
}

/// The grammar of TOML 1.0.0 over a byte buffer, feeding a ``TOMLDocumentBuilder``.
struct TOMLParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    var lineStart = 0
    var builder: TOMLDocumentBuilder
    /// Numbers the sections (the lines under one header, or one inline table) for the rules on dotted keys.
    var sections = 0
    let maximumDepth: Int

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        builder = TOMLDocumentBuilder(maximumDepth: maximumDepth)
    }

    var position: TOMLPosition { TOMLPosition(line: line, column: index - lineStart + 1, offset: index) }

    func position(at offset: Int) -> TOMLPosition {
        TOMLPosition(line: line, column: offset - lineStart + 1, offset: offset)
    }

    @inline(__always) var atEnd: Bool { index >= bytes.count }

    @inline(__always) func peek(_ ahead: Int = 0) -> UInt8? {
        let at = index + ahead
        return at < bytes.count ? bytes[at] : nil
    }

    // MARK: - The document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
        var current = TOMLDocumentBuilder.root
        var section = 0
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.tab:
                index += 1
            case Byte.lineFeed:
                newLine()
            case Byte.carriageReturn:
                try lineEnd()
            case Byte.hash:
                try skipComment()
            case Byte.openBracket:
                sections += 1
                section = sections
                current = try parseHeader()
                try endOfLine(after: "the table header")
            default:
                try parseKeyValue(into: current, section: section)
                try endOfLine(after: "the value")
            }
        }
        return builder.finish()
    }

    @inline(__always) mutating func newLine() {
        index += 1
        line += 1
        lineStart = index
    }

    /// A line feed, or a carriage return that begins one.
    mutating func lineEnd() throws(TOMLError) {
        if bytes[index] == Byte.carriageReturn {
            guard peek(1) == Byte.lineFeed else {
                throw TOMLError(
                    "a carriage return stands here without a line feed after it",
                    hint: "end lines with LF or CR LF; remove the lone CR", at: position)
            }
            index += 1
        }
        newLine()
    }

    mutating func skipBlanks() {
        while index < bytes.count && (bytes[index] == Byte.space || bytes[index] == Byte.tab) { index += 1 }
    }

    /// From `#` to the end of the line (the line end itself stays).
    mutating func skipComment() throws(TOMLError) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.lineFeed { return }
            if byte == Byte.carriageReturn {
                if peek(1) == Byte.lineFeed { return }
                throw TOMLError(
                    "a carriage return stands in this comment without a line feed after it",
                    hint: "end lines with LF or CR LF; remove the lone CR", at: position)
            }
            if Byte.isForbiddenControl(byte) { throw controlCharacter(in: "this comment") }
            index += 1
        }
    }

    /// After a key/value pair or a header: blanks, perhaps a comment, then the end of the line or of the document.
    mutating func endOfLine(after what: String) throws(TOMLError) {
        skipBlanks()
        guard index < bytes.count else { return }
        switch bytes[index] {
        case Byte.hash:
            try skipComment()
        case Byte.lineFeed, Byte.carriageReturn:
            break
        default:
            throw unexpected("the end of the line after \(what)", hint: "put each key = value and each header on a line of its own")
        }
        if index < bytes.count { try lineEnd() }
    }

    // MARK: - Errors

    /// What stands at `offset`, for a message: `"x"`, `the end of the line`, `the end of the document`.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the document" }
        let byte = bytes[offset]
        switch byte {
        case Byte.lineFeed, Byte.carriageReturn: return "the end of the line"
        case Byte.tab: return "a tab"
        case 0x20..<0x7F: return byte == Byte.quote ? "'\"'" : "\"\(Character(Unicode.Scalar(byte)))\""
        default:
            if byte < 0x80 { return "a control character" }
            var end = offset + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "\"" + String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self) + "\""
        }
    }

    /// "expected …, found …" at the current byte; a forbidden control character gets its own message.
    func unexpected(_ expected: String, hint: String) -> TOMLError {
        if index < bytes.count && Byte.isForbiddenControl(bytes[index]) { return controlCharacter(in: nil) }
        return TOMLError("expected \(expected), found \(describe(at: index))", hint: hint, at: position)
    }

    func controlCharacter(in place: String?) -> TOMLError {
        let code = String(bytes[index], radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: 4 - code.count) + code
        if let place {
            return TOMLError(
                "a control character (\(name)) stands in \(place), which TOML does not allow",
                hint: "remove it; write it as an escape such as \\u\(name.dropFirst(2)) in a \"basic string\"",
                at: position)
        }
        return TOMLError(
            "a control character stands here (\(name)), which TOML allows nowhere",
            hint: "remove it; TOML allows tabs and line ends, no other control characters", at: position)
    }

    // MARK: - Keys

    mutating func parseKey() throws(TOMLError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            let start = position
            guard let byte = peek() else {
                throw unexpected("a key", hint: "write a bare key (A-Z, a-z, 0-9, _ and -) or a quoted one")
            }
            let part: TOMLKeyPart
            if Byte.isBareKey(byte) {
                let from = index
                while index < bytes.count && Byte.isBareKey(bytes[index]) { index += 1 }
                part = TOMLKeyPart(
                    text: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<index]), as: UTF8.self),
                    position: start, wasQuoted: false)
            } else if byte == Byte.quote || byte == Byte.apostrophe {
                if peek(1) == byte && peek(2) == byte {
                    throw TOMLError(
                        "a key cannot be a multi-line string", hint: "quote the key with one \" or ' on each side",
                        at: start)
                }
                let text = byte == Byte.quote ? try parseBasicString() : try parseLiteralString()
                part = TOMLKeyPart(text: text, position: start, wasQuoted: true)
            } else {
                throw unexpected("a key", hint: "write a bare key (A-Z, a-z, 0-9, _ and -) or a quoted one")
            }
            parts.append(part)
            if parts.count > maximumDepth { throw TOMLDocumentBuilder.tooDeep(at: start, limit: maximumDepth) }
            skipBlanks()
            guard peek() == Byte.dot else { return parts }
            index += 1
            skipBlanks()
        }
    }

    mutating func parseHeader() throws(TOMLError) -> Int {
        let start = position
        index += 1
        let arrayOfTables = peek() == Byte.openBracket
        if arrayOfTables { index += 1 }
        skipBlanks()
        guard let first = peek(), Byte.isBareKey(first) || first == Byte.quote || first == Byte.apostrophe else {
            if index < bytes.count && Byte.isForbiddenControl(bytes[index]) { throw controlCharacter(in: nil) }
            throw TOMLError(
                "a table header needs a name after its opening bracket, found \(describe(at: index))",
                hint: "write [daemon], [feed], [reminders], [[partnership]] or [[partnership.event]]", at: position)
        }
        let key = try parseKey()
        let closing = arrayOfTables ? "]]" : "]"
        guard peek() == Byte.closeBracket, !arrayOfTables || peek(1) == Byte.closeBracket else {
            throw unexpected("\(closing) to close the table header", hint: "end the header with \(closing) on its line")
        }
        index += arrayOfTables ? 2 : 1
        return try builder.openHeader(key, arrayOfTables: arrayOfTables, at: start)
    }

    mutating func parseKeyValue(into table: Int, section: Int) throws(TOMLError) {
        guard let first = peek(), Byte.isBareKey(first) || first == Byte.quote || first == Byte.apostrophe else {
            throw unexpected("a key, a [table] header or a comment", hint: "start the line with key = value, [table] or #")
        }
        let key = try parseKey()
        guard peek() == Byte.equals else {
            throw unexpected(
                "= after the key \(key.map(\.quoted).joined(separator: "."))",
                hint: "write key = value; quote a key that has spaces or other characters")
        }
        index += 1
        skipBlanks()
        let valuePosition = position
        let value = try parseValue(depth: builder.depth(of: table) + key.count)
        try builder.assign(key, value: value, at: valuePosition, in: table, section: section)
    }

    // MARK: - Values

    /// The value at `index`; `depth` is the depth it will have in the tree (the root table's keys have depth 1).
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLDocumentBuilder.Slot {
        guard let byte = peek() else {
            throw unexpected("a value", hint: "write a string in quotes, a number, true, false, a date, [ ] or { }")
        }
        switch byte {
        case Byte.quote:
            if peek(1) == Byte.quote && peek(2) == Byte.quote { return .value(.string(try parseMultilineBasicString())) }
            return .value(.string(try parseBasicString()))
        case Byte.apostrophe:
            if peek(1) == Byte.apostrophe && peek(2) == Byte.apostrophe {
                return .value(.string(try parseMultilineLiteralString()))
            }
            return .value(.string(try parseLiteralString()))
        case Byte.openBracket:
            return try parseArray(depth: depth)
        case Byte.openBrace:
            return try parseInlineTable(depth: depth)
        case Byte.closeBrace, Byte.closeBracket:
            throw TOMLError(
                "this bracket closes what is not open here (a value belongs here)",
                hint: "close each [ with ] and each { with }, and give every key and array element a value",
                at: position)
        default:
            guard Byte.isBareValue(byte) else {
                throw unexpected(
                    "a value", hint: "write a string in quotes, a number, true, false, a date, [ ] or { }")
            }
            return .value(try parseBareValue())
        }
    }

    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLDocumentBuilder.Slot {
        let start = position
        let array = try builder.newArray(at: start, depth: depth)
        index += 1
        while true {
            try skipArrayFiller()
            guard let byte = peek() else { throw unclosedArray(start) }
            if byte == Byte.closeBracket {
                index += 1
                return .array(array)
            }
            if byte == Byte.comma {
                throw TOMLError(
                    "expected an element of the array, found \",\"", hint: "remove the extra comma", at: position)
            }
            if byte == Byte.closeBrace {
                throw TOMLError(
                    "this bracket closes what is not open here (a } in an array)",
                    hint: "close each [ with ] and each { with }, and give every array element a value", at: position)
            }
            let elementPosition = position
            let element = try parseValue(depth: depth + 1)
            builder.append(element, at: elementPosition, to: array)
            try skipArrayFiller()
            guard let next = peek() else { throw unclosedArray(start) }
            if next == Byte.comma {
                index += 1
            } else if next == Byte.closeBracket {
                index += 1
                return .array(array)
            } else if next == Byte.closeBrace {
                throw TOMLError(
                    "this bracket closes what is not open here (a } in an array)",
                    hint: "close the array opened at line \(start.line) with ]", at: position)
            } else {
                throw unexpected(", or ] after the array element", hint: "separate the elements with commas")
            }
        }
    }

    func unclosedArray(_ start: TOMLPosition) -> TOMLError {
        TOMLError(
            "the array opened at line \(start.line), column \(start.column) is not closed",
            hint: "close it with ]", at: position)
    }

    /// Blanks, line ends and comments: what may stand between the elements of an array.
    mutating func skipArrayFiller() throws(TOMLError) {
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.tab: index += 1
            case Byte.lineFeed, Byte.carriageReturn: try lineEnd()
            case Byte.hash: try skipComment()
            default: return
            }
        }
    }

    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLDocumentBuilder.Slot {
        let start = position
        sections += 1
        let section = sections
        let table = try builder.newTable(at: start, depth: depth, origin: .dotted(section: section))
        index += 1
        skipBlanks()
        if peek() == Byte.closeBrace {
            index += 1
            builder.setOrigin(.inline, of: table)
            return .table(table)
        }
        while true {
            guard let first = peek(), Byte.isBareKey(first) || first == Byte.quote || first == Byte.apostrophe else {
                if peek() == Byte.lineFeed || peek() == Byte.carriageReturn { throw inlineTableLineEnd(start) }
                if peek() == Byte.closeBracket {
                    throw TOMLError(
                        "this bracket closes what is not open here (a ] in { })",
                        hint: "close the inline table opened at line \(start.line) with }", at: position)
                }
                throw unexpected("a key in the inline table", hint: "write { key = value, other = value }")
            }
            let key = try parseKey()
            guard peek() == Byte.equals else {
                throw unexpected(
                    "= after the key \(key.map(\.quoted).joined(separator: "."))", hint: "write { key = value }")
            }
            index += 1
            skipBlanks()
            let valuePosition = position
            let value = try parseValue(depth: depth + key.count)
            try builder.assign(key, value: value, at: valuePosition, in: table, section: section)
            skipBlanks()
            guard let next = peek() else {
                throw TOMLError(
                    "the inline table opened at line \(start.line), column \(start.column) is not closed",
                    hint: "close it with } on the same line", at: position)
            }
            switch next {
            case Byte.comma:
                index += 1
                skipBlanks()
                if peek() == Byte.closeBrace {
                    throw TOMLError(
                        "an inline table ends after a comma", hint: "remove the comma before }", at: position)
                }
            case Byte.closeBrace:
                index += 1
                builder.setOrigin(.inline, of: table)
                return .table(table)
            case Byte.lineFeed, Byte.carriageReturn:
                throw inlineTableLineEnd(start)
            case Byte.closeBracket:
                throw TOMLError(
                    "this bracket closes what is not open here (a ] in { })",
                    hint: "close the inline table opened at line \(start.line) with }", at: position)
            default:
                throw unexpected(", or } after the value", hint: "separate the keys of an inline table with commas")
            }
        }
    }

    func inlineTableLineEnd(_ start: TOMLPosition) -> TOMLError {
        TOMLError(
            "the inline table opened at line \(start.line), column \(start.column) goes on to the next line",
            hint: "write an inline table on one line, or make it a [table]", at: position)
    }
}
