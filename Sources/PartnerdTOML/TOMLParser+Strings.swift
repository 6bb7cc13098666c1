/// The four kinds of string (TOML 1.0.0, "String"): basic and literal, each on one line or several.
extension TOMLParser {
    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// `"…"` with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = position
        index += 1
        let contentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                let text = string(contentStart, index)
                index += 1
                return text
            }
            if byte == Byte.backslash || (byte < 0x20 && byte != Byte.tab) || byte == Byte.delete { break }
            index += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case Byte.backslash:
                try appendEscape(to: &buffer)
            case Byte.lineFeed, Byte.carriageReturn:
                throw unclosedString(start, quote: "\"")
            default:
                if Byte.isForbiddenControl(byte) { throw controlCharacter(in: "this string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw unclosedString(start, quote: "\"")
    }

    /// `'…'` as written, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = position
        index += 1
        let contentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.apostrophe {
                let text = string(contentStart, index)
                index += 1
                return text
            }
            if byte == Byte.lineFeed || byte == Byte.carriageReturn { break }
            if Byte.isForbiddenControl(byte) { throw controlCharacter(in: "this string") }
            index += 1
        }
        throw unclosedString(start, quote: "'")
    }

    func unclosedString(_ start: TOMLPosition, quote: String) -> TOMLError {
        TOMLError(
            "the string that starts at column \(start.column) has no closing \(quote) on its line",
            hint: "close it with \(quote); for text over several lines use \(quote)\(quote)\(quote) on each side",
            at: start)
    }

    /// `"""…"""`: escapes, line ends kept (CR LF read as LF), a line-ending backslash joining lines.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = position
        index += 3
        try skipNewlineAfterOpening()
        var buffer: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                if try closingRun(of: Byte.quote, into: &buffer) != nil {
                    return String(decoding: buffer, as: UTF8.self)
                }
            case Byte.backslash:
                var ahead = index + 1
                while ahead < bytes.count && (bytes[ahead] == Byte.space || bytes[ahead] == Byte.tab) { ahead += 1 }
                if ahead < bytes.count && (bytes[ahead] == Byte.lineFeed || bytes[ahead] == Byte.carriageReturn) {
                    index = ahead
                    while index < bytes.count {
                        let next = bytes[index]
                        if next == Byte.space || next == Byte.tab {
                            index += 1
                        } else if next == Byte.lineFeed || next == Byte.carriageReturn {
                            try lineEnd()
                        } else {
                            break
                        }
                    }
                } else {
                    try appendEscape(to: &buffer)
                }
            case Byte.lineFeed, Byte.carriageReturn:
                try lineEnd()
                buffer.append(Byte.lineFeed)
            default:
                if Byte.isForbiddenControl(byte) { throw controlCharacter(in: "this string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw unclosedMultilineString(start, quote: "\"\"\"")
    }

    /// `'''…'''`: as written, line ends kept (CR LF read as LF).
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = position
        index += 3
        try skipNewlineAfterOpening()
        var buffer: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.apostrophe:
                if try closingRun(of: Byte.apostrophe, into: &buffer) != nil {
                    return String(decoding: buffer, as: UTF8.self)
                }
            case Byte.lineFeed, Byte.carriageReturn:
                try lineEnd()
                buffer.append(Byte.lineFeed)
            default:
                if Byte.isForbiddenControl(byte) { throw controlCharacter(in: "this string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw unclosedMultilineString(start, quote: "'''")
    }

    func unclosedMultilineString(_ start: TOMLPosition, quote: String) -> TOMLError {
        TOMLError(
            "the multi-line string opened at line \(start.line), column \(start.column) is not closed",
            hint: "close it with \(quote)", at: start)
    }

    /// A line end right after the opening delimiter is not part of the string.
    mutating func skipNewlineAfterOpening() throws(TOMLError) {
        if let byte = peek(), byte == Byte.lineFeed || byte == Byte.carriageReturn { try lineEnd() }
    }

    /// A run of quotes in a multi-line string: fewer than three are content; three to five close the string, the ones
    /// before the last three being content. Returns non-nil when the string is closed.
    mutating func closingRun(of quote: UInt8, into buffer: inout [UInt8]) throws(TOMLError) -> Int? {
        var run = 0
        while index + run < bytes.count && bytes[index + run] == quote { run += 1 }
        if run < 3 {
            buffer.append(contentsOf: repeatElement(quote, count: run))
            index += run
            return nil
        }
        if run > 5 {
            throw TOMLError(
                "\(run) quotes in a row end this multi-line string; at most five can (two of them its content)",
                hint: "escape the quotes that belong to the text", at: position(at: index + 5))
        }
        buffer.append(contentsOf: repeatElement(quote, count: run - 3))
        index += run
        return run
    }

    /// The escape at `index` (a backslash), appended as UTF-8.
    mutating func appendEscape(to buffer: inout [UInt8]) throws(TOMLError) {
        let start = position
        guard let letter = peek(1) else {
            throw TOMLError("a backslash ends the document", hint: "write \\\\ for a backslash", at: start)
        }
        index += 2
        switch letter {
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "t"): buffer.append(Byte.tab)
        case UInt8(ascii: "n"): buffer.append(Byte.lineFeed)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "r"): buffer.append(Byte.carriageReturn)
        case Byte.quote: buffer.append(Byte.quote)
        case Byte.backslash: buffer.append(Byte.backslash)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for offset in 0..<digits {
                guard let digit = peek(offset), Byte.isHexDigit(digit) else {
                    throw TOMLError(
                        "the escape \\\(Character(Unicode.Scalar(letter))) needs \(digits) hexadecimal digits",
                        hint: "write e.g. \\u00E9 or \\U0001F600", at: start)
                }
                value = value << 4 | UInt32(Byte.isDigit(digit) ? digit - 0x30 : (digit | 0x20) - 0x61 + 10)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw TOMLError(
                    "the escape \(string(start.offset, index + digits)) is not a Unicode scalar value",
                    hint: "use a code point up to 10FFFF outside the surrogates D800–DFFF", at: start)
            }
            index += digits
            buffer.append(contentsOf: String(Character(scalar)).utf8)
        default:
            let shown = letter < 0x80 && !Byte.isForbiddenControl(letter) && letter >= 0x20
                ? "\\" + String(Character(Unicode.Scalar(letter))) : "a backslash before \(describe(at: index - 1))"
            throw TOMLError(
                "\(shown) is not an escape of TOML 1.0",
                hint: "the escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX; write \\\\ for a backslash",
                at: start)
        }
    }
}
