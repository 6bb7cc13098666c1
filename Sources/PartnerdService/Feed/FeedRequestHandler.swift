import NIOCore

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
        /// The `Host` header, for the subscribe page's links when `feed.public_url` is unset.
        var host: String? = nil
    }

    /// What the server needs besides the snapshot: where it listens and the metrics exposition, if enabled.
    struct Site: Sendable {
        /// `feed.listen`, the last resort for the page's links.
        var listen: String
        /// Prometheus's text exposition of the daemon's metrics; `nil` when `feed.metrics = false`.
        var metrics: (@Sendable () -> [UInt8])?
        /// The tasks feed (VTODO), with or without the private partnerships' tasks; `nil` when there is none.
        var tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])?
        /// A partnership's task items not done yet, for its page.
        var openTasks: (@Sendable (PartnershipID) -> [TaskItemStatus])?

        init(listen: String = "127.0.0.1:8080", metrics: (@Sendable () -> [UInt8])? = nil, tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])? = nil) {
            self.listen = listen
            self.metrics = metrics
            self.tasks = tasks
        }
    }

    /// What to send back.
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: ByteBuffer
        /// For HEAD: the length the GET body would have.
        var contentLength: Int
        /// What kind of feed or page was answered, for the activity counts; `nil` for anything else.
        var activity: FeedActivity.Kind? = nil
    }

    static let allowedMethods = "GET, HEAD"
    static let calendarType = "text/calendar; charset=utf-8"
    static let pageType = "text/html; charset=utf-8"
    /// Prometheus's text exposition format 0.0.4.
    static let metricsType = "text/plain; version=0.0.4; charset=utf-8"

    /// What a path names.
    enum Route: Sendable, Equatable {
        case health
        /// A feed: the calendar of all partnerships (`nil`) or one partnership's.
        case feed(PartnershipID?)
        /// The subscribe page of all partnerships (`/`) or of one (`/partnerships/<id>`).
        case page(PartnershipID?)
        case metrics
        /// `/tasks.ics`: the task items as VTODO.
        case tasks
        case unknown
    }

    /// The answer to `request` from `snapshot` (`nil` before the first render).
    static func reply(to request: Request, snapshot: FeedSnapshot?, site: Site = Site()) -> Reply {
        let partnership: PartnershipID?
        switch route(request.path) {
        case .unknown:
            return notFound()
        case .health:
            guard isReadMethod(request.method) else { return methodNotAllowed() }
            return text(200, "ok\n", headOnly: request.method == "HEAD")
        case .metrics:
            guard let metrics = site.metrics, snapshot?.metricsEnabled ?? false else { return notFound() }
            guard isReadMethod(request.method) else { return methodNotAllowed() }
            let body = ByteBuffer(bytes: metrics())
            return Reply(
                status: 200, headers: [(name: "Content-Type", value: metricsType), (name: "Cache-Control", value: "no-store")],
                body: request.method == "HEAD" ? ByteBuffer() : body, contentLength: body.readableBytes)
        case .page(let id):
            return page(id, request: request, snapshot: snapshot, site: site)
        case .tasks:
            guard let render = site.tasks, let snapshot else { return notFound() }
            guard let includesPrivate = access(request, snapshot) else { return notFound() }
            guard isReadMethod(request.method) else { return methodNotAllowed() }
            let body = ByteBuffer(bytes: render(includesPrivate))
            let entityTag = "\"" + SHA256.hexDigest(Array(buffer: body)) + "\""
            return conditional(
                request,
                headers: [
                    (name: "Content-Type", value: calendarType), (name: "ETag", value: entityTag),
                    (name: "Cache-Control", value: includesPrivate ? "private, no-cache" : "no-cache"),
                ],
                body: body, entityTag: entityTag, lastModified: snapshot.renderedAt, activity: nil)
        case .feed(let id):
            partnership = id
        }
        guard let snapshot else { return notReady(request, "The feeds are being rendered") }
        guard let includesPrivate = access(request, snapshot) else { return notFound() }
        let key = FeedKey(partnership: partnership, includesPrivate: includesPrivate)
        guard let feed = snapshot.feed(key) else { return notFound() }
        // The path exists: other methods are refused with the ones that work (RFC 9110 §15.5.6).
        guard isReadMethod(request.method) else { return methodNotAllowed() }
        return conditional(
            request, headers: feedHeaders(feed, includesPrivate: includesPrivate),
            body: feed.body, entityTag: feed.entityTag, lastModified: feed.lastModified,
            activity: partnership == nil ? .calendar : .partnership)
    }

    /// A feed's headers for 200, `Content-Type` first; a 304 has all but that one. The same list makes the
    /// prepared response heads (``PreparedFeedHead``), so both paths answer alike.
    static func feedHeaders(_ feed: StoredFeed, includesPrivate: Bool) -> [(name: String, value: String)] {
        [
            (name: "Content-Type", value: calendarType),
            (name: "ETag", value: feed.entityTag),
            (name: "Last-Modified", value: feed.lastModifiedText),
            (name: "Cache-Control", value: includesPrivate ? "private, no-cache" : "no-cache"),
        ]
    }

    /// The subscribe page: 404 for a partnership this request may not see (unknown, or private without the
    /// token), and for a wrong token, exactly as for the feeds.
    static func page(_ partnership: PartnershipID?, request: Request, snapshot: FeedSnapshot?, site: Site) -> Reply {
        guard let snapshot, let directory = snapshot.directory else {
            return notReady(request, "The calendar is being prepared")
        }
        guard let includesPrivate = access(request, snapshot) else { return notFound() }
        let token = includesPrivate ? snapshot.accessToken : nil
        let base = SubscribePage.base(publicURL: snapshot.publicURL, host: request.host, listen: site.listen)
        var subscribe = SubscribePage(directory: directory, base: base, token: token)
        if let partnership, let openTasks = site.openTasks { subscribe.openTasks = openTasks(partnership) }
        guard let html = subscribe.html(for: partnership) else {
            return notFound()
        }
        guard isReadMethod(request.method) else { return methodNotAllowed() }
        let entityTag = "\"" + SHA256.hexDigest(html) + "\""
        return conditional(
            request,
            headers: [
                (name: "Content-Type", value: pageType),
                (name: "ETag", value: entityTag),
                (name: "Last-Modified", value: HTTPDate.format(snapshot.renderedAt)),
                (name: "Cache-Control", value: token != nil ? "private, no-cache" : "no-cache"),
                (
                    name: "Content-Security-Policy",
                    value: "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
                ),
                (name: "X-Content-Type-Options", value: "nosniff"),
                (name: "Referrer-Policy", value: "no-referrer"),
            ],
            body: ByteBuffer(bytes: html), entityTag: entityTag, lastModified: snapshot.renderedAt, activity: .page)
    }

    /// Whether the request may see private feeds: `false` without a token, `true` with the right one, `nil` with a
    /// wrong or empty one, which is answered exactly like an unknown path.
    static func access(_ request: Request, _ snapshot: FeedSnapshot) -> Bool? {
        guard let token = request.token else { return false }
        guard let expected = snapshot.accessToken, constantTimeEquals(token, expected) else { return nil }
        return true
    }

    /// 503 with `Retry-After` until the first rendering after a start.
    static func notReady(_ request: Request, _ what: String) -> Reply {
        var reply = text(503, "\(what); try again in a moment.\n", headOnly: request.method == "HEAD")
        reply.headers.append((name: "Retry-After", value: "5"))
        return reply
    }

    /// 200 with `body` (none for HEAD), or 304 with the same headers but `Content-Type` when the request's
    /// validators match; `headers` start with `Content-Type`.
    static func conditional(
        _ request: Request, headers: [(name: String, value: String)], body: ByteBuffer, entityTag: String,
        lastModified: Instant, activity: FeedActivity.Kind?
    ) -> Reply {
        if isNotModified(request, entityTag: entityTag, lastModified: lastModified) {
            return Reply(
                status: 304, headers: Array(headers.dropFirst()), body: ByteBuffer(), contentLength: 0,
                activity: activity)
        }
        return Reply(
            status: 200, headers: headers, body: request.method == "HEAD" ? ByteBuffer() : body,
            contentLength: body.readableBytes, activity: activity)
    }

    /// RFC 9110 §13.1.2: `If-None-Match` (weak comparison, `*` matches any) decides when present;
    /// otherwise `If-Modified-Since` (§13.1.3) with a valid date decides.
    static func isNotModified(_ request: Request, entityTag: String, lastModified: Instant) -> Bool {
        if let ifNoneMatch = request.ifNoneMatch {
            let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
            let ours = weakForm(entityTag)
            return tags.contains { $0 == "*" || weakForm($0) == ours }
        }
        if let ifModifiedSince = request.ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince) {
            return lastModified <= since
        }
        return false
    }

    /// `/healthz`, `/calendar.ics`, `/partnerships/<id>.ics` with an id partnerd could have; nothing else
    /// (no normalisation, so `..` and friends are simply unknown).
    static func route(_ path: String) -> Route {
        switch path {
        case "/healthz": return .health
        case "/calendar.ics": return .feed(nil)
        case "/": return .page(nil)
        case "/metrics": return .metrics
        case "/tasks.ics": return .tasks
        default: break
        }
        let prefix = "/partnerships/"
        let suffix = ".ics"
        guard path.hasPrefix(prefix) else { return .unknown }
        let rest = String(path.dropFirst(prefix.count))
        if rest.hasSuffix(suffix) {
            return PartnershipID(validating: String(rest.dropLast(suffix.count))).map { .feed($0) } ?? .unknown
        }
        return PartnershipID(validating: rest).map { .page($0) } ?? .unknown
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
