import Crypto
import Foundation
import PartnerdCore

/// The key that signs the links of task reminders (HMAC-SHA256): `task-links.key` from systemd's credentials
/// (`LoadCredential=task-links.key:…`), else the same file in the state directory, made on first use (32 random
/// bytes, mode 0600). A new key makes every link sent so far a 404.
package struct TaskLinkKey: Sendable {
    /// The key's bytes; swift-crypto 3's `SymmetricKey` is not `Sendable`, so each signature makes one from them.
    let bytes: [UInt8]

    package init(bytes: [UInt8]) { self.bytes = bytes }

    package static let fileName = "task-links.key"

    package static func load(stateDirectory: String, credentialsDirectory: String?) throws -> TaskLinkKey {
        if let credentialsDirectory, !credentialsDirectory.isEmpty,
            let bytes = try Posix.readFile("\(credentialsDirectory)/\(fileName)", limit: 4096), bytes.count >= 32
        {
            return TaskLinkKey(bytes: bytes)
        }
        let path = "\(stateDirectory)/\(fileName)"
        if let bytes = try Posix.readFile(path, limit: 4096), bytes.count >= 32 { return TaskLinkKey(bytes: bytes) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try AtomicFile.write(bytes, to: path, mode: 0o600)
        return TaskLinkKey(bytes: bytes)
    }

    /// `<item and expiry, base64url>.<first 16 bytes of the HMAC, base64url>`: one item, until `expires`.
    package func token(for item: TaskItemID, expires: Instant) -> String {
        let payload = Array("\(item.rawValue)|\(expires.secondsSinceEpoch)".utf8)
        return Self.base64URL(payload) + "." + Self.base64URL(mac(payload))
    }

    /// The item a token was made for, when it is this key's, whole and not expired; `nil` for anything else.
    package func verify(_ token: String, now: Instant) -> TaskItemID? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 512, parts.count == 2, let payload = Self.fromBase64URL(parts[0]),
            let given = Self.fromBase64URL(parts[1]), given.count == 16
        else { return nil }
        let expected = mac(payload)
        var difference: UInt8 = 0
        for index in 0..<16 { difference |= expected[index] ^ given[index] }
        guard difference == 0 else { return nil }
        let text = String(decoding: payload, as: UTF8.self)
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 2, let expires = Int64(fields[1]), now.secondsSinceEpoch < expires,
            let item = TaskItemID(validating: String(fields[0]))
        else { return nil }
        return item
    }

    private func mac(_ payload: [UInt8]) -> [UInt8] {
        Array(HMAC<Crypto.SHA256>.authenticationCode(for: payload, using: SymmetricKey(data: bytes))).prefix(16).map { $0 }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func fromBase64URL(_ text: Substring) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        guard let bytes = Data(base64Encoded: base).map({ Array($0) }) else { return nil }
        // Only the one spelling: the unused bits of the last character must be zero, so a token has one form.
        return base64URL(bytes) == text ? bytes : nil
    }
}

/// Makes the links of a configuration's task reminders: `<feed.public_url or http://listen>/task/<token>`, only
/// when the feed server runs (`feed.listen`), since it serves the confirm page.
package struct TaskLinkMaker: Sendable {
    package let key: TaskLinkKey
    package let base: String

    package init?(key: TaskLinkKey?, configuration: Configuration) {
        guard let key, let listen = configuration.feed.listen else { return nil }
        self.key = key
        base = configuration.feed.publicURL ?? "http://\(listen)"
    }

    /// A link lasts until a month after the occurrence it prepares (or its due time, if that is later).
    package func link(for occurrence: Occurrence) -> String? {
        guard let task = occurrence.task else { return nil }
        let expires = max(occurrence.endInstant, task.due).adding(seconds: 30 * 86_400)
        return "\(base)/task/\(key.token(for: task.item, expires: expires))"
    }
}
