/// Line and column of every key in a TOML document, found by a light scan of its bytes.
///
/// TOMLKit reports positions only for syntax errors, so validation errors find their place here: each
/// key is recorded under its dotted location with array-of-tables indices (`partnership[0].event[2].remind`).
/// A valid config needs no positions, so the key table is built only when the first position is asked for.
/// What must be refused before parsing is found by ``hazard(_:nestingLimit:)``.
final class TOMLSourceMap {
    struct Position: Sendable, Hashable {
        let line: Int
        let column: Int
    }

    private let bytes: [UInt8]
    /// Where each table starts: its header and the first line after it. Keys are looked up in their table's lines
    /// when asked for, so a large config costs one entry per table here, not one per key.
    private var sections: [String: Section]?

    private struct Section {
        let position: Position
        /// The byte and line number where the table's own lines begin; `nil` for a table only named by a deeper
        /// header (`a` of `[a.b]`), which has no lines of its own.
        let body: (offset: Int, line: Int)?
    }

    /// - Parameter bytes: the document, already checked to be UTF-8.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The position of `key` or, failing that, of the nearest enclosing key or table.
    func position(of key: String) -> Position? {
        guard !key.isEmpty else { return nil }
        let table = sections ?? buildSections()
        var candidate = key
        while true {
            let section: Section?
            if candidate.isEmpty {
                section = Section(position: Position(line: 0, column: 0), body: (0, 0))
            } else {
                section = table[candidate]
            }
            if let section {
                if candidate == key { return section.position }
                let rest = candidate.isEmpty ? Substring(key) : key.dropFirst(candidate.count + 1)
                let separator = candidate.isEmpty ? "." : key[key.index(key.startIndex, offsetBy: candidate.count)]
                if separator == ".", let body = section.body, let found = keyPosition(String(rest), in: body) {
                    return found
                }
                return candidate.isEmpty ? nil : section.position
            }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else {
                candidate = ""
                continue
            }
            candidate = String(candidate[..<cut])
        }
    }

    /// The position of `key` (relative to its table, e.g. `event[2].remind` → `remind`) among the key lines that
    /// start at `body`, up to the next header; or of its nearest enclosing key there.
    private func keyPosition(_ key: String, in body: (offset: Int, line: Int)) -> Position? {
        var keys: [String: Position] = [:]
        Self.scan(bytes, from: body.offset, line: body.line, keys: true) { line, column, kind, name, _ in
            guard kind == .key else { return false }
            keys[Self.splitKey(name).joined(separator: ".")] = Position(line: line, column: column)
            return true
        }
        var candidate = key
        while !candidate.isEmpty {
            if let found = keys[candidate] { return found }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = String(candidate[..<cut])
        }
        return nil
    }

    private func buildSections() -> [String: Section] {
        var positions: [String: Section] = [:]
        var arrayIndex: [String: Int] = [:]
        Self.scan(bytes, keys: false) { line, column, kind, name, next in
            let position = Position(line: line, column: column)
            let body = (offset: next, line: line)
            switch kind {
            case .arrayHeader:
                let parts = Self.splitKey(name)
                let parent = Self.resolve(parts.dropLast(), arrayIndex: arrayIndex)
                let full = parent.isEmpty ? (parts.last ?? "") : "\(parent).\(parts.last ?? "")"
                let index = (arrayIndex[full] ?? -1) + 1
                Self.recordParents(parts, arrayIndex: arrayIndex, at: position, in: &positions)
                if positions[full] == nil { positions[full] = Section(position: position, body: nil) }
                arrayIndex[full] = index
                positions["\(full)[\(index)]"] = Section(position: position, body: body)
            case .tableHeader:
                let parts = Self.splitKey(name)
                Self.recordParents(parts, arrayIndex: arrayIndex, at: position, in: &positions)
                let prefix = Self.resolve(parts[...], arrayIndex: arrayIndex)
                if positions[prefix]?.body == nil { positions[prefix] = Section(position: position, body: body) }
            case .key, .malformedHeader:
                break
            }
            return true
        }
        sections = positions
        return positions
    }

    // MARK: - The scanner

