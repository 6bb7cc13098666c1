/// Line and column of every key in a TOML document, found by a light scan of its text.
///
/// TOMLKit reports positions only for syntax errors, so validation errors find their place here: each
/// key is recorded under its dotted location with array-of-tables indices (`partnership[0].event[2].remind`).
struct TOMLSourceMap: Sendable {
    struct Position: Sendable, Hashable {
        let line: Int
        let column: Int
    }

    private(set) var positions: [String: Position] = [:]
    /// The first table header whose name starts with a character no key can start with (`[=]`, `[[[`).
    ///
    /// The toml++ parser bundled with TOMLKit asserts on such headers instead of reporting them
    /// (`parse_key`: "is_bare_key_character(*cp) || is_string_delimiter(*cp)"), so the loader rejects
    /// them before parsing.
    private(set) var malformedHeader: Position?

    init(text: String) {
        var arrayIndex: [String: Int] = [:]
        var prefix = ""
        var bracketDepth = 0
        var openMultilineQuote: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = Substring(rawLine)
            if let quote = openMultilineQuote {
                if line.components(of: quote) % 2 == 1 { openMultilineQuote = nil }
                continue
            }
            if bracketDepth > 0 {
                bracketDepth += Self.bracketBalance(line)
                continue
            }
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if content.hasPrefix("["), malformedHeader == nil {
                let afterBrackets = content.dropFirst(content.hasPrefix("[[") ? 2 : 1)
                let name = afterBrackets.drop(while: { $0 == " " || $0 == "\t" })
                let isKeyStart: (Character) -> Bool = {
                    ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_-\"']".contains($0)
                }
                if !(name.first.map(isKeyStart) ?? false) {
                    let column = indent + (content.count - name.count) + 1
                    malformedHeader = Position(line: lineNumber, column: column)
                }
            }
            if content.hasPrefix("[[") {
                let name = Self.headerName(content.dropFirst(2), closing: "]]")
                let parts = Self.splitKey(name)
                let parent = Self.resolve(parts.dropLast(), arrayIndex: arrayIndex)
                let full = parent.isEmpty ? (parts.last ?? "") : "\(parent).\(parts.last ?? "")"
                let index = (arrayIndex[full] ?? -1) + 1
                arrayIndex[full] = index
                prefix = "\(full)[\(index)]"
                positions[prefix] = Position(line: lineNumber, column: indent + 1)
                continue
            }
            if content.hasPrefix("[") {
                let parts = Self.splitKey(Self.headerName(content.dropFirst(), closing: "]"))
                prefix = Self.resolve(parts[...], arrayIndex: arrayIndex)
                if positions[prefix] == nil { positions[prefix] = Position(line: lineNumber, column: indent + 1) }
                continue
            }
            guard let equals = Self.assignmentIndex(content) else { continue }
            let keyParts = Self.splitKey(String(content[..<equals]))
            let key = prefix.isEmpty ? keyParts.joined(separator: ".") : "\(prefix).\(keyParts.joined(separator: "."))"
            positions[key] = Position(line: lineNumber, column: indent + 1)
            let value = content[content.index(after: equals)...]
            for quote in ["\"\"\"", "'''"] where value.components(of: quote) % 2 == 1 {
                openMultilineQuote = quote
            }
            if openMultilineQuote == nil { bracketDepth = max(0, Self.bracketBalance(value)) }
        }
    }

    /// The position of `key` or, failing that, of the nearest enclosing key or table.
    func position(of key: String) -> Position? {
        var candidate = key
        while !candidate.isEmpty {
            if let found = positions[candidate] { return found }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = String(candidate[..<cut])
        }
        return nil
    }

    private static func headerName(_ text: Substring, closing: String) -> String {
        guard let end = text.range(of: closing) else { return String(text) }
        return String(text[..<end.lowerBound])
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

    /// The index of the `=` that assigns a key, outside quotes.
    private static func assignmentIndex(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Opening minus closing brackets outside strings and comments.
    private static func bracketBalance(_ text: Substring) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "#": return balance
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            default: break
            }
        }
        return balance
    }
}

extension StringProtocol {
    /// How many times `needle` occurs, not overlapping.
    func components(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let found = rest.range(of: needle) {
            count += 1
            rest = rest[found.upperBound...]
        }
        return count
    }
}
