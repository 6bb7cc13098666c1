import NIOCore
import NIOSSL
import PartnerdCore
import Testing

@testable import PartnerdService

/// The one classification of SMTP, TLS and socket failures: each a sentence with the address, each in its class.
/// (Against a real Postfix, with real certificates, in Tests/Integration/test_mail_postfix.py.)
@Suite("SMTP failures: one sentence and one class each")
struct SMTPFailureTests {
    static let server = ServerAddress(host: "mail.example.org", port: 587)
    static let transport = MailTransport(
        server: server, security: .starttls, username: "partnerd", password: nil, caFile: nil,
        from: MailAddress(name: nil, address: "partnerd@example.org"), to: ["buero@example.org"])

    func classified(_ failure: SMTPFailure, transport: MailTransport = Self.transport) -> DeliveryFailure {
        failure.classified(server: Self.server, transport: transport)
    }

    @Test("replies: 4xx transient, 5xx permanent, a refused login names the user and never the password")
    func replies() {
        let busy = classified(.reply(SMTPReply(code: 451, lines: ["4.3.0 try later"]), step: "MAIL FROM"))
        #expect(busy.kind == .transient && busy.reason == "mail.example.org:587 answered MAIL FROM with 451 4.3.0 try later")
        let refused = classified(.reply(SMTPReply(code: 550, lines: ["5.1.1 unknown"]), step: "RCPT TO:<x@example.org>"))
        #expect(refused.kind == .permanent)
        let login = classified(.reply(SMTPReply(code: 535, lines: ["5.7.8 Error: authentication failed"]), step: "AUTH PLAIN"))
        #expect(login.kind == .permanent)
        #expect(login.reason == "mail.example.org:587 refused the login of \"partnerd\" (535 5.7.8 Error: "
            + "authentication failed); check username and password_file")
    }

    @Test("connections: refused, timed out, unresolvable, each transient and with the address")
    func connections() {
        let refused = classified(.connect(IOError(errnoCode: Posix.Errno.connectionRefused, reason: "connect")))
        #expect(refused.kind == .transient)
        #expect(refused.reason == "mail.example.org:587 refused the connection (nothing listens there); check server, "
            + "or start the mail server")
        let timeout = classified(.connect(ChannelError.connectTimeout(.seconds(10))))
        #expect(timeout.kind == .transient && timeout.reason.hasPrefix("no connection to mail.example.org:587 within 10 s"))
        let closed = classified(.closed(step: "DATA"))
        #expect(closed.kind == .transient && closed.reason == "mail.example.org:587 closed the connection during DATA")
    }

    @Test("certificates: untrusted, expired, not yet valid and a name mismatch are permanent and say what to do")
    func certificates() {
        struct Verify: Error, CustomStringConvertible {
            var description: String { "handshakeFailed(sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED]))" }
        }
        let untrusted = classified(.tls(Verify(), certificate: .untrusted))
        #expect(untrusted.kind == .permanent)
        #expect(untrusted.reason == "the certificate of mail.example.org:587 is not trusted (unknown CA); add its CA with ca_file")
        var withCA = Self.transport
        withCA.caFile = "/etc/partnerd/ca.pem"
        #expect(classified(.tls(Verify(), certificate: .untrusted), transport: withCA).reason.hasSuffix(
            "ca_file /etc/partnerd/ca.pem does not hold its CA; name the right one"))
        let expired = classified(.tls(Verify(), certificate: .expired(notAfter: 1_609_459_200)))
        #expect(expired.kind == .permanent)
        #expect(expired.reason == "the certificate of mail.example.org:587 expired on 2021-01-01; the mail server needs a new certificate")
        let early = classified(.tls(Verify(), certificate: .notYetValid(notBefore: 1_893_456_000)))
        #expect(early.reason.hasPrefix("the certificate of mail.example.org:587 is not valid before 2030-01-01"))
        let mismatch = classified(.tls(NIOSSLExtraError.failedToValidateHostname, certificate: nil))
        #expect(mismatch.kind == .permanent && mismatch.reason.contains("is not made out to mail.example.org (name mismatch)"))
        let noTLS = classified(.noStartTLS)
        #expect(noTLS.kind == .permanent && noTLS.reason.contains("does not offer STARTTLS"))
    }

    @Test("a failed handshake names BoringSSL's reason and the settings to check")
    func handshake() {
        #expect(SMTPFailure.reasonCode("error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at x") == "WRONG_VERSION_NUMBER")
        #expect(SMTPFailure.reasonCode("no reason here") == nil)
    }

    @Test("EHLO: the configured name, else this host's fully qualified name, else an address literal")
    func ehlo() throws {
        let v4 = try SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        let v6 = try SocketAddress(ipAddress: "::1", port: 40_000)
        #expect(EHLOName(configured: "partnerd.example.org", hostName: "vm.example").name(localAddress: v4) == "partnerd.example.org")
        #expect(EHLOName(configured: nil, hostName: "vm.example").name(localAddress: v4) == "vm.example")
        #expect(EHLOName(configured: nil, hostName: nil).name(localAddress: v4) == "[127.0.0.1]")
        #expect(EHLOName(configured: nil, hostName: nil).name(localAddress: v6) == "[IPv6:::1]")
    }

    @Test("the ehlo key takes a domain or an address literal", arguments: [
        ("partnerd.example.org", true), ("vm", true), ("[192.0.2.1]", true), ("[IPv6:2001:db8::1]", true),
        ("", false), ("-bad.example", false), ("two words", false), ("[300.1.1.1]", false), ("exa_mple.org", false),
    ])
    func ehloNames(name: String, valid: Bool) {
        #expect(MailTransport.isEHLOName(name) == valid)
    }
}
