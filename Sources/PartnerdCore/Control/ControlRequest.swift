import Foundation

/// What a client asks the daemon: one command per connection.
public struct ControlRequest: Sendable, Codable, Hashable {
    /// The commands of ``ControlProtocol/version`` 1.
    public enum Command: String, Sendable, Codable, Hashable, CaseIterable {
        /// Answered with a ``DaemonStatus``.
        case status
        /// Reloads the config as SIGHUP does and answers with the ``ReloadOutcome`` once it is decided.
        case reload
        /// Fetches every calendar with a `url` now, reloads when one changed, and answers with a ``DaemonStatus``.
        case fetch
        /// Marks the task item ``ControlRequest/item`` done (by ``ControlRequest/by``); answered with a ``TaskDoneOutcome``.
        case done
        /// Answered with every task item and its state (``TaskItemStatus``).
        case tasks
    }

    public var version: Int
    public var command: Command
    /// For `done`: the item (`partnership/task/YYYY-MM-DD`).
    public var item: String?
    /// For `done`: who marks it (the user partnerctl runs as).
    public var by: String?

    public init(_ command: Command, version: Int = ControlProtocol.version, item: String? = nil, by: String? = nil) {
        self.version = version
        self.command = command
        self.item = item
        self.by = by
    }

    /// The request as it goes over the socket, newline included.
    public func encodedLine() throws -> [UInt8] { try ControlProtocol.line(self) }

    /// Reads a request the way the daemon does: first the version, then the command.
    ///
    /// Never throws: whatever is wrong with `bytes` comes back as the ``ControlError`` to answer with.
    public static func decode(_ bytes: [UInt8]) -> Result<ControlRequest, ControlError> {
        let envelope: ControlProtocol.Envelope
        switch ControlProtocol.envelope(of: bytes) {
        case .success(let value): envelope = value
        case .failure(let error): return .failure(error)
        }
        guard let version = envelope.version else {
            return .failure(ControlError(.malformedRequest, "the request has no \"version\"; this daemon speaks version \(ControlProtocol.version)"))
        }
        guard version == ControlProtocol.version else {
            return .failure(
                ControlError(
                    .unsupportedVersion,
                    "the request is of control protocol version \(version), this daemon speaks version \(ControlProtocol.version); use the partnerctl that came with this partnerd"))
        }
        struct Named: Decodable {
            var command: String
            var item: String?
            var by: String?
        }
        let named: Named
        do {
            named = try JSONDecoder().decode(Named.self, from: Data(bytes))
        } catch {
            return .failure(ControlError(.malformedRequest, "the request has no \"command\" string: \(ControlProtocol.describe(error))"))
        }
        guard let command = Command(rawValue: named.command) else {
            let known = Command.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(ControlError(.unknownCommand, "no command \"\(named.command)\"; known: \(known)"))
        }
        if command == .done, named.item == nil {
            return .failure(ControlError(.malformedRequest, "the done request names no \"item\""))
        }
        return .success(ControlRequest(command, version: version, item: named.item, by: named.by))
    }
}
