/// Encodes values for iCalendar content lines: TEXT escaping, parameter quoting, URIs.
enum ICalendarText {
    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, every line
    /// break (CRLF, LF or a lone CR) becomes `\n`.
    ///
    /// Other control characters are not allowed in TEXT (`TSAFE-CHAR` excludes CONTROL) and are dropped;
    /// a horizontal tab is kept, as `WSP` allows it.
    static func escaped(_ text: String) -> String {
        // Most titles, places and descriptions need nothing: a byte scan is cheaper than a scalar-by-scalar copy.
        if text.utf8.allSatisfy({
            (!isControlByte($0) || $0 == 0x09) && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: ";")
                && $0 != UInt8(ascii: ",")
        }) {
            return text
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !afterCarriageReturn { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if !isControl(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// A list of TEXT values, each escaped, separated by unescaped commas (RFC 5545 §3.8.1.2 `CATEGORIES`).
    static func escapedList(_ items: [String]) -> String {
        items.map(escaped).joined(separator: ",")
    }

    /// A parameter value (RFC 5545 §3.2): quoted when it contains `:`, `;` or `,`; double quotes and control
    /// characters cannot appear in one at all and are dropped.
    static func parameterValue(_ value: String) -> String {
        if value.utf8.allSatisfy({
            !isControlByte($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: ";")
                && $0 != UInt8(ascii: ",")
        }) {
            return value
        }
        var cleaned = ""
        var needsQuotes = false
        for scalar in value.unicodeScalars where scalar != "\"" && !isControl(scalar) {
            if scalar == ":" || scalar == ";" || scalar == "," { needsQuotes = true }
            cleaned.unicodeScalars.append(scalar)
        }
        return needsQuotes ? "\"\(cleaned)\"" : cleaned
    }

    /// A value that is not TEXT, such as a URI (RFC 5545 §3.3.13) or a RECUR (§3.3.10), is written as it is;
    /// only control characters, which cannot be part of a content line, are dropped.
    static func verbatim(_ value: String) -> String {
        if !value.utf8.contains(where: isControlByte) { return value }
        var cleaned = ""
        for scalar in value.unicodeScalars where !isControl(scalar) {
            cleaned.unicodeScalars.append(scalar)
        }
        return cleaned
    }

    /// `CONTROL` in RFC 5545 §3.1: U+0000–U+001F and U+007F (the tab is handled by the callers).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// A UTF-8 byte of a control character. The bytes of non-ASCII scalars are all 0x80 or above, so a scan of bytes
    /// finds exactly the scalars ``isControl(_:)`` finds.
    private static func isControlByte(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }
}
