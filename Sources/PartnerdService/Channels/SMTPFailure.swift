import NIOCore
import NIOPosix
import NIOSSL
import PartnerdCore

/// Everything that can go wrong in an SMTP session, as the client meets it. ``classified(server:transport:)``
/// is the one place that turns each into a sentence and decides whether a retry can help.
enum SMTPFailure: Error {
    /// A reply other than the ones the step expects.
    case reply(SMTPReply, step: String)
    /// The server closed the connection, or it was lost, while the client waited for `step`.
    case closed(step: String)
    /// A line that is no SMTP reply (`250 …`, `354 …`).
    case notSMTP(line: String)
    /// The server offers no STARTTLS although the channel asks for it.
    case noStartTLS
    /// No connection: refused, unreachable, timed out, or the name did not resolve.
    case connect(any Error)
    /// The TLS handshake failed; `certificate` is what a second look at the server's certificate found, if one
    /// was taken (see ``SMTPSession/inspectCertificate(transport:timeouts:ehlo:now:)``).
    case tls(any Error, certificate: CertificateFinding?)
    /// The TLS context could not be made from `ca_file`.
    case trustStore(any Error)
    /// Anything else a channel reported, kept as it is.
    case other(any Error)

    /// What the server's certificate turned out to be when the chain did not verify.
    enum CertificateFinding: Equatable {
        case expired(notAfter: Int64)
        case notYetValid(notBefore: Int64)
        case untrusted
    }

    /// The failure as the journal, `status` and `partnerctl test` show it, with its class: transient where a retry
    /// can help (the server is down, busy or slow), permanent where only a change of the config or of the server
    /// can (certificates, logins, refused addresses).
    func classified(server: ServerAddress, transport: MailTransport) -> DeliveryFailure {
        switch self {
        case .reply(let reply, let step):
            return Self.replyFailure(reply, step: step, server: server, username: transport.username)
        case .closed(let step):
            return DeliveryFailure(.transient, reason: "\(server) closed the connection during \(step)")
        case .notSMTP(let line):
            return DeliveryFailure(
                .transient,
                reason: "\(server) sent a line that is no SMTP reply (\(HTTPDeliveryOutcome.shortened(line))); "
                    + "check that server names a mail server and that security fits its port")
        case .noStartTLS:
            return DeliveryFailure(
                .permanent,
                reason: "\(server) does not offer STARTTLS; use security = \"tls\" for port 465, or a server that offers it")
        case .connect(let error):
            return Self.connectFailure(error, server: server)
        case .tls(let error, let finding):
            return Self.tlsFailure(error, finding: finding, server: server, transport: transport)
        case .trustStore(let error):
            return DeliveryFailure(
                .permanent,
                reason: "cannot load the CA bundle \(transport.caFile ?? "-") for \(server) (\(Self.words(error))); "
                    + "name a PEM file of CA certificates in ca_file")
        case .other(let error):
            if let failure = error as? DeliveryFailure { return failure }
            return DeliveryFailure(.transient, reason: "mail to \(server): \(Self.words(error))")
        }
    }

    /// RFC 5321 §4.2.1 and RFC 4954: 4xx transient, 5xx permanent; a refused login names the user it tried.
    static func replyFailure(_ reply: SMTPReply, step: String, server: ServerAddress, username: String?) -> DeliveryFailure {
        let said = HTTPDeliveryOutcome.shortened(reply.description)
        if reply.code == 535 || (reply.code == 534 && step.hasPrefix("AUTH")) {
            let user = username.map { " of \"\($0)\"" } ?? ""
            return DeliveryFailure(
                .permanent, reason: "\(server) refused the login\(user) (\(said)); check username and password_file")
        }
        if reply.code == 530 {
            return DeliveryFailure(
                .permanent, reason: "\(server) wants a login first (\(said)); set username and password_file")
        }
        return DeliveryFailure(
            (400..<500).contains(reply.code) ? .transient : .permanent, reason: "\(server) answered \(step) with \(said)")
    }

