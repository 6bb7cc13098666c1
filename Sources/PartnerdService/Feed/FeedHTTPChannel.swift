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

/// HTTP/1.1 child channels for the feed server: hummingbird's HTTP/1 pipeline with ``RequestHeadGuard``
/// in front of the parser.
struct FeedHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: FeedServerLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let operations = channel.pipeline.syncOperations
            try operations.addHandler(
                RequestHeadGuard(
                    maximumHeadSize: limits.maximumHeadSize, headTimeout: TimeAmount(limits.headTimeout)))
            var decoderLimits = NIOHTTPDecoderLimitConfiguration()
            // The guard answers first; the parser's own limits only back it up.
            decoderLimits.maxHeaderListSize = max(limits.maximumHeadSize * 2, 16_384)
            decoderLimits.maxHeaderFieldSize = max(limits.maximumHeadSize * 2, 16_384)
            try operations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: decoderLimits)
            try operations.addHandler(ConnectionCloseHandler())
            try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try operations.addHandler(HTTPConnectionStateHandler(idleTimeout: limits.idleTimeout, logger: logger))
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}
