/// Cuts the one request out of a control connection's bytes: the state machine behind the server's framing.
///
/// A request ends at the first newline or when the client ends its side of the connection. It is done once it has a
/// result: the request's bytes, "too large" as soon as more than `limit` bytes came without an end, or "timed out".
/// Later input and events return `nil`; the connection is answered once.
package struct ControlRequestAccumulator: Sendable {
    /// What the connection amounted to.
    package enum Frame: Sendable, Hashable {
        /// The request's bytes, without the newline.
        case request([UInt8])
        /// More than the limit arrived before the end of the request.
        case tooLarge
        /// The read timeout passed before the end of the request.
        case timedOut
    }

    package let limit: Int
    private var buffer: [UInt8] = []
    package private(set) var isDone = false

    package init(limit: Int) {
        precondition(limit > 0, "a request limit must be positive")
        self.limit = limit
    }

    /// Takes the next bytes; returns the frame when they complete or overflow the request.
    package mutating func receive(_ bytes: some Collection<UInt8>) -> Frame? {
        guard !isDone else { return nil }
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            let head = bytes[..<newline]
            guard buffer.count + head.count <= limit else { return finish(.tooLarge) }
            buffer.append(contentsOf: head)
            return finish(.request(buffer))
        }
        guard buffer.count + bytes.count <= limit else { return finish(.tooLarge) }
        buffer.append(contentsOf: bytes)
        return nil
    }

    /// The client ended its side: what came so far is the request.
    package mutating func endOfInput() -> Frame? {
        guard !isDone else { return nil }
        return finish(.request(buffer))
    }

    /// The read timeout passed.
    package mutating func timeout() -> Frame? {
        guard !isDone else { return nil }
        return finish(.timedOut)
    }

    private mutating func finish(_ frame: Frame) -> Frame {
        isDone = true
        buffer = []
        return frame
    }
}
