/// Where a key or a value starts in a TOML document: line and column (both from 1, the column counted in bytes) and
/// the byte offset (from 0).
///
/// Kept as three 32-bit numbers: a config tree carries one for every key and every value, and documents are refused
/// long before they reach four gigabytes.
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    private let storedLine: UInt32
    private let storedColumn: UInt32
    private let storedOffset: UInt32

    public init(line: Int, column: Int, offset: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedOffset = UInt32(clamping: offset)
    }

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }
    public var offset: Int { Int(storedOffset) }

    /// The start of a document.
    public static let start = TOMLPosition(line: 1, column: 1, offset: 0)

    public var description: String { "\(line):\(column)" }
}