    /// One sentence for each way a connection is not made, with the address: these are transient (a server that is
    /// down now may be up at the next try).
    static func connectFailure(_ error: any Error, server: ServerAddress) -> DeliveryFailure {
        if case ChannelError.connectTimeout(let limit) = error {
            return DeliveryFailure(
                .transient,
                reason: "no connection to \(server) within \(limit.nanoseconds / 1_000_000_000) s; check server and "
                    + "whether a firewall drops the connection")
        }
        if let connection = error as? NIOConnectionError {
            if connection.connectionErrors.isEmpty, connection.dnsAError != nil || connection.dnsAAAAError != nil {
                return DeliveryFailure(
                    .transient, reason: "cannot resolve the name \(server.host); check server and this machine's DNS")
            }
            if let first = connection.connectionErrors.first {
                return connectFailure(first.error, server: server)
            }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case Posix.Errno.connectionRefused:
                return DeliveryFailure(
                    .transient,
                    reason: "\(server) refused the connection (nothing listens there); check server, or start the mail server")
            case Posix.Errno.timedOut:
                return DeliveryFailure(.transient, reason: "the connection to \(server) timed out; check server")
            case Posix.Errno.networkUnreachable, Posix.Errno.hostUnreachable:
                return DeliveryFailure(
                    .transient, reason: "\(server) cannot be reached (\(Posix.reason(io.errnoCode))); check server and the network")
            default:
                return DeliveryFailure(
                    .transient, reason: "cannot connect to \(server): \(Posix.reason(io.errnoCode)); check server")
            }
        }
        if error is SocketAddressError {
            return DeliveryFailure(
                .transient, reason: "cannot resolve the name \(server.host); check server and this machine's DNS")
        }
        return DeliveryFailure(.transient, reason: "cannot connect to \(server): \(words(error))")
    }

    /// Certificates and handshakes: permanent, whether they happen after STARTTLS or at once on port 465, since
    /// no retry helps until the config or the server's certificate changes.
    static func tlsFailure(
        _ error: any Error, finding: CertificateFinding?, server: ServerAddress, transport: MailTransport
    ) -> DeliveryFailure {
        let subject = "the certificate of \(server)"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return DeliveryFailure(
                .permanent,
                reason: "\(subject) is not made out to \(server.host) (name mismatch); set server to a name the "
                    + "certificate holds, or give the mail server a certificate for \(server.host)")
        }
        let text = words(error)
        if isUnverifiedChain(error) {
            switch finding {
            case .expired(let notAfter):
                return DeliveryFailure(
                    .permanent,
                    reason: "\(subject) expired on \(day(notAfter)); the mail server needs a new certificate")
            case .notYetValid(let notBefore):
                return DeliveryFailure(
                    .permanent,
                    reason: "\(subject) is not valid before \(day(notBefore)); check this machine's clock and the "
                        + "server's certificate")
            case .untrusted, nil:
                let fix = transport.caFile == nil
                    ? "add its CA with ca_file" : "ca_file \(transport.caFile ?? "") does not hold its CA; name the right one"
                return DeliveryFailure(.permanent, reason: "\(subject) is not trusted (unknown CA); \(fix)")
            }
        }
        let detail = Self.reasonCode(text) ?? text
        return DeliveryFailure(
            .permanent,
            reason: "the TLS handshake with \(server) failed (\(detail)); check security (\"tls\" on port 465, "
                + "\"starttls\" on 587) and the mail server's TLS settings")
    }

    /// Whether the server's certificate chain did not verify (BoringSSL says no more: the second look of
    /// ``SMTPSession/inspectCertificate(transport:timeouts:ehlo:now:)`` tells why).
    static func isUnverifiedChain(_ error: any Error) -> Bool {
        String(describing: error).contains("CERTIFICATE_VERIFY_FAILED")
    }

    /// BoringSSL's reason (`WRONG_VERSION_NUMBER`) out of its error text
    /// (`error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at …`).
    static func reasonCode(_ text: String) -> String? {
        guard let range = text.range(of: "OPENSSL_internal:") else { return nil }
        let rest = text[range.upperBound...]
        let code = rest.prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
        return code.isEmpty ? nil : String(code)
    }

    static func words(_ error: any Error) -> String { HTTPDeliveryOutcome.shortened(String(describing: error)) }

    /// `2025-01-31` of seconds since 1970, in UTC.
    static func day(_ seconds: Int64) -> String { String(Instant(secondsSinceEpoch: seconds).description.prefix(10)) }
}
