/// One iCalendar content line: `NAME;PARAM=value:value` (RFC 5545 §3.1).
///
/// The value is stored already encoded for its value type (TEXT escaping is the caller's job, through
/// ``ICalendarText``), so that a line is rendered the same way whether it is written out or fingerprinted.
struct ContentLine: Sendable, Hashable {
    /// A property parameter such as `TZID=Europe/Berlin` or `VALUE=DATE` (RFC 5545 §3.2).
    struct Parameter: Sendable, Hashable {
        var name: String
        var value: String
    }

    var name: String
    var parameters: [Parameter]
    var value: String

    init(_ name: String, _ parameters: [Parameter], _ value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    init(_ name: String, _ value: String) {
        self.init(name, [], value)
    }

    /// The logical line before folding, without its line break.
    var unfolded: String {
        var text = name
        for parameter in parameters {
            text += ";\(parameter.name)=\(ICalendarText.parameterValue(parameter.value))"
        }
        return text + ":" + value
    }

    /// The line folded and terminated as RFC 5545 §3.1 requires.
    var folded: [UInt8] {
        var bytes: [UInt8] = []
        Self.fold(unfolded, into: &bytes)
        return bytes
    }

    /// The longest physical line in octets, not counting its CRLF (RFC 5545 §3.1: "SHOULD NOT be longer than
    /// 75 octets").
    static let maximumOctets = 75

    /// Appends `line` to `bytes`, split into physical lines of at most 75 octets followed by CRLF.
    ///
    /// A continuation starts with one space, which counts towards its 75 octets. Lines are only broken
    /// between Unicode scalars, so a multi-octet UTF-8 sequence is never split (RFC 5545 §3.1 permits
    /// splitting one, but clients that decode each physical line on its own then show garbage).
    static func fold(_ line: String, into bytes: inout [UInt8]) {
        // One pass over the UTF-8 bytes, copying whole runs between folds: this is the inner loop of every feed.
        var line = line
        line.withUTF8 { utf8 in
            var lineOctets = 0
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let lead = utf8[index]
                let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                if lineOctets + width > maximumOctets {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    bytes.append(0x0D)
                    bytes.append(0x0A)
                    bytes.append(0x20)
                    lineOctets = 1
                    runStart = index
                }
                lineOctets += width
                index += width
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<min(index, utf8.count)]))
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }
}

extension UTF8 {
    /// The UTF-8 octets of one scalar.
    fileprivate static func encode(_ scalar: Unicode.Scalar) -> [UInt8] {
        var octets: [UInt8] = []
        octets.reserveCapacity(4)
        UTF8.encode(scalar) { octets.append($0) }
        return octets
    }
}
