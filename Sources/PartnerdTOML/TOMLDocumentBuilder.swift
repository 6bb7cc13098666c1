/// The tree of a document while it is read: tables and arrays in two flat lists that refer to each other by index,
/// so that a header deep in the document extends its table in place, and TOML's rules against redefinition are
/// decided on each table's ``Origin``.
///
/// ``finish()`` turns it into the immutable ``TOMLTable`` tree in one pass.
struct TOMLDocumentBuilder {
    /// A value as the builder holds it: a scalar, or the index of a table or array under construction.
    enum Slot {
        case value(TOMLValue)
        case table(Int)
        case array(Int)
    }

    /// How a table came to be, which decides what may add to it later (TOML 1.0.0, "Table" and "Keys").
    enum Origin: Equatable {
        /// Named only as the parent in a header (`a` of `[a.b]`): a later `[a]` may still define it, and dotted keys
        /// may add to it.
        case implicit
        /// Defined by its own `[header]`, or an element of an array of tables: another header may not define it
        /// again, and dotted keys elsewhere may not add to it.
        case header
        /// Made or extended by dotted keys within one section (the lines under one header, or one inline table):
        /// only dotted keys of that section may add to it, and no header may define it, though headers may define
        /// tables inside it.
        case dotted(section: Int)
        /// An inline table (`{ … }`): complete as written.
        case inline
    }

    struct Entry {
        var key: String
        var keyPosition: TOMLPosition
        var slot: Slot
        var valuePosition: TOMLPosition
    }

    struct Table {
        var entries: [Entry] = []
        /// Key to entry, once the table has more than ``TOMLTable/indexThreshold`` keys.
        var index: [String: Int]?
        var position: TOMLPosition
        var depth: Int
        var origin: Origin
    }

    struct Array {
        var elements: [Slot] = []
        var positions: [TOMLPosition] = []
        var position: TOMLPosition
        var depth: Int
        /// Made by `[[header]]`: only then may another `[[header]]` append to it.
        var ofTables: Bool
    }

    private(set) var tables: [Table] = [Table(position: .start, depth: 0, origin: .header)]
    private(set) var arrays: [Array] = []
    let maximumDepth: Int

    init(maximumDepth: Int) {
        self.maximumDepth = maximumDepth
    }

    static let root = 0

    // MARK: - Building blocks

    func find(_ key: String, in table: Int) -> Int? {
        if let index = tables[table].index { return index[key] }
        for (offset, entry) in tables[table].entries.enumerated() where entry.key == key { return offset }
        return nil
    }

    private mutating func add(_ entry: Entry, to table: Int) {
        let offset = tables[table].entries.count
        tables[table].entries.append(entry)
        if tables[table].index != nil {
            tables[table].index?[entry.key] = offset
        } else if offset + 1 > TOMLTable.indexThreshold {
            var index: [String: Int] = [:]
            index.reserveCapacity(offset * 2)
            for (position, existing) in tables[table].entries.enumerated() { index[existing.key] = position }
            tables[table].index = index
        }
    }

    private func checkDepth(_ depth: Int, at position: TOMLPosition) throws(TOMLError) {
        guard depth <= maximumDepth else { throw TOMLDocumentBuilder.tooDeep(at: position, limit: maximumDepth) }
    }

    static func tooDeep(at position: TOMLPosition, limit: Int) -> TOMLError {
        TOMLError(
            "tables, arrays or dotted keys nest more than \(limit) levels deep here",
            hint: "a partnerd config needs three levels ([[partnership.event]] and its keys); check this line",
            at: position)
    }

    mutating func newTable(at position: TOMLPosition, depth: Int, origin: Origin) throws(TOMLError) -> Int {
        try checkDepth(depth, at: position)
        tables.append(Table(position: position, depth: depth, origin: origin))
        return tables.count - 1
    }

    mutating func newArray(at position: TOMLPosition, depth: Int, ofTables: Bool = false) throws(TOMLError) -> Int {
        try checkDepth(depth, at: position)
        arrays.append(Array(position: position, depth: depth, ofTables: ofTables))
        return arrays.count - 1
    }

    mutating func append(_ slot: Slot, at position: TOMLPosition, to array: Int) {
        arrays[array].elements.append(slot)
        arrays[array].positions.append(position)
    }

