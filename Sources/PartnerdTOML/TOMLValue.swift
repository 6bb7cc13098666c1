/// A TOML value, as the reader returns it.
///
/// Positions are kept by the containers (``TOMLTable`` for its keys and values, ``TOMLArray`` for its elements), so a
/// value is small and a scalar needs no allocation of its own.
public enum TOMLValue: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// A date-time with an offset (`1979-05-27T07:32:00Z`).
    case offsetDateTime(TOMLDateTime)
    /// A date-time without an offset (`1979-05-27T07:32:00`).
    case localDateTime(TOMLDateTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
    case array(TOMLArray)
    case table(TOMLTable)
}

/// An array value, or an array of tables (`[[partnership]]`), with the position of each element.
public struct TOMLArray: Sendable, RandomAccessCollection {
    public let elements: [TOMLValue]
    /// Where each element starts: its first byte, or the header that opened it in an array of tables.
    public let positions: [TOMLPosition]
    /// Where the array starts: its `[`, or the first `[[…]]` header.
    public let position: TOMLPosition

    public init(elements: [TOMLValue], positions: [TOMLPosition], position: TOMLPosition) {
        precondition(elements.count == positions.count, "one position per element")
        self.elements = elements
        self.positions = positions
        self.position = position
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }
    public subscript(index: Int) -> TOMLValue { elements[index] }
}
