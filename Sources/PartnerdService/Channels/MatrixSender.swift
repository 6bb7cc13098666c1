import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PartnerdCore

/// `type = "matrix"`: an `m.room.message` sent with `PUT …/send/m.room.message/{txnId}`, the delivery id as the
/// transaction id, so that the homeserver itself drops a repeat after a crash (Matrix client-server API,
/// "Transaction identifiers").
package struct MatrixSender: ChannelSender {
    package let transport: MatrixTransport
    package let client: HTTPClient
    package var timeouts = DeliveryTimeouts()

    package init(transport: MatrixTransport, client: HTTPClient) {
        self.transport = transport
        self.client = client
    }

    package func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt {
        let room = transport.room.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? transport.room
        let url = "\(transport.homeserver)/_matrix/client/v3/rooms/\(room)/send/m.room.message/\(message.deliveryID)"
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        request.headers.add(name: "Authorization", value: "Bearer \(transport.token.value)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "partnerd/\(PartnerdVersion.current)")
        let content: [String: Any] = [
            "msgtype": "m.text", "body": message.text, "format": "org.matrix.custom.html",
            "formatted_body": Self.html(message),
        ]
        request.body = .bytes(ByteBuffer(bytes: ChannelPayload.json(content)))
        var receipt = try await HTTPDelivery.execute(
            request, client: client, url: "\(transport.homeserver) (room \(transport.room))", timeouts: timeouts,
            retryAfterFromBody: Self.retryAfter)
        if let range = receipt.answer.range(of: "\"event_id\":\"") {
            let rest = receipt.answer[range.upperBound...]
            receipt.answer = "event \(rest.prefix { $0 != "\"" }) in \(transport.room)"
        }
        return receipt
    }

    /// The message as HTML: a digest as a list.
    static func html(_ message: ChannelMessage) -> String {
        guard message.kind == .digest else { return escaped(message.text) }
        let items = message.items.map { "<li>\(escaped($0.message))</li>" }.joined()
        return "<p><strong>\(escaped(message.subject))</strong></p><ul>\(items)</ul>"
    }

    static func escaped(_ text: String) -> String { HTMLText.escaped(text, lineBreaks: true) }

    /// `retry_after_ms` of an `M_LIMIT_EXCEEDED` answer, in whole seconds.
    static func retryAfter(_ body: String) -> Int64? {
        guard let data = body.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let milliseconds = object["retry_after_ms"] as? Int
        else { return nil }
        return Int64((milliseconds + 999) / 1000)
    }
}