    mutating func setOrigin(_ origin: Origin, of table: Int) {
        tables[table].origin = origin
    }

    func depth(of table: Int) -> Int { tables[table].depth }

    // MARK: - The rules

    /// `key = value` (or `a.b.c = value`) in `table`, read in `section`: the tables of a dotted key are made or
    /// entered, and the last part must be new.
    mutating func assign(
        _ key: [TOMLKeyPart], value slot: Slot, at valuePosition: TOMLPosition, in table: Int, section: Int
    ) throws(TOMLError) {
        var target = table
        for part in key.dropLast() {
            guard let found = find(part.text, in: target) else {
                let made = try newTable(
                    at: part.position, depth: tables[target].depth + 1, origin: .dotted(section: section))
                add(Entry(key: part.text, keyPosition: part.position, slot: .table(made), valuePosition: part.position), to: target)
                target = made
                continue
            }
            let entry = tables[target].entries[found]
            switch entry.slot {
            case .table(let inner):
                switch tables[inner].origin {
                case .implicit:
                    tables[inner].origin = .dotted(section: section)
                case .dotted(let other) where other == section:
                    break
                case .dotted:
                    throw TOMLError(
                        "the dotted key \(part.quoted) adds to a table that dotted keys of another section defined "
                            + "(line \(entry.keyPosition.line))",
                        hint: "write all keys of \(part.quoted) in one place, or give it a [table] of its own",
                        at: part.position)
                case .header:
                    throw TOMLError(
                        "the dotted key \(part.quoted) adds to the table defined by the header at line "
                            + "\(entry.keyPosition.line)",
                        hint: "write the key under that [table] header instead", at: part.position)
                case .inline:
                    throw TOMLError(
                        "\(part.quoted) is an inline table (line \(entry.valuePosition.line)), which is complete as "
                            + "written",
                        hint: "add the key inside its { }", at: part.position)
                }
                target = inner
            case .array:
                throw TOMLError(
                    "\(part.quoted) is an array (line \(entry.keyPosition.line)); a dotted key cannot add to it",
                    hint: "use another key, or add the value inside the array", at: part.position)
            case .value:
                throw TOMLError(
                    "\(part.quoted) already has a value (line \(entry.keyPosition.line)), so it cannot be a table",
                    hint: "rename one of the keys", at: part.position)
            }
        }
        guard let last = key.last else { return }
        if let found = find(last.text, in: target) {
            throw TOMLError(
                "the key \(last.quoted) is already defined at line \(tables[target].entries[found].keyPosition.line)",
                hint: "remove one of the two, or rename it", at: last.position)
        }
        add(Entry(key: last.text, keyPosition: last.position, slot: slot, valuePosition: valuePosition), to: target)
    }

