import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PartnerdCore

/// `type = "webhook"`: one POST per message, in the channel's format, with the delivery id as `Idempotency-Key`.
package struct WebhookSender: ChannelSender {
    package let transport: WebhookTransport
    package let client: HTTPClient
    package var timeouts = DeliveryTimeouts()

    package init(transport: WebhookTransport, client: HTTPClient) {
        self.transport = transport
        self.client = client
    }

    package func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt {
        var request = HTTPClientRequest(url: transport.url)
        request.method = .POST
        for field in transport.headers { request.headers.add(name: field.name, value: field.value) }
        request.headers.replaceOrAdd(name: "User-Agent", value: "partnerd/\(PartnerdVersion.current)")
        request.headers.replaceOrAdd(name: "Idempotency-Key", value: message.deliveryID)
        if let token = transport.token { request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token.value)") }
        let body: [UInt8]
        switch transport.format {
        case .json:
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            body = ChannelPayload.json(ChannelPayload.object(message))
        case .slack:
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            body = ChannelPayload.json(["text": message.text])
        case .ntfy:
            request.headers.replaceOrAdd(name: "Content-Type", value: "text/plain; charset=utf-8")
            // ntfy reads header values as Latin-1 unless they are RFC 2047 encoded words.
            request.headers.replaceOrAdd(name: "Title", value: MailComposer.encodedWords(message.subject).replacingOccurrences(of: "\r\n ", with: " "))
            request.headers.replaceOrAdd(name: "Tags", value: Self.tags(message))
            request.headers.replaceOrAdd(name: "Priority", value: Self.priority(message))
            if let actions = Self.actions(message) { request.headers.replaceOrAdd(name: "Actions", value: actions) }
            body = Array(message.text.utf8)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await HTTPDelivery.execute(request, client: client, url: transport.url, timeouts: timeouts)
    }

    /// ntfy's action buttons (https://docs.ntfy.sh/publish/#http-action): for a task's reminder one that `POST`s to
    /// the item's link, as the confirm page's button does, and opens nothing; up to ntfy's three per message.
    static func actions(_ message: ChannelMessage) -> String? {
        let links = message.items.compactMap(\.taskLink).prefix(3)
        guard !links.isEmpty else { return nil }
        let label: String
        switch message.language {
        case .de: label = "Erledigt"
        case .en: label = "Done"
        case .fr: label = "Fait"
        case .nl: label = "Gedaan"
        }
        return links.map { "http, \(label), \($0), method=POST, clear=true" }.joined(separator: "; ")
    }

    /// ntfy's tags: the kind (shown as emoji where ntfy knows the word), `late` when caught up.
    static func tags(_ message: ChannelMessage) -> String {
        var tags = Set<String>()
        for item in message.items {
            tags.insert(item.kind == "jubilee" ? "tada" : item.kind == "anniversary" ? "calendar" : "date")
            if item.late { tags.insert("hourglass") }
        }
        if message.kind == .test { tags.insert("white_check_mark") }
        return tags.sorted().joined(separator: ",")
    }

    /// ntfy's priority: 4 (high) for jubilees and digests, 3 (default) else.
    static func priority(_ message: ChannelMessage) -> String {
        message.kind == .digest || message.items.contains { $0.kind == "jubilee" } ? "4" : "3"
    }
}

/// One HTTP request with the delivery timeouts, its answer classified.
enum HTTPDelivery {
    static func execute(
        _ request: HTTPClientRequest, client: HTTPClient, url: String, timeouts: DeliveryTimeouts,
        retryAfterFromBody: (String) -> Int64? = { _ in nil }
    ) async throws(DeliveryFailure) -> DeliveryReceipt {
        let outcome: Result<DeliveryReceipt, DeliveryFailure>
        do {
            let response = try await client.execute(request, timeout: timeouts.whole)
            let body = try await response.body.collect(upTo: 64 << 10)
            let text = String(buffer: body)
            outcome = HTTPDeliveryOutcome.classify(
                status: response.status, headers: response.headers, body: text, retryAfterFromBody: retryAfterFromBody(text))
        } catch {
            throw HTTPDeliveryOutcome.failure(error, url: url, timeouts: timeouts)
        }
        return try outcome.get()
    }
}
