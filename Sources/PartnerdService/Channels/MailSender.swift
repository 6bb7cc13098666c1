import PartnerdCore

/// `type = "mail"`: each message as an Internet message to the channel's recipients through the submission server,
/// in a session of the server's pool (shared with other channels that reach the same server the same way).
package struct MailSender: ChannelSender {
    package let transport: MailTransport
    package let zone: Zone
    let pool: SMTPSessionPool
    package var clock: any WallClock = SystemClock()

    package init(transport: MailTransport, zone: Zone, timeouts: DeliveryTimeouts = DeliveryTimeouts()) {
        self.init(transport: transport, zone: zone, pool: SMTPSessionPool(timeouts: timeouts))
    }

    init(transport: MailTransport, zone: Zone, pool: SMTPSessionPool) {
        self.transport = transport
        self.zone = zone
        self.pool = pool
    }

    package func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt {
        let now = clock.now
        let text = MailComposer.compose(message, from: transport.from, to: transport.to, date: now, zone: zone)
        do {
            let reply = try await pool.send(
                message: text, from: transport.from.address, recipients: transport.to, transport: transport, now: now)
            return DeliveryReceipt(
                answer: "\(transport.server) accepted the message: \(HTTPDeliveryOutcome.shortened(reply.description))")
        } catch {
            throw error.classified(server: transport.server, transport: transport)
        }
    }
}