    enum LineKind {
        case arrayHeader, tableHeader, key, malformedHeader
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let hash = UInt8(ascii: "#")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let singleQuote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let equals = UInt8(ascii: "=")

    /// Calls `visit(line, column, kind, name, next)` for every header line and (with `keys`) key line outside
    /// multi-line strings and arrays, until `visit` returns false. `name` is the header's or key's text; `next` is
    /// the offset of the following line. A scan may start at any line that begins outside strings and arrays (the
    /// line after a header) with the number of the line before it.
    static func scan(
        _ bytes: [UInt8], from offset: Int = 0, line: Int = 0, keys: Bool,
        _ visit: (Int, Int, LineKind, String, Int) -> Bool
    ) {
        var lineNumber = line
        var start = offset
        var depth = 0
        var multilineQuote: UInt8?
        while start <= bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != newline { end += 1 }
            defer { start = end + 1 }
            if let quote = multilineQuote {
                if tripleQuotes(bytes, start, end, quote) % 2 == 1 { multilineQuote = nil }
                continue
            }
            if depth > 0 {
                depth = max(0, depth + bracketBalance(bytes, start, end))
                continue
            }
            var content = start
            while content < end && (bytes[content] == space || bytes[content] == tab) { content += 1 }
            let column = content - start + 1
            guard content < end, bytes[content] != hash, bytes[content] != UInt8(ascii: "\r") else { continue }
            if bytes[content] == openBracket {
                let isArray = content + 1 < end && bytes[content + 1] == openBracket
                var nameStart = content + (isArray ? 2 : 1)
                while nameStart < end && (bytes[nameStart] == space || bytes[nameStart] == tab) { nameStart += 1 }
                guard nameStart < end, isKeyStart(bytes[nameStart]) else {
                    if !visit(lineNumber, nameStart - start + 1, .malformedHeader, "", end + 1) { return }
                    continue
                }
                let closing = isArray ? [closeBracket, closeBracket] : [closeBracket]
                var nameEnd = nameStart
                while nameEnd < end && !matches(bytes, nameEnd, closing) { nameEnd += 1 }
                let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
                if !visit(lineNumber, column, isArray ? .arrayHeader : .tableHeader, name, end + 1) { return }
                continue
            }
            guard let assignment = assignmentIndex(bytes, content, end) else { continue }
            if keys {
                let name = String(decoding: bytes[content..<assignment], as: UTF8.self)
                if !visit(lineNumber, column, .key, name, end + 1) { return }
            }
            for quote in [doubleQuote, singleQuote] where tripleQuotes(bytes, assignment + 1, end, quote) % 2 == 1 {
                multilineQuote = quote
            }
            if multilineQuote == nil { depth = max(0, bracketBalance(bytes, assignment + 1, end)) }
        }
    }

    /// What the loader refuses before the TOML parser sees it.
    enum Hazard: Sendable, Equatable {
        /// Tables, arrays or dotted keys nest deeper than the limit.
        case tooDeep
        /// A date followed by `T` and no time: toml++ asserts (`parse_time`: "is_decimal_digit(*cp)") instead of
        /// reporting it, which ends the process. Found by the configuration fuzzer.
        case dateWithoutTime
        /// A table header whose name starts with a byte no key can start with (`[=]`, `[[[`, `[[  #`); toml++
        /// asserts on it (`parse_key`: "is_bare_key_character(*cp) || is_string_delimiter(*cp)").
        case malformedHeader
        /// A `\u0000` (or `\U00000000`) escape in a string: TOMLKit hands strings over as C strings, so the value
        /// would silently end there (`"Europe/Berlin\u0000…"` would read as `Europe/Berlin`).
        case nulEscape
        /// A `}` where an array element belongs, or a `]` inside an inline table.
        case mismatchedBracket
        /// A value that begins with a digit and goes on after a space, where only a date may be followed by its time
        /// (`1979-05-27 07:32:00`); toml++ asserts on any other (`parse_value`'s scan). Found by the fuzzer.
        case spaceInValue
        /// A control character other than tab and line ends, which TOML allows nowhere; next to a value toml++
        /// asserts on it (`parse_value`'s scan). Found by the fuzzer in CI.
        case controlCharacter
    }

