import NIOCore

/// Guards the bytes of each request head before the HTTP parser sees them: a head larger than the limit is
/// answered `431 Request Header Fields Too Large` (RFC 6585 §5), and a client that has not finished its head
/// within the timeout (a slow-header attack holds a connection open by trickling bytes) is disconnected.
///
/// The decisions are ``RequestHeadScanner``'s; this handler only runs the timer and writes the answer.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let headTimeout: TimeAmount
    private var scanner: RequestHeadScanner
    private var deadline: Scheduled<Void>?
    private var isClosing = false
    private var isStarted = false

    init(maximumHeadSize: Int, headTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        scanner = RequestHeadScanner(maximumHeadSize: maximumHeadSize)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing else { return }
        let events = unwrapInboundIn(data).withUnsafeReadableBytes { scanner.consume($0) }
        for event in events {
            switch event {
            case .headStarted: startTimer(context: context)
            case .headEnded: stopTimer()
            case .tooLarge:
                reject(context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    private func start(context: ChannelHandlerContext) {
        guard !isStarted else { return }
        isStarted = true
        for event in scanner.connectionOpened() where event == .headStarted { startTimer(context: context) }
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: headTimeout) {
            let handler = loopBoundSelf.value
            handler.deadline = nil
            guard handler.scanner.isInHead, !handler.isClosing else { return }
            handler.isClosing = true
            loopBoundContext.value.close(promise: nil)
        }
    }

    private func stopTimer() {
        deadline?.cancel()
        deadline = nil
    }

    private func reject(context: ChannelHandlerContext) {
        isClosing = true
        stopTimer()
        let message = "Request header fields too large.\n"
        let response =
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(message.utf8.count)\r\nConnection: close\r\n\r\n\(message)"
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).whenComplete { _ in
            loopBoundContext.value.close(promise: nil)
        }
    }
}
