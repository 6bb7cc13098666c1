import NIOCore

/// One accepted control connection, as the server's accept loop receives it: the channel and its request to come.
///
/// Plain values, so that a connection the accept loop drops while stopping costs nothing but the connection.
struct ControlConnection: Sendable {
    let channel: any Channel
    /// The request's bytes; fails when the client left first or the framing already answered.
    let request: EventLoopFuture<[UInt8]>
}
