import NIOCore
import NIOHTTP1

/// Closes a connection after its response when HTTP/1.1 says it should not persist (RFC 9112 §9.3): the request
/// asked for it (`Connection: close`, or HTTP/1.0 without `keep-alive`), or the response says so (the 413 and 405
/// answers to requests whose body is never read). The response then carries `Connection: close` too.
///
/// Without it, an HTTP/1.0 client waited for the idle timeout (30 s) for the end of a response it had whole.
final class ConnectionCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The requests read but not yet answered, oldest first: pipelined requests are answered in order, and each
    /// answer follows its own request's wish.
    private var pending = CircularBuffer<(keepsAlive: Bool, version: HTTPVersion)>()
    private var closeAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            pending.append((keepsAlive: head.isKeepAlive, version: head.version))
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapInboundOut(data) {
        case .head(var head):
            // An interim answer (100 Continue) is no answer yet.
            guard head.status.code >= 200 else {
                context.write(data, promise: promise)
                return
            }
            let request = pending.popFirst() ?? (keepsAlive: true, version: .http1_1)
            let requestKeepsAlive = request.keepsAlive
            let requestVersion = request.version
            let responseCloses = head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
            closeAfterResponse = !requestKeepsAlive || responseCloses
            if closeAfterResponse && !responseCloses {
                head.headers.replaceOrAdd(name: "Connection", value: "close")
            } else if !closeAfterResponse && requestVersion == .http1_0 {
                head.headers.replaceOrAdd(name: "Connection", value: "keep-alive")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end(let trailers):
            guard closeAfterResponse else {
                context.write(wrapOutboundOut(.end(trailers)), promise: promise)
                return
            }
            let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(trailers))).whenComplete { result in
                promise?.completeWith(result)
                loopBoundContext.value.close(promise: nil)
            }
        case .body:
            context.write(data, promise: promise)
        }
    }

    private func unwrapInboundOut(_ data: NIOAny) -> HTTPServerResponsePart { unwrapOutboundIn(data) }
}
