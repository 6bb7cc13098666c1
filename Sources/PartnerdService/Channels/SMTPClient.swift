import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import PartnerdCore
import Synchronization

/// One reply of an SMTP server (RFC 5321 §4.2): the code and the text of every line.
struct SMTPReply: Sendable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Collects reply lines (`250-…` continues, `250 …` ends) and hands each complete reply to the session. Every
/// failure of the connection (a TLS alert, a reset, a close) ends the stream with its cause, so the session learns
/// the cause from the stream rather than from a write that failed after it.
final class SMTPReplyDecoder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let sink: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var lines: [String] = []

    init(sink: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        var line = buffer.readString(length: buffer.readableBytes) ?? ""
        if line.hasSuffix("\r") { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code)
        else {
            sink.finish(throwing: SMTPFailure.notSMTP(line: line))
            context.close(promise: nil)
            return
        }
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
            sink.yield(SMTPReply(code: code, lines: lines))
            lines = []
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sink.finish(throwing: error)
        context.close(promise: nil)
    }
}

/// Says `QUIT` and closes a session that has been idle in its pool for the pool's idle time (an
/// `IdleStateHandler` event), so that a server is not left holding connections until its own timeout.
final class SMTPIdleQuitHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Whether the session lies idle in its pool; only then does an idle event end it.
    final class Resting: Sendable {
        let value = Atomic<Bool>(false)
    }

    let resting: Resting

    init(resting: Resting) { self.resting = resting }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, resting.value.load(ordering: .acquiring) {
            context.writeAndFlush(NIOAny(ByteBuffer(string: "QUIT\r\n")), promise: nil)
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// One SMTP session (RFC 5321, RFC 6409) over SwiftNIO: greeted, EHLO said, TLS set up by STARTTLS (RFC 3207) or
/// from the first byte (RFC 8314), logged in with AUTH PLAIN or LOGIN (RFC 4954); then any number of messages,
/// with `RSET` between them. One task uses a session at a time (the pool hands it out), the actor keeps it so.
actor SMTPSession {
    private let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private let resting: SMTPIdleQuitHandler.Resting
    /// Messages sent in this session; the next one is preceded by `RSET`.
    private(set) var sent = 0
    /// Whether the last message got as far as its end of DATA: after that the server may hold it although its
    /// answer was lost, so the message is not sent again in another session at once.
    private(set) var reachedEndOfData = false

    private init(
        channel: any Channel, replies: AsyncThrowingStream<SMTPReply, any Error>, resting: SMTPIdleQuitHandler.Resting
    ) {
        self.channel = channel
        self.replies = replies.makeAsyncIterator()
        self.resting = resting
    }

    /// Whether the connection is still open (a server may have closed an idle one).
    nonisolated var isOpen: Bool { channel.isActive }

    /// Marks the session as lying idle in its pool (the idle time then ends it) or as taken out.
    nonisolated func rest(_ flag: Bool) { resting.value.store(flag, ordering: .releasing) }

    /// Connects, reads the greeting, says EHLO, sets up TLS and logs in.
    static func open(
        transport: MailTransport, timeouts: DeliveryTimeouts, ehlo: EHLOName, idleTime: TimeAmount,
        verification: TLSVerification = .standard
    ) async throws(SMTPFailure) -> SMTPSession {
        let tls: NIOSSLContext?
        do {
            tls = try makeTLSContext(transport)
        } catch {
            throw .trustStore(error)
        }
        let (stream, sink) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let server = transport.server
        let implicitTLS = transport.security == .tls
        let resting = SMTPIdleQuitHandler.Resting()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeouts.connect)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            verification.handler(context: tls, host: sniName(server.host)))
                    }
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: idleTime))
                    try channel.pipeline.syncOperations.addHandler(SMTPIdleQuitHandler(resting: resting))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(sink: sink))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            throw .connect(error)
        }
        let session = SMTPSession(channel: channel, replies: stream, resting: resting)
        do {
            try await session.start(transport: transport, tls: tls, ehlo: ehlo, verification: verification)
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return session
    }

    private func start(
        transport: MailTransport, tls: NIOSSLContext?, ehlo: EHLOName, verification: TLSVerification
    ) async throws(SMTPFailure) {
        _ = try await command(nil, step: "the greeting", expect: [220])
        let name = ehlo.name(localAddress: channel.localAddress)
        var capabilities = try await command("EHLO \(name)", step: "EHLO", expect: [250]).lines
        if transport.security == .starttls {
            guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw .noStartTLS }
            _ = try await command("STARTTLS", step: "STARTTLS", expect: [220])
            guard let tls else { throw .trustStore(ChannelError.operationUnsupported) }
            let host = Self.sniName(transport.server.host)
            do {
                let channel = self.channel
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(
                        verification.handler(context: tls, host: host), position: .first)
                }.get()
            } catch {
                throw .tls(error, certificate: nil)
            }
            capabilities = try await command("EHLO \(name)", step: "EHLO after STARTTLS", expect: [250]).lines
        }
        if let username = transport.username, let password = transport.password {
            let mechanisms = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased()
                .split(separator: " ").dropFirst().map(String.init) ?? []
            if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                let token = Base64.encode(Array("\u{0}\(username)\u{0}\(password.value)".utf8))
                _ = try await command("AUTH PLAIN \(token)", step: "AUTH PLAIN", expect: [235])
            } else {
                _ = try await command("AUTH LOGIN", step: "AUTH LOGIN", expect: [334])
                _ = try await command(Base64.encode(Array(username.utf8)), step: "AUTH LOGIN (user name)", expect: [334])
                _ = try await command(Base64.encode(Array(password.value.utf8)), step: "AUTH LOGIN (password)", expect: [235])
            }
        }
    }

    /// Sends `message` (CRLF lines, not yet dot-stuffed) from `from` to `recipients`; returns the server's answer
    /// to the end of DATA. A session that has sent a message before says `RSET` first.
    func send(message: String, from: String, recipients: [String]) async throws(SMTPFailure) -> SMTPReply {
        reachedEndOfData = false
        if sent > 0 { _ = try await command("RSET", step: "RSET", expect: [250]) }
        _ = try await command("MAIL FROM:<\(from)>", step: "MAIL FROM", expect: [250])
        for recipient in recipients {
            _ = try await command("RCPT TO:<\(recipient)>", step: "RCPT TO:<\(recipient)>", expect: [250, 251])
        }
        _ = try await command("DATA", step: "DATA", expect: [354])
        channel.writeAndFlush(ByteBuffer(string: Self.dotStuffed(message) + ".\r\n"), promise: nil)
        reachedEndOfData = true
        let accepted = try await command(nil, step: "the end of the message", expect: [250])
        sent += 1
        return accepted
    }

    /// Says `QUIT` and closes the connection, without waiting for the answer; the future completes when it is
    /// closed.
    @discardableResult
    nonisolated func quit() -> EventLoopFuture<Void> {
        channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n"), promise: nil)
        return channel.close()
    }

    /// Closes the connection at once (after a failure: the session is not used again).
    nonisolated func close() { channel.close(promise: nil) }

    /// Sends a command (none for the greeting and the end of DATA) and expects a reply of one of `codes`. `step`
    /// names it in errors (never with a secret).
    private func command(_ line: String?, step: String, expect codes: Set<Int>) async throws(SMTPFailure) -> SMTPReply {
        // Written without waiting: a write to a connection that failed fails too, and the stream below holds
        // the first cause (a TLS alert rather than "I/O on closed channel").
        if let line { channel.writeAndFlush(ByteBuffer(string: line + "\r\n"), promise: nil) }
        let reply: SMTPReply?
        do {
            // The iterator is a reference to the stream's storage: a copy reads the same replies.
            var iterator = replies
            reply = try await iterator.next(isolation: self)
            replies = iterator
        } catch let failure as SMTPFailure {
            throw failure
        } catch NIOSSLError.uncleanShutdown {
            throw .closed(step: step)
        } catch let error where error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            throw .tls(error, certificate: nil)
        } catch {
            throw .other(error)
        }
        guard let reply else { throw .closed(step: step) }
        guard codes.contains(reply.code) else { throw .reply(reply, step: step) }
        return reply
    }

    /// A line that starts with a dot gets another (RFC 5321 §4.5.2); the text ends with CRLF.
    static func dotStuffed(_ message: String) -> String {
        var text = message.hasSuffix("\r\n") ? message : message + "\r\n"
        if text.hasPrefix(".") { text = "." + text }
        return text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }

    /// The host to verify and name in SNI: an IP address is checked against the certificate but sent no SNI.
    static func sniName(_ host: String) -> String? {
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { UInt8($0) != nil }
        return isAddress ? nil : host
    }

    static func makeTLSContext(_ transport: MailTransport) throws -> NIOSSLContext? {
        guard transport.security != .none else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = transport.caFile {
            configuration.trustRoots = .default
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// How the server's certificate is checked: as BoringSSL does (always, for mail), or, for the second look
    /// after a chain that did not verify, by reading the leaf's dates and refusing it in any case.
    enum TLSVerification: Sendable {
        final class Inspection: Sendable {
            let finding = Mutex<SMTPFailure.CertificateFinding?>(nil)
        }

        case standard
        /// Records what the leaf is at `now` (seconds since 1970).
        case inspect(Inspection, now: Int64)

        func handler(context: NIOSSLContext, host: String?) throws -> NIOSSLClientHandler {
            switch self {
            case .standard:
                return try NIOSSLClientHandler(context: context, serverHostname: host)
            case .inspect(let inspection, let now):
                return try NIOSSLClientHandler(context: context, serverHostname: host) { chain, promise in
                    inspection.finding.withLock { finding in
                        guard let leaf = chain.first else { return }
                        if Int64(leaf.notValidAfter) < now {
                            finding = .expired(notAfter: Int64(leaf.notValidAfter))
                        } else if Int64(leaf.notValidBefore) > now {
                            finding = .notYetValid(notBefore: Int64(leaf.notValidBefore))
                        } else {
                            finding = .untrusted
                        }
                    }
                    promise.succeed(NIOSSLVerificationResult.failed)
                }
            }
        }
    }

    /// The second look at a certificate whose chain did not verify: the same opening with a verifier that reads
    /// the leaf's validity and refuses it, so that the message can say "expired" rather than "not trusted". Never
    /// sends a message or a password (the handshake fails before any).
    static func inspectCertificate(
        transport: MailTransport, timeouts: DeliveryTimeouts, ehlo: EHLOName, now: Instant
    ) async -> SMTPFailure.CertificateFinding? {
        let inspection = TLSVerification.Inspection()
        let verification = TLSVerification.inspect(inspection, now: now.secondsSinceEpoch)
        if let session = try? await open(
            transport: transport, timeouts: timeouts, ehlo: ehlo, idleTime: .seconds(1), verification: verification)
        {
            session.close()
        }
        return inspection.finding.withLock { $0 }
    }
}

/// The settings that make two mail channels share their sessions: the same server, reached the same way, with the
/// same login.
struct SMTPConnectionKey: Hashable, Sendable {
    var server: ServerAddress
    var security: MailTransport.Security
    var username: String?
    var password: Secret?
    var caFile: String?
    var ehlo: String?

    init(_ transport: MailTransport) {
        server = transport.server
        security = transport.security
        username = transport.username
        password = transport.password
        caFile = transport.caFile
        ehlo = transport.ehlo
    }
}

/// The session to one mail server: a burst of mails goes through one session, one message after another with
/// `RSET` between them; a session idle for ``idleTime`` says `QUIT`; a failure closes its session, and the next
/// message opens a new one.
///
/// Deliveries that overlap wait for the session in the order they came (each within its own deadline: a delivery
/// that was given up while it waited sends nothing). One session a server keeps its log readable and stays far
/// below any server's per-client limit; a message on an open session takes milliseconds.
final class SMTPSessionPool: Sendable {
    private struct State {
        /// The session lying idle, if any.
        var resting: SMTPSession?
        /// Whether a delivery holds the right to the session (using it, or opening it).
        var busy = false
        var waiting: [CheckedContinuation<SMTPSession?, Never>] = []
        var closed = false
    }

    let timeouts: DeliveryTimeouts
    let idleTime: TimeAmount
    private let state = Mutex(State())

    init(timeouts: DeliveryTimeouts, idleTime: TimeAmount = .seconds(5)) {
        self.timeouts = timeouts
        self.idleTime = idleTime
    }

    /// Sends one message through the resting session, or a new one. A resting session that fails before the end of
    /// DATA (the server closed it while it rested) is dropped and the message goes through a new session.
    func send(
        message: String, from: String, recipients: [String], transport: MailTransport, now: Instant
    ) async throws(SMTPFailure) -> SMTPReply {
        let session = await acquire()
        if Task.isCancelled {
            release(session)
            throw .other(CancellationError())
        }
        if let resting = session {
            do throws(SMTPFailure) {
                let reply = try await resting.send(message: message, from: from, recipients: recipients)
                release(resting)
                return reply
            } catch {
                resting.close()
                if await resting.reachedEndOfData {
                    release(nil)
                    throw error
                }
            }
        }
        do throws(SMTPFailure) {
            let fresh = try await open(transport, now: now)
            do throws(SMTPFailure) {
                let reply = try await fresh.send(message: message, from: from, recipients: recipients)
                release(fresh)
                return reply
            } catch {
                fresh.close()
                throw error
            }
        } catch {
            release(nil)
            throw error
        }
    }

    /// The right to the session: the resting one (nil: open one), at once or when the delivery before is done.
    private func acquire() async -> SMTPSession? {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> SMTPSession?? in
                guard !state.busy else {
                    state.waiting.append(continuation)
                    return .none
                }
                state.busy = true
                defer { state.resting = nil }
                return .some(state.resting.flatMap(Self.usable))
            }
            if case .some(let session) = granted { continuation.resume(returning: session) }
        }
    }

    /// Gives the right to the session back, with the session if it may be used again: to the next waiting delivery,
    /// or to rest (QUIT after the idle time).
    private func release(_ session: SMTPSession?) {
        enum Next {
            case handOver(CheckedContinuation<SMTPSession?, Never>)
            case rest
            case quit
        }
        let next = state.withLock { state -> Next in
            if !state.waiting.isEmpty { return .handOver(state.waiting.removeFirst()) }
            state.busy = false
            if state.closed { return .quit }
            if let session {
                session.rest(true)
                state.resting = session
            }
            return .rest
        }
        switch next {
        case .handOver(let continuation): continuation.resume(returning: session.flatMap(Self.usable))
        case .quit: session?.quit()
        case .rest: break
        }
    }

    private static func usable(_ session: SMTPSession) -> SMTPSession? {
        session.rest(false)
        return session.isOpen ? session : nil
    }

    /// A new session; when its certificate chain does not verify, a second look says why.
    private func open(_ transport: MailTransport, now: Instant) async throws(SMTPFailure) -> SMTPSession {
        let ehlo = EHLOName(configured: transport.ehlo)
        do {
            return try await SMTPSession.open(transport: transport, timeouts: timeouts, ehlo: ehlo, idleTime: idleTime)
        } catch .tls(let error, certificate: .none) where SMTPFailure.isUnverifiedChain(error) {
            let finding = await SMTPSession.inspectCertificate(
                transport: transport, timeouts: timeouts, ehlo: ehlo, now: now)
            throw .tls(error, certificate: finding)
        }
    }

    /// Says `QUIT` in the resting session (the daemon stops, or no channel uses this server any more); a session in
    /// use says it when its message is done. The future completes when the resting session is closed.
    @discardableResult
    func close() -> EventLoopFuture<Void>? {
        let session = state.withLock { state in
            state.closed = true
            defer { state.resting = nil }
            return state.resting
        }
        return session?.quit()
    }
}

/// The name the client gives in EHLO (RFC 5321 §4.1.1.1 and §4.1.3): the channel's `ehlo`, else this host's fully
/// qualified name, else an address literal of the connection's own end (`[127.0.0.1]`, `[IPv6:::1]`).
struct EHLOName: Sendable, Hashable {
    var configured: String?
    var hostName: String?

    /// This host's name, looked up once (`/etc/hosts` or DNS may be slow).
    static let thisHost: String? = Posix.fullyQualifiedHostName()

    init(configured: String?, hostName: String? = EHLOName.thisHost) {
        self.configured = configured
        self.hostName = hostName
    }

    func name(localAddress: SocketAddress?) -> String {
        if let configured { return configured }
        if let hostName { return hostName }
        guard let address = localAddress, let literal = address.ipAddress else { return "[127.0.0.1]" }
        if case .v6 = address {
            // An IPv4 address mapped into IPv6 is written as the IPv4 literal it is.
            if literal.lowercased().hasPrefix("::ffff:"), !literal.dropFirst(7).contains(":") {
                return "[\(literal.dropFirst(7))]"
            }
            return "[IPv6:\(literal)]"
        }
        return "[\(literal)]"
    }
}
