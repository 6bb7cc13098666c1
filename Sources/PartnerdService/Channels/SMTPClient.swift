import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import PartnerdCore

/// One reply of an SMTP server (RFC 5321 §4.2): the code and the text of every line.
struct SMTPReply: Sendable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    var description: String { "\(code) \(lines.joined(separator: " / "))" }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// Collects reply lines (`250-…` continues, `250 …` ends) and hands each complete reply to the client.
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
            sink.finish(throwing: DeliveryFailure(.transient, reason: "the server sent a line that is no SMTP reply: \(HTTPDeliveryOutcome.shortened(line))"))
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
        sink.finish(throwing: DeliveryFailure(.transient, reason: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sink.finish(throwing: error)
        context.close(promise: nil)
    }
}

/// An SMTP submission client (RFC 5321, RFC 6409) over SwiftNIO: STARTTLS (RFC 3207) or implicit TLS (RFC 8314),
/// AUTH PLAIN or LOGIN (RFC 4954), one message per connection. Reply codes map to outcomes: 4xx transient, 5xx
/// permanent; a refused login fails at once.
struct SMTPClient {
    let transport: MailTransport
    let timeouts: DeliveryTimeouts
    /// The name this host gives in EHLO.
    let heloName: String

    /// Sends `message` (CRLF lines, not yet dot-stuffed) from `from` to `recipients`; returns the server's
    /// answer to the end of DATA.
    func send(message: String, from: String, recipients: [String]) async throws -> SMTPReply {
        let tls = try makeTLSContext()
        let (stream, sink) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let server = transport.server
        let implicitTLS = transport.security == .tls
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeouts.connect)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        let handler = try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(server.host))
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(sink: sink))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            throw DeliveryFailure(.transient, reason: "cannot connect to \(server): \(error)")
        }
        var replies = stream.makeAsyncIterator()
        do {
            let reply = try await conversation(
                channel: channel, replies: &replies, tls: tls, message: message, from: from, recipients: recipients)
            channel.close(promise: nil)
            return reply
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    private func conversation(
        channel: any Channel, replies: inout AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator,
        tls: NIOSSLContext?, message: String, from: String, recipients: [String]
    ) async throws -> SMTPReply {
        let server = transport.server
        func next(_ step: String) async throws -> SMTPReply {
            do {
                guard let reply = try await replies.next() else {
                    throw DeliveryFailure(.transient, reason: "\(server) closed the connection during \(step)")
                }
                return reply
            } catch let failure as DeliveryFailure {
                throw failure
            } catch let error as NIOSSLError {
                throw DeliveryFailure(.permanent, reason: "TLS with \(server) failed during \(step): \(error)")
            } catch let error as BoringSSLError {
                throw DeliveryFailure(.permanent, reason: "TLS with \(server) failed during \(step): \(error)")
            } catch {
                throw DeliveryFailure(.transient, reason: "\(server) failed during \(step): \(error)")
            }
        }
        func say(_ line: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
        }
        /// Sends a command and expects a reply of one of `codes`; `shown` is what the journal may see of it.
        func command(_ line: String?, shown: String, expect codes: Set<Int>) async throws -> SMTPReply {
            if let line { try await say(line) }
            let reply = try await next(shown)
            guard codes.contains(reply.code) else { throw Self.failure(reply, after: shown, server: server) }
            return reply
        }

        _ = try await command(nil, shown: "the greeting", expect: [220])
        var capabilities = try await command("EHLO \(heloName)", shown: "EHLO", expect: [250]).lines
        if transport.security == .starttls {
            guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw DeliveryFailure(
                    .permanent,
                    reason: "\(server) does not offer STARTTLS; use security = \"tls\" for port 465, or a server that offers it")
            }
            _ = try await command("STARTTLS", shown: "STARTTLS", expect: [220])
            guard let tls else { throw DeliveryFailure(.permanent, reason: "no TLS context") }
            let host = Self.sniName(server.host)
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: host)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
            capabilities = try await command("EHLO \(heloName)", shown: "EHLO after STARTTLS", expect: [250]).lines
        }
        if let username = transport.username, let password = transport.password {
            let mechanisms = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased()
                .split(separator: " ").dropFirst().map(String.init) ?? []
            if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                let token = Base64.encode(Array("\u{0}\(username)\u{0}\(password.value)".utf8))
                _ = try await command("AUTH PLAIN \(token)", shown: "AUTH PLAIN", expect: [235])
            } else {
                _ = try await command("AUTH LOGIN", shown: "AUTH LOGIN", expect: [334])
                _ = try await command(Base64.encode(Array(username.utf8)), shown: "AUTH LOGIN (user name)", expect: [334])
                _ = try await command(Base64.encode(Array(password.value.utf8)), shown: "AUTH LOGIN (password)", expect: [235])
            }
        }
        _ = try await command("MAIL FROM:<\(from)>", shown: "MAIL FROM", expect: [250])
        for recipient in recipients {
            _ = try await command("RCPT TO:<\(recipient)>", shown: "RCPT TO:<\(recipient)>", expect: [250, 251])
        }
        _ = try await command("DATA", shown: "DATA", expect: [354])
        try await channel.writeAndFlush(ByteBuffer(string: Self.dotStuffed(message) + ".\r\n"))
        let accepted = try await command(nil, shown: "the end of the message", expect: [250])
        try? await say("QUIT")
        return accepted
    }

    /// RFC 5321 §4.2.1 and RFC 4954: 4xx transient, 5xx permanent; a refused login says so plainly.
    static func failure(_ reply: SMTPReply, after step: String, server: ServerAddress) -> DeliveryFailure {
        let said = HTTPDeliveryOutcome.shortened(reply.description)
        if reply.code == 535 || (reply.code == 534 && step.hasPrefix("AUTH")) {
            return DeliveryFailure(
                .permanent, reason: "\(server) refused the login (\(said)); check username and password_file")
        }
        if reply.code == 530 {
            return DeliveryFailure(.permanent, reason: "\(server) wants a login first (\(said)); set username and password_file")
        }
        return DeliveryFailure((400..<500).contains(reply.code) ? .transient : .permanent, reason: "\(server) answered \(step) with \(said)")
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

    private func makeTLSContext() throws -> NIOSSLContext? {
        guard transport.security != .none else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = transport.caFile {
            configuration.trustRoots = .default
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw DeliveryFailure(.permanent, reason: "cannot set up TLS with ca_file \(transport.caFile ?? "-"): \(error)")
        }
    }
}
