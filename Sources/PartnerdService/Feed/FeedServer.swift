import Glibc
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Answers feed requests from a ``FeedStore`` (SPEC.md, "HTTP feeds").
struct FeedResponder: Sendable {
    let store: FeedStore
    var site = FeedRequestHandler.Site()
    var activity: FeedActivityRecorder? = nil

    func respond(to request: Request) -> Response {
        let hasBody =
            request.headers[.transferEncoding] != nil
            || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0
        if hasBody {
            // Feed requests have no content, and it is never read: the connection closes after the answer. A method
            // that the path does not allow (PROPFIND from a calendar client looking for CalDAV) gets its 405 with
            // `Allow`; a GET or HEAD with content gets 413.
            let method = request.method.rawValue
            if method != "GET" && method != "HEAD" {
                let bare = FeedRequestHandler.reply(
                    to: FeedRequestHandler.Request(
                        method: method, path: request.uri.path,
                        token: request.uri.queryParameters["token"].map { String($0) },
                        ifNoneMatch: nil, ifModifiedSince: nil, host: request.head.authority),
                    snapshot: store.snapshot, site: site)
                if bare.status == 405 || bare.status == 404 {
                    var response = Self.response(bare)
                    response.headers[.connection] = "close"
                    return response
                }
            }
            return Response(
                status: .contentTooLarge,
                headers: [.contentType: "text/plain; charset=utf-8", .connection: "close"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Requests to the feed server carry no content.\n")))
        }
        let query = request.uri.queryParameters
        let decision = FeedRequestHandler.reply(
            to: FeedRequestHandler.Request(
                method: request.method.rawValue, path: request.uri.path,
                token: query["token"].map { String($0) },
                ifNoneMatch: request.headers[values: .ifNoneMatch].isEmpty
                    ? nil : request.headers[values: .ifNoneMatch].joined(separator: ","),
                ifModifiedSince: request.headers[.ifModifiedSince],
                host: request.head.authority),
            snapshot: store.snapshot, site: site)
        if let kind = decision.activity {
            activity?.record(kind, status: decision.status)
            DaemonMetrics.feedRequest(kind, status: decision.status)
        }
        return Self.response(decision)
    }

    static func response(_ decision: FeedRequestHandler.Reply) -> Response {
        var headers = HTTPFields()
        for header in decision.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        if decision.status != 304 {
            headers[.contentLength] = String(decision.contentLength)
        }
        return Response(
            status: HTTPResponse.Status(code: decision.status), headers: headers,
            body: ResponseBody(byteBuffer: decision.body))
    }
}

/// Builds the feed server on HummingbirdCore's HTTP/1 server, without hummingbird's `Application`: no router,
/// no request context, and no date cache ticking every second while nothing is asked (the daemon must not wake
/// when nothing is due). The daemon runs it through ``FeedServer``; tests build it directly to learn the
/// ephemeral port from `onServerRunning`.
package func buildFeedApplication(
    address: ListenAddress, store: FeedStore, logger: Logger, limits: FeedServerLimits = FeedServerLimits(),
    metrics: (@Sendable () -> [UInt8])? = nil, tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])? = nil,
    confirmation: TaskConfirmation? = nil, activity: FeedActivityRecorder? = nil, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some Service {
    let responder = FeedResponder(
        store: store,
        site: {
            var site = FeedRequestHandler.Site(listen: address.description, metrics: metrics, tasks: tasks)
            if let confirmation {
                site.openTasks = { partnership in
                    confirmation.engine.taskStatuses().filter { $0.partnership == partnership.rawValue && $0.state != .done }
                }
            }
            return site
        }(),
        activity: activity)
    let dateHeader = DateHeader()
    let channel = FeedHTTPChannel(
        prepared: PreparedFeedAnswers(store: store, activity: activity, date: dateHeader),
        responder: { request, writer, _ in
            var response: Response
            if let confirmation, request.uri.path.hasPrefix("/task/"), request.headers[.transferEncoding] == nil,
                (request.headers[.contentLength].flatMap { Int($0) } ?? 0) == 0
            {
                response = FeedResponder.response(
                    await confirmation.answer(method: request.method.rawValue, path: request.uri.path))
            } else {
                response = responder.respond(to: request)
            }
            if request.method == .head {
                // The length GET would have, no content (RFC 9110 §9.3.2), whatever the answer.
                let length = response.headers[.contentLength]
                response.body = ResponseBody()
                response.headers[.contentLength] = length
            }
            response.headers[.date] = dateHeader.current()
            response.headers[.server] = "partnerd"
            try await writer.write(response: response.head, body: response.body)
        }, limits: limits)
    return Server(
        childChannelSetup: channel,
        configuration: ServerConfiguration(
            address: .hostname(address.host, port: address.port), serverName: "partnerd", backlog: limits.backlog),
        onServerRunning: onServerRunning, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
}

/// The `Date` header's value, formatted again only when a second has passed since the last request that asked:
/// no timer, so an idle server does nothing at all.
final class DateHeader: Sendable {
    private struct Cache {
        var second = -1
        var text = ""
        /// `Date: …` and the empty line that ends a head, for the prepared responses.
        var line = ByteBuffer()
    }

    private let cached = Mutex(Cache())

    func current() -> String {
        withCurrent { $0.text }
    }

    /// The last line of a response head: the `Date` field and the empty line.
    func closingLine() -> ByteBuffer {
        withCurrent { $0.line }
    }

    private func withCurrent<T>(_ read: (Cache) -> T) -> T {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let second = now.tv_sec
        return cached.withLock { cache in
            if cache.second != second {
                let text = HTTPDate.format(Instant(secondsSinceEpoch: Int64(second)))
                cache = Cache(second: second, text: text, line: ByteBuffer(string: "Date: \(text)\r\n\r\n"))
            }
            return read(cache)
        }
    }
}

/// The HTTP feed server as a service for the daemon's `ServiceGroup`: serves ``FeedStore``'s feeds on
/// `feed.listen` until graceful shutdown.
package struct FeedServer: Service {
    package let address: ListenAddress
    package let store: FeedStore
    package let logger: Logger
    package let limits: FeedServerLimits
    /// The metrics exposition for `/metrics`, `nil` without metrics.
    package let metrics: (@Sendable () -> [UInt8])?
    /// The tasks feed for `/tasks.ics`, `nil` without tasks.
    package let tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])?
    /// The confirm pages of task links, `nil` without tasks.
    package let confirmation: TaskConfirmation?
    package let activity: FeedActivityRecorder?
    /// Called once the socket listens, so that the daemon can tell systemd it is ready.
    package let onListening: @Sendable () -> Void

