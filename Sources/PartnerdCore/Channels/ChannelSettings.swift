/// One `[[channel]]`: where reminders reach people besides the journal, and in whose language, zone and hours.
public struct ChannelSettings: Sendable, Hashable {
    /// How the channel delivers, with what that way needs.
    public enum Transport: Sendable, Hashable {
        case mail(MailTransport)
        case matrix(MatrixTransport)
        case webhook(WebhookTransport)
        case exec(ExecTransport)
    }

    public var id: ChannelID
    public var transport: Transport
    /// The recipients' language (`language`, default `daemon.language`).
    public var language: Language
    /// The recipients' zone (`timezone`, default `daemon.timezone`): all-day reminders fire at ``notifyAt`` there.
    public var zone: Zone
    public var notifyAt: LocalTime
    /// `workdays` and `holidays`: the recipients' working days; the daemon's (with its closures) unless set.
    public var workingDays = WorkingCalendar()
    /// How long a failing delivery is retried before it counts as failed (`retry_for`).
    public var retryFor: Span

    public init(
        id: ChannelID, transport: Transport, language: Language, zone: Zone, notifyAt: LocalTime, retryFor: Span
    ) {
        self.id = id
        self.transport = transport
        self.language = language
        self.zone = zone
        self.notifyAt = notifyAt
        self.retryFor = retryFor
    }

    /// `mail`, `matrix`, `webhook` or `exec`.
    public var type: String {
        switch transport {
        case .mail: "mail"
        case .matrix: "matrix"
        case .webhook: "webhook"
        case .exec: "exec"
        }
    }

    /// Where the channel delivers, for `status`: host, room or URL, never a secret.
    public var target: String {
        switch transport {
        case .mail(let mail): "\(mail.to.joined(separator: ", ")) via \(mail.server)"
        case .matrix(let matrix): "\(matrix.room) on \(matrix.homeserver)"
        case .webhook(let hook): "\(hook.url) (\(hook.format.rawValue))"
        case .exec(let exec): exec.command.first ?? ""
        }
    }

    /// How long `retry_for` lasts in seconds, counted from the first failed try.
    public var retryForSeconds: Int64 {
        Int64(Double(retryFor.months) * 30.436875 * 86_400) + Int64(retryFor.days) * 86_400 + retryFor.seconds
    }
}

/// A password or token read from a file: compared and used, never printed.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "‹secret›" }
    public var debugDescription: String { "‹secret›" }
}

/// A host and a port, as `server = "mail.example.org:587"` names them.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Whether the host is this machine: the only place a mail server may be reached without TLS.
    public var isLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered.hasSuffix(".localhost") || lowered == "::1"
            || (lowered.hasPrefix("127.") && lowered.split(separator: ".").count == 4
                && lowered.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }
}

/// `type = "mail"`: SMTP submission (RFC 6409).
public struct MailTransport: Sendable, Hashable {
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain connection upgraded with STARTTLS before anything else is said (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No TLS at all: only to a server on this machine.
        case none
    }

    public var server: ServerAddress
    public var security: Security
    public var username: String?
    public var password: Secret?
    /// A PEM bundle trusted in addition to the system's.
    public var caFile: String?
    public var from: MailAddress
    public var to: [String]
    /// The name to give in EHLO, where a server wants a given one; nil: this host's fully qualified name, or an
    /// address literal when it has none (RFC 5321 §4.1.1.1).
    public var ehlo: String?

    public init(
        server: ServerAddress, security: Security, username: String?, password: Secret?, caFile: String?,
        from: MailAddress, to: [String], ehlo: String? = nil
    ) {
        self.ehlo = ehlo
        self.server = server
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.from = from
        self.to = to
    }
}

extension MailTransport {
    /// Whether `text` may follow EHLO (RFC 5321 §4.1.2 `Domain` or `address-literal`): labels of letters, digits
    /// and hyphens joined by dots, at most 255 characters; or `[192.0.2.1]`, `[IPv6:2001:db8::1]`.
    public static func isEHLOName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") {
            let inner = String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
            if inner.lowercased().hasPrefix("ipv6:") {
                let address = inner.dropFirst(5)
                return !address.isEmpty && address.contains(":")
                    && address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
            }
            let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { $0.count <= 3 && UInt8($0) != nil }
        }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            let scalars = label.unicodeScalars
            guard (1...63).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
            return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }
}

/// A mailbox as `from` names it: `Städtepartnerschaften <partnerd@example.org>` or a bare address.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// Reads `Name <local@domain>` or `local@domain`; `nil` when it is neither.
    public init?(parsing text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmingASCIIWhitespace()
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            guard Self.isAddress(address), !name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" })
            else { return nil }
            self.init(name: name.isEmpty ? nil : name, address: address)
        } else {
            guard Self.isAddress(trimmed) else { return nil }
            self.init(name: nil, address: trimmed)
        }
    }

    /// `local@domain` with nothing an SMTP command or a header could trip over (no spaces, brackets, controls).
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.utf8.count <= 254 else { return false }
        let forbidden: Set<Character> = [" ", "\t", "\r", "\n", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !text.contains(where: { forbidden.contains($0) || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
        else { return false }
        let domain = parts[1]
        return !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }
}

/// `type = "matrix"`: the Matrix client-server API.
public struct MatrixTransport: Sendable, Hashable {
    /// `https://matrix.example.org`, without a trailing slash.
    public var homeserver: String
    /// A room ID (`!AbCdEf:example.org`).
    public var room: String
    public var token: Secret

    public init(homeserver: String, room: String, token: Secret) {
        self.homeserver = homeserver
        self.room = room
        self.token = token
    }
}

/// `type = "webhook"`: an HTTP POST per reminder.
public struct WebhookTransport: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// One JSON object with every field of the reminder.
        case json
        /// `{"text": …}`: Slack, Mattermost, Rocket.Chat.
        case slack
        /// The message as the body, title, tags and priority as ntfy's headers.
        case ntfy
    }

    public var url: String
    public var format: Format
    /// Sent as `Authorization: Bearer <token>`.
    public var token: Secret?
    /// Further headers, sorted by name.
    public var headers: [HeaderField]

    public init(url: String, format: Format, token: Secret?, headers: [HeaderField]) {
        self.url = url
        self.format = format
        self.token = token
        self.headers = headers
    }

    public struct HeaderField: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// `type = "exec"`: a program run per reminder, without a shell.
public struct ExecTransport: Sendable, Hashable {
    /// The argv: an absolute path, then its arguments.
    public var command: [String]
    /// How long the program may run, in seconds.
    public var timeout: Int64

    public init(command: [String], timeout: Int64) {
        self.command = command
        self.timeout = timeout
    }
}

/// One `[[route]]`: the reminders it matches go to its channels.
public struct ChannelRoute: Sendable, Hashable {
    /// `nil`: every partnership.
    public var partnerships: Set<PartnershipID>?
    /// `nil`: every kind.
    public var kinds: Set<Occurrence.Kind>?
    public var channels: [ChannelID]

    public init(partnerships: Set<PartnershipID>?, kinds: Set<Occurrence.Kind>?, channels: [ChannelID]) {
        self.partnerships = partnerships
        self.kinds = kinds
        self.channels = channels
    }

    public func matches(_ occurrence: Occurrence) -> Bool {
        (partnerships?.contains(occurrence.partnership) ?? true) && (kinds?.contains(occurrence.kind) ?? true)
    }
}
