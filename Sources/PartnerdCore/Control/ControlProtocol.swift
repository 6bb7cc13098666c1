import Foundation

/// The conversation between `partnerctl` and `partnerd` over the control socket.
///
/// A client connects, writes one request as one JSON object followed by a newline (or ends its side of the
/// connection with `shutdown(SHUT_WR)` instead of the newline), and reads one response, one JSON object followed
/// by a newline, after which the daemon closes the connection. Every document carries ``version``; a daemon
/// answers a request of another version with an `unsupported-version` error instead of guessing.
///
/// ```
/// → {"command":"status","version":1}
/// ← {"status":{…},"version":1}
/// ```
public enum ControlProtocol {
    /// The version of the documents this build writes and the only one it reads.
    public static let version = 1

    /// The most bytes a request may take, newline excluded; a longer one is answered with `request-too-large`.
    public static let maximumRequestSize = 64 * 1024

    /// Encodes a document in the wire form: compact, keys sorted, one line (JSON escapes every newline in strings).
    static func line(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    /// The first part of every document, read before the rest so that a version mismatch is reported as such.
    struct Envelope: Decodable {
        var version: Int?
    }

    /// Decodes the envelope of `bytes`, or says why they are not a JSON object.
    static func envelope(of bytes: [UInt8]) -> Result<Envelope, ControlError> {
        guard bytes.contains(where: { !$0.isJSONWhitespace }) else {
            return .failure(ControlError(.malformedRequest, "empty request; send one JSON object such as {\"version\":1,\"command\":\"status\"}"))
        }
        do {
            return .success(try JSONDecoder().decode(Envelope.self, from: Data(bytes)))
        } catch {
            return .failure(ControlError(.malformedRequest, "not a JSON object: \(describe(error))"))
        }
    }

    /// A short, single-line account of a decoding error.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON\(path(context))"
        case .keyNotFound(let key, let context): return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription.trimmingCharacters(in: .punctuationCharacters))\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

extension UInt8 {
    fileprivate var isJSONWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
