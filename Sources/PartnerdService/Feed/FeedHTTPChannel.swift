import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Limits that keep the feed server responsive under load and abuse.
package struct FeedServerLimits: Sendable {
    /// The largest request line plus header fields, in bytes; larger heads get 431.
    package var maximumHeadSize: Int
    /// How long a client may take to send a complete request head.
    package var headTimeout: Duration
    /// How long a kept-alive connection may sit idle between requests.
    package var idleTimeout: Duration
    /// The listen backlog: room for bursts of new connections (1,000 subscribers refreshing at once).
    package var backlog: Int

    package init(
        maximumHeadSize: Int = 8192, headTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30),
        backlog: Int = 1024
    ) {
        self.maximumHeadSize = maximumHeadSize
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
        self.backlog = backlog
    }
}

/// HTTP/1.1 child channels for the feed server: NIO's HTTP/1 parser with ``RequestHeadGuard`` in front of it,
/// ``FeedConnectionHandler`` after it (prepared answers for feed requests, the idle timeout, graceful shutdown),
/// and hummingbird's HTTP/1 pipeline for every other request.
struct FeedHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let prepared: PreparedFeedAnswers
    let responder: HTTPChannelHandler.Responder
    let limits: FeedServerLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let operations = channel.pipeline.syncOperations
            let headGuard = RequestHeadGuard(
                maximumHeadSize: limits.maximumHeadSize, headTimeout: TimeAmount(limits.headTimeout))
            try operations.addHandler(headGuard)
            // Prepared answers are written from the guard's place, below the HTTP encoder: bytes as they are.
            let outlet = try operations.context(handler: headGuard)
            var decoderLimits = NIOHTTPDecoderLimitConfiguration()
            // The guard answers first; the parser's own limits only back it up.
            decoderLimits.maxHeaderListSize = max(limits.maximumHeadSize * 2, 16_384)
            decoderLimits.maxHeaderFieldSize = max(limits.maximumHeadSize * 2, 16_384)
            // The encoder and the parser are added apart, not with `configureHTTPServerPipeline`, which makes the
            // parser tell the encoder each request's method: answers written here bypass the encoder, so its queue
            // of methods would drift and drop the body of a later GET. HEAD answers carry no body either way
            // (``FeedResponder`` leaves it out).
            try operations.addHandler(HTTPResponseEncoder(configuration: .init()))
            try operations.addHandler(
                ByteToMessageHandler(
                    HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: decoderLimits)))
            try operations.addHandler(
                FeedConnectionHandler(answers: prepared, outlet: outlet, idleTimeout: TimeAmount(limits.idleTimeout)))
            try operations.addHandler(ConnectionCloseHandler())
            try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}
