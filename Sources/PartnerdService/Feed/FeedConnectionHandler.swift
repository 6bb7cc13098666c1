import NIOCore
import NIOHTTP1
import Synchronization

/// One feed's response heads as bytes: the 200 head (also HEAD's) and the 304 head, each ending with
/// `Server: partnerd` and without the `Date` line that closes it.
struct PreparedFeedHead: Sendable {
    /// Both heads, the 200 head first.
    private let bytes: ByteBuffer
    private let okLength: Int

    init(_ feed: StoredFeed, includesPrivate: Bool) {
        func lines(_ headers: [(name: String, value: String)]) -> String {
            headers.map { "\($0.name): \($0.value)\r\n" }.joined()
        }
        let headers = FeedRequestHandler.feedHeaders(feed, includesPrivate: includesPrivate)
        let ok =
            "HTTP/1.1 200 OK\r\n" + lines(headers) + "Content-Length: \(feed.body.readableBytes)\r\n"
            + "Server: partnerd\r\n"
        let notModified = "HTTP/1.1 304 Not Modified\r\n" + lines(Array(headers.dropFirst())) + "Server: partnerd\r\n"
        okLength = ok.utf8.count
        bytes = ByteBuffer(string: ok + notModified)
    }

    /// The 200 head: a slice of the shared bytes, nothing copied.
    var ok: ByteBuffer {
        bytes.getSlice(at: bytes.readerIndex, length: okLength) ?? ByteBuffer()
    }

    /// The 304 head.
    var notModified: ByteBuffer {
        bytes.getSlice(at: bytes.readerIndex + okLength, length: bytes.readableBytes - okLength) ?? ByteBuffer()
    }
}

/// The response heads of one generation of feeds, each made on the feed's first request and kept until the next
/// rendering replaces the snapshot (most of 10,000 per-partnership feeds are never asked for between two renderings).
final class PreparedFeedHeads: Sendable {
    private let heads = Mutex<[FeedKey: PreparedFeedHead]>([:])

    func head(for key: FeedKey, feed: StoredFeed) -> PreparedFeedHead {
        if let head = heads.withLock({ $0[key] }) { return head }
        let head = PreparedFeedHead(feed, includesPrivate: key.includesPrivate)
        heads.withLock { $0[key] = head }
        return head
    }
}

/// Answers the requests that make up nearly all of a feed server's traffic (a calendar client asking for a feed,
/// with or without its validators) from prepared bytes: the feed's head, the current `Date` line and the shared
/// body, without building a request or a header list. Any other request, and any request this does not recognise
/// exactly, gets `nil` and goes the general way (``FeedRequestHandler``), which gives the same answer.
struct PreparedFeedAnswers: Sendable {
    let store: FeedStore
    let activity: FeedActivityRecorder?
    let date: DateHeader

    /// The head and, for GET with 200, the body; `nil` for the general path.
    func answer(_ head: HTTPRequestHead) -> (head: ByteBuffer, date: ByteBuffer, body: ByteBuffer?)? {
        // HTTP/1.0 and `Connection: close` need connection handling; requests with content get 413 or 405.
        guard head.version == .http1_1, head.method == .GET || head.method == .HEAD, head.isKeepAlive else {
            return nil
        }
        let fields = head.headers
        guard !fields.contains(name: "Transfer-Encoding"), fields["Content-Length"].allSatisfy({ $0 == "0" }) else {
            return nil
        }
        guard let (path, token) = Self.target(head.uri), case .feed(let partnership) = FeedRequestHandler.route(path),
            let snapshot = store.snapshot
        else { return nil }
        let ifNoneMatch = fields["If-None-Match"]
        let request = FeedRequestHandler.Request(
            method: head.method == .GET ? "GET" : "HEAD", path: path, token: token,
            ifNoneMatch: ifNoneMatch.isEmpty ? nil : ifNoneMatch.joined(separator: ","),
            ifModifiedSince: fields.first(name: "If-Modified-Since"))
        guard let includesPrivate = FeedRequestHandler.access(request, snapshot) else { return nil }
        let key = FeedKey(partnership: partnership, includesPrivate: includesPrivate)
        guard let feed = snapshot.feed(key) else { return nil }
        let prepared = snapshot.heads.head(for: key, feed: feed)
        let kind: FeedActivity.Kind = partnership == nil ? .calendar : .partnership
        if FeedRequestHandler.isNotModified(request, entityTag: feed.entityTag, lastModified: feed.lastModified) {
            record(kind, status: 304)
            return (prepared.notModified, date.closingLine(), nil)
        }
        record(kind, status: 200)
        return (prepared.ok, date.closingLine(), head.method == .GET ? feed.body : nil)
    }

    private func record(_ kind: FeedActivity.Kind, status: Int) {
        activity?.record(kind, status: status)
        DaemonMetrics.feedRequest(kind, status: status)
    }

