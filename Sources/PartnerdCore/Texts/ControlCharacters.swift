/// Control characters written out, so that text from a config or a log record can neither start new lines where it
/// is printed nor drive a terminal: `\n`, `\r`, `\t`, and `\u{1B}` for the others (C0, DEL and C1).
package enum ControlCharacters {
    /// `text` with its control characters escaped; with `backslashes`, backslashes too (so that the escapes can be
    /// told from the text), and with `quotes`, double quotes.
    package static func escaped(_ text: String, backslashes: Bool = false, quotes: Bool = false) -> String {
        let special: (Unicode.Scalar) -> Bool = { scalar in
            isControl(scalar) || (backslashes && scalar == "\\") || (quotes && scalar == "\"")
        }
        guard text.unicodeScalars.contains(where: special) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\" where backslashes: result += "\\\\"
            case "\"" where quotes: result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
