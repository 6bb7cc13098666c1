import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PartnerdCore

/// What a receiver answered to a delivery it accepted, for the journal and `partnerctl test`.
package struct DeliveryReceipt: Sendable, Equatable {
    package var answer: String

    package init(answer: String) { self.answer = answer }
}

/// Delivers channel messages one way (mail, Matrix, webhook, exec). A sender never retries by itself: it reports
/// one outcome, and the scheduler decides about retries.
package protocol ChannelSender: Sendable {
    func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt
}

/// How long a delivery may take: connecting, and the whole of it (SPEC "Channels"; issue: 10 s and 30 s).
package struct DeliveryTimeouts: Sendable {
    package var connect: TimeAmount = .seconds(10)
    package var whole: TimeAmount = .seconds(30)

    package init() {}
}

/// The JSON forms of a message (webhook `json`, exec's standard input).
package enum ChannelPayload {
    /// The object of SPEC "Channels" for a reminder; a digest carries its reminders in `reminders`, a test has
    /// `test: true`.
    package static func object(_ message: ChannelMessage) -> [String: Any] {
        switch message.kind {
        case .reminder:
            var object = item(message.items[0])
            object["language"] = message.language.rawValue
            return object
        case .digest:
            return [
                "delivery_id": message.deliveryID, "digest": true, "language": message.language.rawValue,
                "message": message.text, "reminders": message.items.map(item),
            ]
        case .test:
            return [
                "delivery_id": message.deliveryID, "test": true, "language": message.language.rawValue,
                "message": message.text,
            ]
        }
    }

    static func item(_ item: ChannelMessage.Item) -> [String: Any] {
        var fields: [String: Any] = [
            "delivery_id": item.deliveryID, "partnership": item.partnership, "event": item.event, "kind": item.kind,
            "uid": item.uid, "title": item.title, "occurrence": item.occurrence, "lead": item.lead, "due": item.due,
            "anniversary": item.anniversary.map { $0 as Any } ?? NSNull(), "late": item.late, "message": item.message,
        ]
        if let movedFrom = item.movedFrom, let movedReason = item.movedReason {
            fields["moved_from"] = movedFrom
            fields["moved_reason"] = movedReason
        }
        if let task = item.task, let due = item.taskDue {
            fields["task"] = task
            fields["task_due"] = due
            if let link = item.taskLink { fields["task_link"] = link }
        }
        return fields
    }

    package static func json(_ object: [String: Any]) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }
}

/// Turns HTTP answers and client errors into outcomes, the same for webhooks and Matrix.
package enum HTTPDeliveryOutcome {
    /// 2xx delivered; 408, 429 and 5xx transient (with `Retry-After`); anything else permanent.
    package static func classify(
        status: HTTPResponseStatus, headers: HTTPHeaders, body: String, retryAfterFromBody: Int64? = nil
    ) -> Result<DeliveryReceipt, DeliveryFailure> {
        let snippet = shortened(body)
        let said = "HTTP \(status.code) \(status.reasonPhrase)" + (snippet.isEmpty ? "" : ": \(snippet)")
        switch status.code {
        case 200..<300:
            return .success(DeliveryReceipt(answer: said))
        case 408, 429, 500..<600:
            let retryAfter = headers.first(name: "Retry-After").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            return .failure(DeliveryFailure(.transient, reason: said, retryAfter: retryAfter ?? retryAfterFromBody))
        case 300..<400:
            return .failure(
                DeliveryFailure(.permanent, reason: "\(said) (redirects are not followed: configure the final URL)"))
        default:
            return .failure(DeliveryFailure(.permanent, reason: said))
        }
    }

    /// A client error (refused, timed out, TLS) as a transient failure, with a reason that names no secret.
    package static func failure(_ error: any Error, url: String, timeouts: DeliveryTimeouts) -> DeliveryFailure {
        if let client = error as? HTTPClientError {
            if client == .connectTimeout {
                return DeliveryFailure(
                    .transient, reason: "\(url): no connection within \(timeouts.connect.nanoseconds / 1_000_000_000) s")
            }
            if client == .deadlineExceeded || client == .readTimeout {
                return DeliveryFailure(
                    .transient, reason: "\(url) did not answer within \(timeouts.whole.nanoseconds / 1_000_000_000) s")
            }
        }
        return DeliveryFailure(.transient, reason: "\(url): \(error)")
    }

    /// At most 300 characters of a body, on one line.
    package static func shortened(_ text: String) -> String {
        let line = ControlCharacters.escaped(text.trimmingCharacters(in: .whitespacesAndNewlines))
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
