import Hummingbird

/// Decides the answer to one request for the feed server (SPEC.md, "HTTP feeds"): routing, the token,
/// conditional requests, methods. Pure, so that every row of the table is testable without a socket.
struct FeedRequestHandler: Sendable {
    /// The parts of a request the answer depends on.
    struct Request: Sendable {
        var method: String
        var path: String
        /// The `token` query parameter, when one was given (even empty).
        var token: String?
        var ifNoneMatch: String?
        var ifModifiedSince: String?
    }

    /// What to send back.
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: ByteBuffer
        /// For HEAD: the length the GET body would have.
        var contentLength: Int
    }

    static let allowedMethods = "GET, HEAD"
    static let calendarType = "text/calendar; charset=utf-8"

    /// What a path names.
    enum Route: Sendable, Equatable {
        case health
        /// A feed: the calendar of all partnerships (`nil`) or one partnership's.
        case feed(PartnershipID?)
        case unknown
    }

    /// The answer to `request` from `snapshot` (`nil` before the first render).
    static func reply(to request: Request, snapshot: FeedSnapshot?) -> Reply {
        let partnership: PartnershipID?
        switch route(request.path) {
        case .unknown:
            return notFound()
        case .health:
            guard isReadMethod(request.method) else { return methodNotAllowed() }
            return text(200, "ok\n", headOnly: request.method == "HEAD")
        case .feed(let id):
            partnership = id
        }
        guard let snapshot else {
            var reply = text(
                503, "The feeds are being rendered; try again in a moment.\n", headOnly: request.method == "HEAD")
            reply.headers.append((name: "Retry-After", value: "5"))
            return reply
        }
        var key = FeedKey(partnership: partnership, includesPrivate: false)
        if let token = request.token {
            // A wrong or empty token looks exactly like an unknown feed.
            guard let expected = snapshot.accessToken, constantTimeEquals(token, expected) else { return notFound() }
            key.includesPrivate = true
        }
        guard let feed = snapshot.feeds[key] else { return notFound() }
        // The path exists: other methods are refused with the ones that work (RFC 9110 §15.5.6).
        guard isReadMethod(request.method) else { return methodNotAllowed() }

        var headers: [(name: String, value: String)] = [
            (name: "Content-Type", value: calendarType),
            (name: "ETag", value: feed.entityTag),
            (name: "Last-Modified", value: feed.lastModifiedText),
            (name: "Cache-Control", value: key.includesPrivate ? "private, no-cache" : "no-cache"),
        ]
        if isNotModified(request, feed: feed) {
            headers.removeFirst()
            return Reply(status: 304, headers: headers, body: ByteBuffer(), contentLength: 0)
        }
        let headOnly = request.method == "HEAD"
        return Reply(
            status: 200, headers: headers, body: headOnly ? ByteBuffer() : feed.body,
            contentLength: feed.body.readableBytes)
    }

    /// RFC 9110 §13.1.2: `If-None-Match` (weak comparison, `*` matches any) decides when present;
    /// otherwise `If-Modified-Since` (§13.1.3) with a valid date decides.
    static func isNotModified(_ request: Request, feed: StoredFeed) -> Bool {
        if let ifNoneMatch = request.ifNoneMatch {
            let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
            let ours = weakForm(feed.entityTag)
            return tags.contains { $0 == "*" || weakForm($0) == ours }
        }
        if let ifModifiedSince = request.ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince) {
            return feed.lastModified <= since
        }
        return false
    }

    /// `/healthz`, `/calendar.ics`, `/partnerships/<id>.ics` with an id partnerd could have; nothing else
    /// (no normalisation, so `..` and friends are simply unknown).
    static func route(_ path: String) -> Route {
        if path == "/healthz" { return .health }
        if path == "/calendar.ics" { return .feed(nil) }
        let prefix = "/partnerships/"
        let suffix = ".ics"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.utf8.count > prefix.utf8.count + suffix.utf8.count
        else { return .unknown }
        guard let id = PartnershipID(validating: String(path.dropFirst(prefix.count).dropLast(suffix.count))) else {
            return .unknown
        }
        return .feed(id)
    }

    /// Compares in time that depends only on the lengths, not on where the first difference is.
    static func constantTimeEquals(_ given: String, _ expected: String) -> Bool {
        let left = Array(given.utf8)
        let right = Array(expected.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count) | (left.count == right.count ? 0 : 1)
        for index in 0..<right.count {
            difference |= (index < left.count ? left[index] : 0) ^ right[index]
        }
        return difference == 0
    }

    private static func weakForm(_ tag: Substring) -> Substring { tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
    private static func weakForm(_ tag: String) -> Substring { weakForm(Substring(tag)) }

    private static func isReadMethod(_ method: String) -> Bool { method == "GET" || method == "HEAD" }

    static func notFound() -> Reply { text(404, "Not found.\n", headOnly: false) }

    static func methodNotAllowed() -> Reply {
        var reply = text(405, "Only GET and HEAD are allowed here.\n", headOnly: false)
        reply.headers.append((name: "Allow", value: allowedMethods))
        return reply
    }

    static func text(_ status: Int, _ message: String, headOnly: Bool) -> Reply {
        let body = ByteBuffer(string: message)
        return Reply(
            status: status, headers: [(name: "Content-Type", value: "text/plain; charset=utf-8")],
            body: headOnly ? ByteBuffer() : body, contentLength: body.readableBytes)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> Substring {
        var result = self
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        return result
    }
}
