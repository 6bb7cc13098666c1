/// Dates and times written as ASCII straight into a string's storage.
///
/// A year's listing or a feed of ten thousand partnerships formats hundreds of thousands of dates, times and
/// offsets; interpolating zero-padded parts made a string per part and cost more than planning them.
enum Digits {
    /// Whether `value` can be written as `width` digits with no sign.
    @inline(__always)
    static func fit(_ value: Int, _ width: Int) -> Bool {
        guard value >= 0 else { return false }
        switch width {
        case 2: return value < 100
        case 4: return value < 10_000
        default: return false
        }
    }

    /// Whether `time` can be written as `HH:MM:SS`.
    @inline(__always)
    static func fit(_ time: LocalTime) -> Bool {
        fit(time.hour, 2) && fit(time.minute, 2) && fit(time.second, 2)
    }

    /// Writes `value` as exactly `width` decimal digits at `index` (the caller checked ``fit(_:_:)``); returns the
    /// index after them.
    @inline(__always)
    static func write(_ value: Int, _ width: Int, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int) -> Int {
        var rest = value
        var position = index + width - 1
        while position >= index {
            buffer[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
            rest /= 10
            position -= 1
        }
        return index + width
    }

    /// Writes one ASCII character at `index`; returns the index after it.
    @inline(__always)
    static func write(_ character: Unicode.Scalar, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int) -> Int {
        buffer[index] = UInt8(ascii: character)
        return index + 1
    }

    /// `YYYY-MM-DD` (with `separators`) or `YYYYMMDD` at `index`; returns the index after it.
    @inline(__always)
    static func write(
        _ date: LocalDate, separators: Bool, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int
    ) -> Int {
        var at = write(date.year, 4, buffer, index)
        if separators { at = write("-", buffer, at) }
        at = write(date.month, 2, buffer, at)
        if separators { at = write("-", buffer, at) }
        return write(date.day, 2, buffer, at)
    }

    /// `HH:MM:SS` (with `separators`) or `HHMMSS` at `index`; returns the index after it.
    @inline(__always)
    static func write(
        _ time: LocalTime, separators: Bool, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int
    ) -> Int {
        var at = write(time.hour, 2, buffer, index)
        if separators { at = write(":", buffer, at) }
        at = write(time.minute, 2, buffer, at)
        if separators { at = write(":", buffer, at) }
        return write(time.second, 2, buffer, at)
    }
}
