/// What became of one reload (SIGHUP or `partnerctl reload`): the new config is in force, or the old one stayed.
public struct ReloadOutcome: Sendable, Codable, Hashable {
    public enum Result: String, Sendable, Codable, Hashable {
        /// The new config was valid and is in force.
        case applied
        /// The new config was invalid; the previous one stays in force.
        case rejected
    }

    public var result: Result
    /// When the reload was decided, ISO 8601 with offset.
    public var at: String
    /// Every error of the rejected config, each as ``ConfigurationIssue/rendered``; empty when applied.
    public var errors: [String]
    /// The warnings of the config that was read, rendered the same way.
    public var warnings: [String]
    /// Partnerships in the config in force afterwards (the old one's when rejected).
    public var partnerships: Int
    /// Events in the config in force afterwards.
    public var events: Int

    public init(result: Result, at: String, errors: [String], warnings: [String], partnerships: Int, events: Int) {
        self.result = result
        self.at = at
        self.errors = errors
        self.warnings = warnings
        self.partnerships = partnerships
        self.events = events
    }

    /// The outcome of reading a config: applied when `issues` hold no error, else rejected with every error.
    ///
    /// - Parameters:
    ///   - issues: everything the loader found in the new config.
    ///   - inForce: the config that is in force after the decision (the new one when applied, the old one when not).
    public init(at: String, issues: [ConfigurationIssue], inForce: Configuration) {
        let errors = issues.filter { $0.severity == .error }
        self.init(
            result: errors.isEmpty ? .applied : .rejected, at: at, errors: errors.map(\.rendered),
            warnings: issues.filter { $0.severity == .warning }.map(\.rendered),
            partnerships: inForce.partnerships.count, events: inForce.eventCount)
    }
}
