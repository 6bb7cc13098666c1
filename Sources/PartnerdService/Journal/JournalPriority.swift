import Logging

/// The syslog severity carried in a journal entry's `PRIORITY` field (RFC 5424 §6.2.1).
package enum JournalPriority: Int, Sendable, CaseIterable, Comparable {
    case emergency = 0
    case alert = 1
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    /// The severity that a swift-log level maps to.
    ///
    /// swift-log has no emergency or alert level; its `trace` has no syslog counterpart and becomes `debug`.
    package init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }

    /// The lowercase name used on standard error (`notice`, `warning` …).
    package var name: String {
        switch self {
        case .emergency: "emergency"
        case .alert: "alert"
        case .critical: "critical"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    package static func < (lhs: JournalPriority, rhs: JournalPriority) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
