import NIOCore

/// Guards the bytes of each request head before the HTTP parser sees them: a head larger than the limit is
/// answered `431 Request Header Fields Too Large` (RFC 6585 §5), and a client that has not finished its head
/// within the timeout (a slow-header attack holds a connection open by trickling bytes) is disconnected.
///
/// The timer runs from the moment the connection opens or the next request's first byte arrives until the
/// blank line that ends the head. Feed requests carry no body, so the byte after a head begins the next one.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let maximumHeadSize: Int
    private let headTimeout: TimeAmount
    private var headBytes = 0
    private var isInHead = false
    /// Line feeds in a row, carriage returns ignored: two end the head.
    private var lineFeeds = 0
    private var deadline: Scheduled<Void>?
    private var isClosing = false

    init(maximumHeadSize: Int, headTimeout: TimeAmount) {
        self.maximumHeadSize = maximumHeadSize
        self.headTimeout = headTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHead(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startHead(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing else { return }
        let buffer = unwrapInboundIn(data)
        for byte in buffer.readableBytesView {
            if !isInHead { startHead(context: context) }
            headBytes += 1
            if byte == 0x0A {
                lineFeeds += 1
                if lineFeeds == 2 { finishHead() }
            } else if byte != 0x0D {
                lineFeeds = 0
            }
            if isInHead && headBytes > maximumHeadSize {
                reject(context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    private func startHead(context: ChannelHandlerContext) {
        isInHead = true
        headBytes = 0
        lineFeeds = 0
        guard deadline == nil else { return }
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: headTimeout) {
            let handler = loopBoundSelf.value
            handler.deadline = nil
            guard handler.isInHead, !handler.isClosing else { return }
            handler.isClosing = true
            loopBoundContext.value.close(promise: nil)
        }
    }

    private func finishHead() {
        isInHead = false
        lineFeeds = 0
        deadline?.cancel()
        deadline = nil
    }

    private func reject(context: ChannelHandlerContext) {
        isClosing = true
        deadline?.cancel()
        deadline = nil
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
