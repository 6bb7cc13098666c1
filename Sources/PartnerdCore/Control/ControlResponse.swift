import Foundation

/// What the daemon answers: the result of the command, or why there is none.
///
/// On the wire an object with `version` and exactly one of `status`, `reload` or `error`.
public enum ControlResponse: Sendable, Hashable {
    case status(DaemonStatus)
    case reload(ReloadOutcome)
    case done(TaskDoneOutcome)
    case tasks([TaskItemStatus])
    case error(ControlError)

    /// The response as it goes over the socket, newline included.
    public func encodedLine() throws -> [UInt8] { try ControlProtocol.line(self) }

    /// Why a response could not be read.
    public enum DecodingFailure: Error, Hashable, CustomStringConvertible {
        /// The daemon speaks another version of the protocol.
        case versionMismatch(daemon: Int?)
        /// The bytes are not a response of this version.
        case malformed(String)

        public var description: String {
            switch self {
            case .versionMismatch(let daemon):
                let theirs = daemon.map { "version \($0)" } ?? "no version"
                return "the daemon answered in control protocol \(theirs), this partnerctl speaks version \(ControlProtocol.version); "
                    + "use the partnerctl that came with the running partnerd"
            case .malformed(let reason):
                return "the daemon's answer is not a control protocol response: \(reason)"
            }
        }
    }

    /// Reads a response the way the client does: first the version, then the result.
    public static func decode(_ bytes: [UInt8]) -> Result<ControlResponse, DecodingFailure> {
        let envelope: ControlProtocol.Envelope
        switch ControlProtocol.envelope(of: bytes) {
        case .success(let value): envelope = value
        case .failure(let error): return .failure(.malformed(error.message))
        }
        guard envelope.version == ControlProtocol.version else {
            return .failure(.versionMismatch(daemon: envelope.version))
        }
        do {
            return .success(try JSONDecoder().decode(ControlResponse.self, from: Data(bytes)))
        } catch {
            return .failure(.malformed(ControlProtocol.describe(error)))
        }
    }
}

extension ControlResponse: Codable {
    enum CodingKeys: String, CodingKey {
        case version, status, reload, done, tasks, error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = [CodingKeys.status, .reload, .done, .tasks, .error].filter(container.contains)
        guard present.count == 1 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "expected exactly one of \"status\", \"reload\", \"done\", \"tasks\" or \"error\""))
        }
        switch present[0] {
        case .status: self = .status(try container.decode(DaemonStatus.self, forKey: .status))
        case .reload: self = .reload(try container.decode(ReloadOutcome.self, forKey: .reload))
        case .done: self = .done(try container.decode(TaskDoneOutcome.self, forKey: .done))
        case .tasks: self = .tasks(try container.decode([TaskItemStatus].self, forKey: .tasks))
        default: self = .error(try container.decode(ControlError.self, forKey: .error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ControlProtocol.version, forKey: .version)
        switch self {
        case .status(let status): try container.encode(status, forKey: .status)
        case .reload(let outcome): try container.encode(outcome, forKey: .reload)
        case .done(let outcome): try container.encode(outcome, forKey: .done)
        case .tasks(let items): try container.encode(items, forKey: .tasks)
        case .error(let error): try container.encode(error, forKey: .error)
        }
    }
}
