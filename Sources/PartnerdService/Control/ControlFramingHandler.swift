import NIOCore

/// Feeds a control connection's bytes, end of input and read timeout through a ``ControlRequestAccumulator``.
///
/// A complete request is handed to the server through ``ControlConnection/request``. A request that is too large
/// or never finishes is answered here, with the error the server gave for it, and the connection closed: those
/// answers need nothing from the daemon, and a connection the server never got round to (it was stopping) cannot
/// linger. The read timeout starts when the connection becomes active, so a client that connects and says nothing
/// holds only its own connection, and only until then.
final class ControlFramingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The answers to the frames that are not requests, encoded once for all connections.
    struct Refusals: Sendable {
        var tooLarge: [UInt8]
        var timedOut: [UInt8]
    }

    private var accumulator: ControlRequestAccumulator
    private let readTimeout: TimeAmount
    private let refusals: Refusals
    private let request: EventLoopPromise<[UInt8]>
    private var timeout: Scheduled<Void>?
    /// After refusing a request that is too large: closes the connection if the client does not stop sending.
    private var drainDeadline: Scheduled<Void>?

    init(limit: Int, readTimeout: TimeAmount, refusals: Refusals, request: EventLoopPromise<[UInt8]>) {
        accumulator = ControlRequestAccumulator(limit: limit)
        self.readTimeout = readTimeout
        self.refusals = refusals
        self.request = request
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armTimeout(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarmTimeout()
        drainDeadline?.cancel()
        drainDeadline = nil
        request.fail(ChannelError.ioOnClosedChannel)
    }

    func channelActive(context: ChannelHandlerContext) {
        armTimeout(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarmTimeout()
        drainDeadline?.cancel()
        drainDeadline = nil
        request.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        handle(accumulator.receive(buffer.readableBytesView), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            if drainDeadline != nil {
                context.close(promise: nil)
            } else {
                handle(accumulator.endOfInput(), context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func armTimeout(context: ChannelHandlerContext) {
        guard timeout == nil, !accumulator.isDone else { return }
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
            self.handle(self.accumulator.timeout(), context: context)
        }
    }

    private func disarmTimeout() {
        timeout?.cancel()
        timeout = nil
    }

    private func handle(_ frame: ControlRequestAccumulator.Frame?, context: ChannelHandlerContext) {
        guard let frame else { return }
        disarmTimeout()
        switch frame {
        case .request(let bytes):
            request.succeed(bytes)
        case .tooLarge:
            refuse(refusals.tooLarge, drain: true, context: context)
        case .timedOut:
            refuse(refusals.timedOut, drain: false, context: context)
        }
    }

    /// Answers with `answer` and ends the connection.
    ///
    /// With `drain`, the client is probably still sending. Closing a Unix socket with unread input makes the kernel
    /// reset the connection, and the client would lose the answer. So the output is shut down after the answer (the
    /// client reads it to its end) and further input is discarded until the client closes, for at most one more read
    /// timeout.
    private func refuse(_ answer: [UInt8], drain: Bool, context: ChannelHandlerContext) {
        request.fail(ControlRefusedError())
        let channel = context.channel
        let written = context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(bytes: answer)))
        guard drain else {
            written.whenComplete { _ in channel.close(promise: nil) }
            return
        }
        written.whenComplete { _ in channel.close(mode: .output, promise: nil) }
        drainDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
            context.close(promise: nil)
        }
    }
}

/// The connection was answered with an error by the framing and needs nothing more.
struct ControlRefusedError: Error {}