    /// The path and the token of a request target that has no query, or only `token=` with a value that needs
    /// no decoding; `nil` for anything else (the general path decodes it).
    static func target(_ uri: String) -> (path: String, token: String?)? {
        guard let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (uri, nil) }
        let path = String(Substring(uri.utf8[..<mark]))
        let query = uri.utf8[uri.utf8.index(after: mark)...]
        let name = "token=".utf8
        guard query.starts(with: name) else { return nil }
        let value = query.dropFirst(name.count)
        let plain = value.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "~")
        }
        return plain ? (path, String(Substring(value))) : nil
    }
}

/// Sits right after NIO's HTTP/1 parser on every feed connection. A feed request that ``PreparedFeedAnswers``
/// knows is answered here, written below the HTTP encoder from prepared bytes; everything else goes on to
/// hummingbird's pipeline. Answers leave in the order the requests came: while a request handed on is not answered
/// yet, later ones are handed on too.
///
/// As the connection's single owner of time it also closes the connection after `idleTimeout` without a request
/// or an answer in progress (never in the middle of an answer, however large the feed), and closes it when the
/// server shuts down gracefully, at once when idle or after the answer in progress.
final class FeedConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let answers: PreparedFeedAnswers
    /// The context the prepared bytes are written from (the first handler's, next to the socket).
    private var outlet: ChannelHandlerContext?
    private let idleTimeout: TimeAmount

    /// Requests handed on whose answer has not passed back yet.
    private var handedOn = 0
    /// The request being read is answered here: its parts go no further.
    private var answeringHere = false
    private var pending: (head: ByteBuffer, date: ByteBuffer, body: ByteBuffer?)?
    private var isReadingRequest = false
    /// Prepared answers written but not yet all sent.
    private var answersInFlight = 0
    private var needsFlush = false
    private var lastActive = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var closeWhenAnswered = false

    init(answers: PreparedFeedAnswers, outlet: ChannelHandlerContext, idleTimeout: TimeAmount) {
        self.answers = answers
        self.outlet = outlet
        self.idleTimeout = idleTimeout
    }

    private var isBusy: Bool { isReadingRequest || handedOn > 0 || answersInFlight > 0 }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleCheck(context: context, at: .now() + idleTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        outlet = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        lastActive = .now()
        scheduleIdleCheck(context: context, at: lastActive + idleTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        lastActive = .now()
        switch part {
        case .head(let head):
            isReadingRequest = true
            if handedOn == 0, let answer = answers.answer(head) {
                answeringHere = true
                pending = answer
                return
            }
            handedOn += 1
        case .body:
            if answeringHere { return }
        case .end:
            isReadingRequest = false
            if answeringHere {
                answeringHere = false
                if let answer = pending { send(answer, context: context) }
                pending = nil
                return
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            outlet?.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        handedOn -= 1
        lastActive = .now()
        if closeWhenAnswered && !isBusy {
            let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(data).whenComplete { result in
                promise?.completeWith(result)
                loopBoundContext.value.close(promise: nil)
            }
            return
        }
        context.write(data, promise: promise)
        answered(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if isBusy {
            closeWhenAnswered = true
        } else {
            context.close(promise: nil)
        }
    }

    private func send(_ answer: (head: ByteBuffer, date: ByteBuffer, body: ByteBuffer?), context: ChannelHandlerContext)
    {
        guard let outlet else { return }
        answersInFlight += 1
        let sent = context.eventLoop.makePromise(of: Void.self)
        outlet.write(NIOAny(answer.head), promise: nil)
        if let body = answer.body {
            outlet.write(NIOAny(answer.date), promise: nil)
            outlet.write(NIOAny(body), promise: sent)
        } else {
            outlet.write(NIOAny(answer.date), promise: sent)
        }
        needsFlush = true
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        sent.futureResult.whenComplete { _ in
            let handler = loopBoundSelf.value
            handler.answersInFlight -= 1
            handler.lastActive = .now()
            handler.answered(context: loopBoundContext.value)
        }
    }

    /// After an answer has gone: close when shutting down and nothing else is in progress, else watch for idleness.
    private func answered(context: ChannelHandlerContext) {
        guard !isBusy else { return }
        if closeWhenAnswered {
            context.close(promise: nil)
        } else {
            scheduleIdleCheck(context: context, at: lastActive + idleTimeout)
        }
    }

    private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard idleCheck == nil else { return }
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(deadline: deadline) {
            let handler = loopBoundSelf.value
            handler.idleCheck = nil
            handler.checkIdle(context: loopBoundContext.value)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        // An answer in progress reschedules the check when it has gone.
        if !isReadingRequest && (handedOn > 0 || answersInFlight > 0) { return }
        let deadline = lastActive + idleTimeout
        if NIODeadline.now() >= deadline {
            context.close(promise: nil)
        } else {
            scheduleIdleCheck(context: context, at: deadline)
        }
    }
}
