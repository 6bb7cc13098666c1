import PartnerdTOML

extension TOMLValue {
    /// The TOML type's name, as error messages say it.
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .localDate: return "a date"
        case .localTime: return "a time"
        case .localDateTime: return "a date-time"
        case .offsetDateTime: return "a date-time with offset"
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
        case .localDate(let value): return value.description
        case .localTime(let value): return value.description
        case .localDateTime(let value), .offsetDateTime(let value): return value.description
        case .array(let items): return "[" + items.map(\.quoted).joined(separator: ", ") + "]"
        case .table: return "{…}"
        }
    }
}

extension TOMLTable {
    /// Where the value at `path` stands, or the nearest enclosing key or table that exists: read from the positions
    /// the tree carries, so an error's place costs a walk down the path and no scan of the file.
    ///
    /// A key is found at the key itself and an element of an array of tables at its `[[…]]` header; an element of an
    /// array value is reported at its key, as `check` always has (`remind[1]` at `remind`).
    func position(of path: ConfigurationKeyPath) -> TOMLPosition? {
        var table: TOMLTable? = self
        var array: TOMLArray?
        var found: TOMLPosition?
        for component in path.components {
            switch component {
            case .key(let key):
                guard let entry = table?.entry(key) else { return found }
                found = entry.keyPosition
                (table, array) = Self.containers(of: entry.value)
            case .element(let name, _, let index):
                guard let entry = table?.entry(name) else { return found }
                found = entry.keyPosition
                guard case .array(let elements) = entry.value, elements.indices.contains(index) else { return found }
                found = elements.positions[index]
                (table, array) = Self.containers(of: elements[index])
            case .index(let index):
                guard let elements = array, elements.indices.contains(index) else { return found }
                (table, array) = Self.containers(of: elements[index])
            }
        }
        return found
    }

    private static func containers(of value: TOMLValue) -> (TOMLTable?, TOMLArray?) {
        switch value {
        case .table(let table): return (table, nil)
        case .array(let array): return (nil, array)
        default: return (nil, nil)
        }
    }
}