    /// The first hazard outside strings and comments, with its place, or `nil`.
    ///
    /// Nesting: converting the parsed tree recurses once per level (and toml++ frees it recursively), so a header
    /// like `[a.a.a.…]` with twenty thousand parts would exhaust the stack. A config needs three levels
    /// (`[[partnership.event]]` and a value).
    static func hazard(_ bytes: [UInt8], nestingLimit limit: Int) -> (Position, Hazard)? {
        enum State { case plain, comment, basic, literal, multilineBasic, multilineLiteral }
        var state = State.plain
        var line = 1
        var lineStart = 0
        /// The brackets and braces open at this point, innermost last.
        var open: [UInt8] = []
        var dots = 0
        var index = 0
        func tripled(_ quote: UInt8) -> Bool {
            index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
        }
        let nulEscapes = [Array("\\u0000".utf8), Array("\\U00000000".utf8)]
        func isNulEscape() -> Bool { nulEscapes.contains { matches(bytes, index, $0) } }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == newline {
                line += 1
                lineStart = index + 1
            } else if (byte < 0x20 && byte != tab && byte != UInt8(ascii: "\r")) || byte == 0x7F {
                return (Position(line: line, column: index - lineStart + 1), .controlCharacter)
            }
            switch state {
            case .comment:
                if byte == newline { state = .plain }
            case .basic:
                if byte == backslash {
                    if isNulEscape() { return (Position(line: line, column: index - lineStart + 1), .nulEscape) }
                    index += 1
                } else if byte == doubleQuote || byte == newline {
                    state = .plain
                }
            case .literal:
                if byte == singleQuote || byte == newline { state = .plain }
            case .multilineBasic:
                if byte == backslash {
                    if isNulEscape() { return (Position(line: line, column: index - lineStart + 1), .nulEscape) }
                    index += 1
                } else if byte == doubleQuote && tripled(doubleQuote) {
                    state = .plain
                    index += 2
                }
            case .multilineLiteral:
                if byte == singleQuote && tripled(singleQuote) {
                    state = .plain
                    index += 2
                }
            case .plain:
                switch byte {
                case hash: state = .comment
                case doubleQuote:
                    if tripled(doubleQuote) {
                        state = .multilineBasic
                        index += 2
                    } else {
                        state = .basic
                    }
                case singleQuote:
                    if tripled(singleQuote) {
                        state = .multilineLiteral
                        index += 2
                    } else {
                        state = .literal
                    }
                case openBracket, openBrace:
                    // A header: `[` or `[[` first on its line, then (after blanks) the start of a key.
                    if byte == openBracket, open.isEmpty,
                        bytes[lineStart..<index].allSatisfy({ $0 == space || $0 == tab })
                    {
                        var name = index + 1
                        if name < bytes.count && bytes[name] == openBracket { name += 1 }
                        while name < bytes.count && (bytes[name] == space || bytes[name] == tab) { name += 1 }
                        if name >= bytes.count || !isKeyStart(bytes[name]) || bytes[name] == closeBracket {
                            return (Position(line: line, column: name - lineStart + 1), .malformedHeader)
                        }
                    }
                    open.append(byte)
                    dots = 0
                case closeBracket, closeBrace:
                    // `}` inside an array (or `]` inside an inline table) is always wrong; toml++ asserts on it
                    // (`parse_value`: "!is_value_terminator(*cp)") instead of reporting it. Found by the fuzzer.
                    if let innermost = open.last, innermost != (byte == closeBrace ? openBrace : openBracket) {
                        return (Position(line: line, column: index - lineStart + 1), .mismatchedBracket)
                    }
                    if !open.isEmpty { open.removeLast() }
                case UInt8(ascii: "."):
                    dots += 1
                case equals, UInt8(ascii: ","), newline:
                    dots = 0
                case space:
                    let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                    if next >= 0x30 && next <= 0x39, Self.spaceSplitsValue(bytes, at: index) {
                        return (Position(line: line, column: index - lineStart + 1), .spaceInValue)
                    }
                case UInt8(ascii: "T"), UInt8(ascii: "t"):
                    let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                    if Self.endsWithDate(bytes, before: index), !(next >= 0x30 && next <= 0x39) {
                        return (Position(line: line, column: index - lineStart + 1), .dateWithoutTime)
                    }
                default:
                    break
                }
                if open.count + dots > limit { return (Position(line: line, column: index - lineStart + 1), .tooDeep) }
            }
            index += 1
        }
        return nil
    }

    /// Whether the space at `index` follows a bare value that begins with a digit and is not a date: the only value
    /// TOML lets a space continue is a date followed by its time.
    private static func spaceSplitsValue(_ bytes: [UInt8], at index: Int) -> Bool {
        var start = index
        while start > 0 {
            let byte = bytes[start - 1]
            if byte == space || byte == tab || byte == equals || byte == UInt8(ascii: ",") || byte == openBracket
                || byte == openBrace || byte == newline
            {
                break
            }
            start -= 1
        }
        guard start < index, bytes[start] >= 0x30 && bytes[start] <= 0x39 else { return false }
        // Only a value: a key is followed by `=`, and this token is preceded by one (or sits in an array).
        var before = start
        while before > 0 && (bytes[before - 1] == space || bytes[before - 1] == tab) { before -= 1 }
        guard before > 0, [equals, UInt8(ascii: ","), openBracket].contains(bytes[before - 1]) else { return false }
        return !(index - start == 10 && endsWithDate(bytes, before: index))
    }

    /// Whether the ten bytes before `index` read `DDDD-DD-DD` (digits and dashes).
    private static func endsWithDate(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index >= 10 else { return false }
        for (offset, byte) in bytes[(index - 10)..<index].enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if offset == 4 || offset == 7 ? byte != UInt8(ascii: "-") : !isDigit { return false }
        }
        return true
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == doubleQuote || byte == singleQuote
            || byte == closeBracket
    }

    private static func matches(_ bytes: [UInt8], _ index: Int, _ pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    /// How many `"""` (or `'''`) runs stand in `bytes[start..<end]`, not overlapping.
    private static func tripleQuotes(_ bytes: [UInt8], _ start: Int, _ end: Int, _ quote: UInt8) -> Int {
        var count = 0
        var index = start
        while index + 2 < end {
            if bytes[index] == quote && bytes[index + 1] == quote && bytes[index + 2] == quote {
                count += 1
                index += 3
            } else {
                index += 1
            }
        }
        return count
    }

    /// The index of the `=` that assigns a key, outside quotes.
    private static func assignmentIndex(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var quote: UInt8?
        var index = start
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == doubleQuote || byte == singleQuote {
                quote = byte
            } else if byte == equals {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Opening minus closing brackets and braces outside strings and comments.
    private static func bracketBalance(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var balance = 0
        var quote: UInt8?
        var escaped = false
        var index = start
        while index < end {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if escaped {
                    escaped = false
                } else if byte == backslash && open == doubleQuote {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                continue
            }
            switch byte {
            case doubleQuote, singleQuote: quote = byte
            case hash: return balance
            case openBracket, openBrace: balance += 1
            case closeBracket, closeBrace: balance -= 1
            default: break
            }
        }
        return balance
    }

    /// A header names its parent tables implicitly (`[deamon.x]` makes `deamon`, `[[daemon]]` makes `daemon`): an
    /// error about one of them points at the first header that made it.
    private static func recordParents(
        _ parts: [String], arrayIndex: [String: Int], at position: Position, in positions: inout [String: Section]
    ) {
        for count in stride(from: 1, to: parts.count, by: 1) {
            let parent = resolve(parts[..<count], arrayIndex: arrayIndex)
            if positions[parent] == nil { positions[parent] = Section(position: position, body: nil) }
        }
    }

    private static func resolve(_ parts: ArraySlice<String>, arrayIndex: [String: Int]) -> String {
        var resolved = ""
        for part in parts {
            resolved = resolved.isEmpty ? part : "\(resolved).\(part)"
            if let index = arrayIndex[resolved] { resolved += "[\(index)]" }
        }
        return resolved
    }

    /// Splits a dotted key, honouring quoted parts and trimming spaces.
    static func splitKey(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingASCIIWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingASCIIWhitespace())
        return parts
    }
}
