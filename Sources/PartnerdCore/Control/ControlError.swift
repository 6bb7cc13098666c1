/// Why the daemon could not answer a request: sent instead of a result.
public struct ControlError: Sendable, Codable, Hashable, Error, CustomStringConvertible {
    /// A stable, machine-readable reason. New daemons may send codes this build does not know; they decode all the same.
    public struct Code: RawRepresentable, Sendable, Codable, Hashable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        /// The request was not a JSON object of the protocol's shape.
        public static let malformedRequest = Code(rawValue: "malformed-request")
        /// The request exceeded ``ControlProtocol/maximumRequestSize``.
        public static let requestTooLarge = Code(rawValue: "request-too-large")
        /// The client connected but did not finish a request in time.
        public static let timedOut = Code(rawValue: "timed-out")
        /// The request's `version` is not ``ControlProtocol/version``.
        public static let unsupportedVersion = Code(rawValue: "unsupported-version")
        /// The request named a command this daemon does not have.
        public static let unknownCommand = Code(rawValue: "unknown-command")
        /// `done` named an item the config in force does not have.
        public static let unknownItem = Code(rawValue: "unknown-item")
        /// The mark could not be written to the ledger: it does not count.
        public static let notRecorded = Code(rawValue: "not-recorded")

        public var description: String { rawValue }
    }

    public var code: Code
    /// What went wrong, for people.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
