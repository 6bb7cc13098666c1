import NIOCore

/// Feeds a control connection's bytes, end of input and read timeout through a ``ControlRequestAccumulator`` and
/// passes the one frame it yields on, for the server's connection task to answer.
///
/// The read timeout starts when the connection becomes active, so a client that connects and says nothing holds
/// nothing but its own connection, and only until then.
final class ControlFramingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ControlRequestAccumulator.Frame

    private var accumulator: ControlRequestAccumulator
    private let readTimeout: TimeAmount
    private var timeout: Scheduled<Void>?

    init(limit: Int, readTimeout: TimeAmount) {
        accumulator = ControlRequestAccumulator(limit: limit)
        self.readTimeout = readTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armTimeout(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        armTimeout(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        emit(accumulator.receive(buffer.readableBytesView), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            emit(accumulator.endOfInput(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func armTimeout(context: ChannelHandlerContext) {
        guard timeout == nil, !accumulator.isDone else { return }
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
            self.emit(self.accumulator.timeout(), context: context)
        }
    }

    private func emit(_ frame: ControlRequestAccumulator.Frame?, context: ChannelHandlerContext) {
        guard let frame else { return }
        timeout?.cancel()
        timeout = nil
        context.fireChannelRead(wrapInboundOut(frame))
    }
}
