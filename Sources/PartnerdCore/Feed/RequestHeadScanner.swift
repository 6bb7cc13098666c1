/// Follows the bytes of a connection to tell where request heads begin and end, and whether one grows past the
/// limit: the decisions of ``RequestHeadGuard``, pure, so that each is unit-tested without a socket.
///
/// A head ends at its blank line (carriage returns are ignored, so bare line feeds count too). A head that
/// announces content (`Content-Length` above 0, or `Transfer-Encoding`) is followed by a body, not by another head:
/// from then on the connection is passed through uncounted, and the server answers the request (413 or 405) and
/// closes the connection, so the body never needs reading.
package struct RequestHeadScanner: Sendable {
    /// What consuming bytes changed.
    package enum Event: Sendable, Equatable {
        /// The first byte of a head: the head timeout starts.
        case headStarted
        /// The blank line after a head: the head timeout stops.
        case headEnded
        /// The head passed the limit: answer 431 and close.
        case tooLarge
    }

    package let maximumHeadSize: Int
    package private(set) var isInHead = false
    /// A body follows the last head: nothing more is scanned on this connection.
    package private(set) var isPassingThrough = false
    private var headBytes = 0
    private var lineFeeds = 0
    /// The current line, lowercased, while it may still be a `Content-Length` or `Transfer-Encoding` field.
    private var line: [UInt8] = []
    private var announcesContent = false

    package init(maximumHeadSize: Int) {
        self.maximumHeadSize = maximumHeadSize
    }

    /// A connection opened: its first head begins now, before any byte (a client that sends nothing times out).
    package mutating func connectionOpened() -> [Event] {
        startHead()
        return [.headStarted]
    }

    /// Takes the next bytes of the connection; returns what they changed, in order.
    package mutating func consume(_ bytes: some Sequence<UInt8>) -> [Event] {
        scan(bytes)
    }

    private mutating func scan(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if isPassingThrough { break }
            if !isInHead {
                startHead()
                events.append(.headStarted)
            }
            headBytes += 1
            if headBytes > maximumHeadSize {
                events.append(.tooLarge)
                isPassingThrough = true
                break
            }
            switch byte {
            case 0x0A:
                lineFeeds += 1
                finishLine()
                if lineFeeds == 2 {
                    isInHead = false
                    events.append(.headEnded)
                    if announcesContent { isPassingThrough = true }
                }
            case 0x0D:
                break
            default:
                lineFeeds = 0
                if line.count < Self.longestFieldPrefix { line.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            }
        }
        return events
    }

    /// The same for bytes in memory. A concrete type, so that the loop is compiled for it in this module: called
    /// generically from the feed server, the scan ran through an unspecialised iterator, 9 % of serving a feed.
    package mutating func consume(_ bytes: UnsafeRawBufferPointer) -> [Event] {
        scan(bytes)
    }

    private static let contentLength = Array("content-length:".utf8)
    private static let transferEncoding = Array("transfer-encoding:".utf8)
    /// Enough of a line to recognise either field and the first digits of a length.
    private static let longestFieldPrefix = 40

    private mutating func startHead() {
        isInHead = true
        headBytes = 0
        lineFeeds = 0
        line = []
        announcesContent = false
    }

    private mutating func finishLine() {
        defer { line = [] }
        if line.starts(with: Self.transferEncoding) {
            announcesContent = true
        } else if line.starts(with: Self.contentLength) {
            let value = line.dropFirst(Self.contentLength.count).filter { $0 != 0x20 && $0 != 0x09 }
            // Anything but a plain 0 is taken as content: a malformed length is the parser's to refuse.
            if !(value.count >= 1 && value.allSatisfy { $0 == 0x30 }) { announcesContent = true }
        }
    }
}
