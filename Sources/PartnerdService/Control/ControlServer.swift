import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

import Glibc

/// The daemon's control socket: answers `status` and `reload` from `partnerctl` (see ``ControlProtocol``).
///
/// Two steps, so that a daemon that cannot listen fails before it tells systemd it is ready:
/// ``bind(_:handler:logger:eventLoopGroup:)`` claims the path (replacing a stale socket file, refusing a live one)
/// and listens; ``run()`` then serves until graceful shutdown or cancellation, and removes the socket file.
///
/// Every connection is served in its own child task: a request that is malformed, too large or never finished gets
/// an error answer and costs nothing but its own connection.
package struct ControlServer: Service {
    /// The knobs of the socket.
    package struct Configuration: Sendable {
        /// The socket's path; see ``ControlSocketLocator``.
        package var path: String
        /// The socket file's permission bits: owner and group may connect.
        package var mode: mode_t
        /// The most bytes a request may take before it is answered with `request-too-large`.
        package var maximumRequestSize: Int
        /// How long a client has, from connecting, to finish its request.
        package var readTimeout: Duration
        /// The group the socket file is given (`--socket-group`), so that its members may use `partnerctl status`
        /// and `reload`; `nil` keeps the daemon's own group. The daemon must be a member of it.
        package var group: String?

        package init(
            path: String, mode: mode_t = 0o660, maximumRequestSize: Int = ControlProtocol.maximumRequestSize,
            readTimeout: Duration = .seconds(5), group: String? = nil
        ) {
            self.path = path
            self.group = group
            self.mode = mode
            self.maximumRequestSize = maximumRequestSize
            self.readTimeout = readTimeout
        }
    }

    package let configuration: Configuration
    private let listener: NIOAsyncChannel<ControlConnection, Never>
    private let handler: any ControlHandler
    private let socketFile: FileIdentity?
    private let logger: Logger

    private init(
        configuration: Configuration, listener: NIOAsyncChannel<ControlConnection, Never>, handler: any ControlHandler,
        socketFile: FileIdentity?, logger: Logger
    ) {
        self.configuration = configuration
        self.listener = listener
        self.handler = handler
        self.socketFile = socketFile
        self.logger = logger
    }

    /// Claims the socket path and listens on it with mode ``Configuration/mode``.
    ///
    /// Creates the socket's directory when missing. A socket file nobody listens on is removed and replaced; a live
    /// one, or anything that is not a socket, is left alone and reported.
    ///
    /// - Throws: ``ControlServerError``.
    package static func bind(
        _ configuration: Configuration, handler: some ControlHandler, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ControlServer {
        let path = configuration.path
        guard path.utf8.count <= UnixSocket.maximumPathLength else {
            throw ControlServerError.pathTooLong(path: path, limit: UnixSocket.maximumPathLength)
        }
        try makeParentDirectory(of: path)
        switch UnixSocket.probe(path) {
        case .absent:
            break
        case .live:
            throw ControlServerError.alreadyRunning(path: path)
        case .notASocket:
            throw ControlServerError.notASocket(path: path)
        case .stale:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw ControlServerError.cannotListen(
                    path: path, step: "removing the stale socket file", reason: Posix.reason(errno))
            }
            logger.notice("replaced a stale control socket file", metadata: ["socket": "\(path)"])
        case .inaccessible(let error):
            throw ControlServerError.cannotListen(
                path: path, step: "checking the existing file", reason: Posix.reason(error))
        }

        // Bound here rather than by NIO: the mode is set before listen(2), so there is no moment in which others
        // may connect, and the file stays ours to remove (NIO would unlink whatever is at the path on close).
        let descriptor: Int32
        switch UnixSocket.bound(to: path) {
        case .success(let value): descriptor = value
        case .failure(let error):
            throw ControlServerError.cannotListen(path: path, step: "binding", reason: error.description)
        }
        guard chmod(path, configuration.mode) == 0 else {
            let reason = Posix.reason(errno)
            closeDescriptor(descriptor)
            unlink(path)
            throw ControlServerError.cannotListen(path: path, step: "setting its mode", reason: reason)
        }
        if let group = configuration.group {
            guard let entry = getgrnam(group) else {
                closeDescriptor(descriptor)
                unlink(path)
                throw ControlServerError.cannotListen(
                    path: path, step: "giving it to the group \"\(group)\"",
                    reason: "there is no such group; create it (make install does: groupadd --system \(group))")
            }
            guard chown(path, uid_t.max, entry.pointee.gr_gid) == 0 else {
                let reason = Posix.reason(errno)
                closeDescriptor(descriptor)
                unlink(path)
                throw ControlServerError.cannotListen(
                    path: path, step: "giving it to the group \"\(group)\"",
                    reason: "\(reason) (the daemon must be a member: SupplementaryGroups=\(group) in the unit)")
            }
        }
        let identity = UnixSocket.identity(path)

        let limit = configuration.maximumRequestSize
        let readTimeout = TimeAmount(configuration.readTimeout)
        let refusals: ControlFramingHandler.Refusals
        do {
            refusals = ControlFramingHandler.Refusals(
                tooLarge: try ControlResponse.error(
                    ControlError(.requestTooLarge, "the request exceeds \(limit) bytes without a newline")
                ).encodedLine(),
                timedOut: try ControlResponse.error(
                    ControlError(
                        .timedOut,
                        "no complete request within \(configuration.readTimeout); end the request with a newline")
                ).encodedLine())
        } catch {
            closeDescriptor(descriptor)
            unlink(path)
            throw ControlServerError.cannotListen(path: path, step: "encoding its answers", reason: "\(error)")
        }
        let listener: NIOAsyncChannel<ControlConnection, Never>
        do {
            listener = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(.backlog, value: 256)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(descriptor) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let request = channel.eventLoop.makePromise(of: [UInt8].self)
                        try channel.pipeline.syncOperations.addHandler(
                            ControlFramingHandler(
                                limit: limit, readTimeout: readTimeout, refusals: refusals, request: request))
                        return ControlConnection(channel: channel, request: request.futureResult)
                    }
                }
        } catch {
            unlink(path)
            throw ControlServerError.cannotListen(path: path, step: "listening", reason: "\(error)")
        }
        logger.debug("control socket listening", metadata: ["socket": "\(path)"])
        return ControlServer(
            configuration: configuration, listener: listener, handler: handler, socketFile: identity, logger: logger)
    }

    private static func makeParentDirectory(of path: String) throws {
        do {
            try Posix.makeDirectories(path.directoryPart, mode: 0o755)
        } catch {
            throw ControlServerError.cannotListen(
                path: path, step: "creating \(error.path)", reason: Posix.reason(error.failure.code))
        }
    }

    /// Serves connections until graceful shutdown or cancellation, lets the ones in flight finish (each is bounded
    /// by the read timeout and the handler), then removes the socket file if it is still ours.
    package func run() async throws {
        defer { removeSocketFile() }
        let listener = self.listener
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await listener.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            listener.channel.close(promise: nil)
        }
    }

    /// Stops listening and removes the socket file without ever running: for a daemon that fails after
    /// ``bind(_:handler:logger:eventLoopGroup:)`` but before it runs its services.
    package func close() async {
        try? await listener.channel.close()
        removeSocketFile()
    }

    /// Removes the socket file after the listener closed, unless it is no longer ours: another file took its place
    /// (another inode) or, should the inode number have been reused, another process listens on it.
    private func removeSocketFile() {
        guard let socketFile, UnixSocket.identity(configuration.path) == socketFile,
            UnixSocket.probe(configuration.path) != .live
        else { return }
        unlink(configuration.path)
    }

    private func serve(_ connection: ControlConnection) async {
        do {
            let request = try await connection.request.get()
            let response = await answer(request)
            let buffer = connection.channel.allocator.buffer(bytes: try response.encodedLine())
            try await connection.channel.writeAndFlush(buffer).get()
        } catch is ControlRefusedError {
            return  // answered by the framing, which closes the connection when the client is done
        } catch {
            logger.debug("control connection ended early", metadata: ["error": "\(error)"])
        }
        try? await connection.channel.close().get()
    }

    /// The response to one request: the handler's answer when it is valid, else the error to send back.
    func answer(_ request: [UInt8]) async -> ControlResponse {
        switch ControlRequest.decode(request) {
        case .failure(let error):
            logger.info("control request refused", metadata: ["code": "\(error.code)", "reason": "\(error.message)"])
            return .error(error)
        case .success(let request):
            switch request.command {
            case .status: return .status(await handler.status())
            case .reload: return .reload(await handler.reload())
            case .fetch: return .status(await handler.fetchCalendars())
            case .done:
                guard let text = request.item, let item = TaskItemID(validating: text) else {
                    return .error(ControlError(.unknownItem, "\"\(request.item ?? "")\" is not a task item (partnership/task/YYYY-MM-DD)"))
                }
                switch await handler.markDone(item, by: request.by ?? "partnerctl") {
                case .success(let outcome): return .done(outcome)
                case .failure(let error): return .error(error)
                }
            case .tasks: return .tasks(await handler.tasks())
            }
        }
    }
}

/// `close(2)`, which ``ControlServer/close()`` hides inside the type.
private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
