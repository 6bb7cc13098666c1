/// A table: its keys in the order the document wrote them, each with the position of the key and of its value.
///
/// Lookups are linear in small tables and go through a dictionary in large ones (more than
/// ``TOMLTable/indexThreshold`` keys), so a table of ten thousand keys costs O(1) per lookup and a table of eight keys
/// no hashing.
public struct TOMLTable: Sendable, Sequence {
    /// One key of a table with its value.
    public struct Entry: Sendable {
        public let key: String
        public let value: TOMLValue
        /// Where the key stands; for a table made by a `[header]`, the header's `[`.
        public let keyPosition: TOMLPosition
        /// Where the value starts; for a table made by a header, the header's `[`.
        public let valuePosition: TOMLPosition
    }

    private final class Storage: Sendable {
        let entries: [Entry]
        let index: [String: Int]?
        let position: TOMLPosition

        init(entries: [Entry], position: TOMLPosition) {
            self.entries = entries
            self.position = position
            if entries.count > TOMLTable.indexThreshold {
                var index: [String: Int] = [:]
                index.reserveCapacity(entries.count)
                for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
                self.index = index
            } else {
                self.index = nil
            }
        }
    }

    /// Above this many keys a table keeps a dictionary from key to entry.
    public static let indexThreshold = 16

    private let storage: Storage

    /// - Parameters:
    ///   - entries: the keys, each once, in document order.
    ///   - position: the table's header, its `{`, the key that made it, or the document's start for the root.
    public init(entries: [Entry], position: TOMLPosition) {
        storage = Storage(entries: entries, position: position)
    }

    /// An empty table at the document's start.
    public init() {
        self.init(entries: [], position: .start)
    }

    public var entries: [Entry] { storage.entries }
    public var position: TOMLPosition { storage.position }
    public var count: Int { storage.entries.count }
    public var isEmpty: Bool { storage.entries.isEmpty }
    /// The keys in document order.
    public var keys: [String] { storage.entries.map(\.key) }

    /// The entry of `key`, or `nil`.
    public func entry(_ key: String) -> Entry? {
        if let index = storage.index {
            return index[key].map { storage.entries[$0] }
        }
        for entry in storage.entries where entry.key == key { return entry }
        return nil
    }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    public func makeIterator() -> IndexingIterator<[Entry]> { storage.entries.makeIterator() }
}