    /// `[a.b.c]` or `[[a.b.c]]` at `position`: the table it opens, into which the lines after it go.
    mutating func openHeader(_ key: [TOMLKeyPart], arrayOfTables: Bool, at position: TOMLPosition) throws(TOMLError)
        -> Int
    {
        var target = Self.root
        let written = "[" + (arrayOfTables ? "[" : "") + key.map(\.written).joined(separator: ".")
            + (arrayOfTables ? "]]" : "]")
        for part in key.dropLast() {
            guard let found = find(part.text, in: target) else {
                let made = try newTable(at: position, depth: tables[target].depth + 1, origin: .implicit)
                add(Entry(key: part.text, keyPosition: position, slot: .table(made), valuePosition: position), to: target)
                target = made
                continue
            }
            let entry = tables[target].entries[found]
            switch entry.slot {
            case .table(let inner):
                if tables[inner].origin == .inline {
                    throw TOMLError(
                        "\(written) adds to \(part.quoted), an inline table (line \(entry.valuePosition.line)), "
                            + "which is complete as written",
                        hint: "add the keys inside its { }, or write it as a [table]", at: position)
                }
                target = inner
            case .array(let array):
                guard arrays[array].ofTables, case .table(let element)? = arrays[array].elements.last else {
                    throw TOMLError(
                        "\(written) adds to \(part.quoted), an array written as a value (line "
                            + "\(entry.keyPosition.line))",
                        hint: "write that array as [[\(part.written)]] tables, or use another name", at: position)
                }
                target = element
            case .value:
                throw TOMLError(
                    "\(written) needs \(part.quoted) to be a table, but it has a value (line \(entry.keyPosition.line))",
                    hint: "rename the key or the table", at: position)
            }
        }
        guard let last = key.last else { return target }
        let depth = tables[target].depth + 1
        guard let found = find(last.text, in: target) else {
            if arrayOfTables {
                let array = try newArray(at: position, depth: depth, ofTables: true)
                let element = try newTable(at: position, depth: depth + 1, origin: .header)
                append(.table(element), at: position, to: array)
                add(Entry(key: last.text, keyPosition: position, slot: .array(array), valuePosition: position), to: target)
                return element
            }
            let made = try newTable(at: position, depth: depth, origin: .header)
            add(Entry(key: last.text, keyPosition: position, slot: .table(made), valuePosition: position), to: target)
            return made
        }
        let entry = tables[target].entries[found]
        switch entry.slot {
        case .table(let existing) where !arrayOfTables:
            switch tables[existing].origin {
            case .implicit:
                tables[existing].origin = .header
                tables[existing].position = position
                tables[target].entries[found].keyPosition = position
                tables[target].entries[found].valuePosition = position
                return existing
            case .header:
                throw TOMLError(
                    "the table \(written) is already defined at line \(entry.keyPosition.line)",
                    hint: "merge the two tables into one", at: position)
            case .dotted:
                throw TOMLError(
                    "the table \(written) is already defined by dotted keys at line \(entry.keyPosition.line)",
                    hint: "write its keys in one place: under the header or as dotted keys", at: position)
            case .inline:
                throw TOMLError(
                    "the table \(written) is already defined as an inline table at line \(entry.keyPosition.line)",
                    hint: "write it once: as { … } or under a header", at: position)
            }
        case .table:
            throw TOMLError(
                "\(written) appends to \(last.quoted), which is a table (line \(entry.keyPosition.line)), not an "
                    + "array of tables",
                hint: "write every header of it as [[\(last.written)]], or use another name", at: position)
        case .array(let array) where arrayOfTables:
            guard arrays[array].ofTables else {
                throw TOMLError(
                    "\(written) appends to \(last.quoted), an array written as a value (line \(entry.keyPosition.line))",
                    hint: "write each element as a [[\(last.written)]] table instead of the value", at: position)
            }
            let element = try newTable(at: position, depth: arrays[array].depth + 1, origin: .header)
            append(.table(element), at: position, to: array)
            return element
        case .array:
            throw TOMLError(
                "the table \(written) is already defined as an array at line \(entry.keyPosition.line)",
                hint: "write [[\(last.written)]] to add an element to an array of tables", at: position)
        case .value:
            throw TOMLError(
                "the table \(written) has the name of a key that already has a value (line \(entry.keyPosition.line))",
                hint: "rename the key or the table", at: position)
        }
    }

    // MARK: - The result

    /// The finished tree; the builder is left empty.
    mutating func finish() -> TOMLTable {
        finishTable(Self.root)
    }

    private mutating func finishTable(_ table: Int) -> TOMLTable {
        var entries: [Entry] = []
        swap(&entries, &tables[table].entries)
        var finished: [TOMLTable.Entry] = []
        finished.reserveCapacity(entries.count)
        for entry in entries {
            finished.append(
                TOMLTable.Entry(
                    key: entry.key, value: finish(entry.slot), keyPosition: entry.keyPosition,
                    valuePosition: entry.valuePosition))
        }
        return TOMLTable(entries: finished, position: tables[table].position)
    }

    private mutating func finish(_ slot: Slot) -> TOMLValue {
        switch slot {
        case .value(let value): return value
        case .table(let table): return .table(finishTable(table))
        case .array(let array):
            var elements: [Slot] = []
            swap(&elements, &arrays[array].elements)
            var values: [TOMLValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(finish(element)) }
            return .array(TOMLArray(elements: values, positions: arrays[array].positions, position: arrays[array].position))
        }
    }
}

/// One part of a dotted key, as read.
struct TOMLKeyPart {
    var text: String
    var position: TOMLPosition
    /// Whether it was written in quotes.
    var wasQuoted: Bool

    /// The key for a message: `"event"`.
    var quoted: String { "\"" + text + "\"" }

    /// The key as it could be written in a header again.
    var written: String { wasQuoted || text.isEmpty ? "\"" + text + "\"" : text }
}