    package init(
        address: ListenAddress, store: FeedStore, logger: Logger, limits: FeedServerLimits = FeedServerLimits(),
        metrics: (@Sendable () -> [UInt8])? = nil, tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])? = nil,
        confirmation: TaskConfirmation? = nil, activity: FeedActivityRecorder? = nil,
        onListening: @escaping @Sendable () -> Void = {}
    ) {
        self.confirmation = confirmation
        self.metrics = metrics
        self.tasks = tasks
        self.activity = activity
        self.address = address
        self.store = store
        self.logger = logger
        self.limits = limits
        self.onListening = onListening
    }

    package func run() async throws {
        Self.raiseOpenFileLimit(logger: logger)
        let logger = self.logger
        let address = self.address
        let onListening = self.onListening
        try await buildFeedApplication(
            address: address, store: store, logger: logger, limits: limits, metrics: metrics, tasks: tasks,
            confirmation: confirmation, activity: activity
        ) { channel in
            logger.info(
                "serving feeds", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? address.description)"]
            )
            onListening()
        }.run()
    }

    /// Each connection is a descriptor, and the common soft limit of 1,024 is too few for 1,000 subscribers
    /// plus the daemon's own files: raise the soft limit to the hard one.
    static func raiseOpenFileLimit(logger: Logger) {
        let resourceOpenFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        guard getrlimit(resourceOpenFiles, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        let wanted = min(limit.rlim_max, 65_536)
        guard wanted > limit.rlim_cur else { return }
        limit.rlim_cur = wanted
        if setrlimit(resourceOpenFiles, &limit) != 0 {
            logger.debug("could not raise the open file limit", metadata: ["errno": "\(errno)"])
        }
    }
}
