import Foundation
import PartnerdCore

/// `type = "mail"`: each message as an Internet message to the channel's recipients through the submission server.
package struct MailSender: ChannelSender {
    package let transport: MailTransport
    package let zone: Zone
    package var timeouts = DeliveryTimeouts()
    package var clock: @Sendable () -> Instant = { Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    package init(transport: MailTransport, zone: Zone) {
        self.transport = transport
        self.zone = zone
    }

    package func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = MailComposer.compose(message, from: transport.from, to: transport.to, date: clock(), zone: zone)
        let client = SMTPClient(transport: transport, timeouts: timeouts, heloName: Self.heloName)
        do {
            let reply = try await client.send(message: text, from: transport.from.address, recipients: transport.to)
            return DeliveryReceipt(answer: "\(transport.server) accepted the message: \(HTTPDeliveryOutcome.shortened(reply.description))")
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure(.transient, reason: "mail to \(transport.server): \(error)")
        }
    }

    /// This host's name for EHLO (RFC 5321 §4.1.1.1 wants the FQDN; a bare name is what most hosts have).
    static let heloName: String = {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty || name.contains(where: { $0.isWhitespace }) ? "localhost" : name
    }()
}
