import Foundation

/// A `[[partnership.calendar]]` with a `url`: a calendar the daemon fetches and keeps a last good copy of.
///
/// The config reader reads the copy (through ``CalendarCopies``); the daemon's fetcher makes it. The copy's name
/// holds a digest of the URL, so a calendar whose `url` changes starts afresh instead of showing another source's
/// events.
public struct CalendarSource: Sendable, Hashable {
    public var partnership: PartnershipID
    public var id: CalendarID
    public var url: String
    /// `refresh`: how often the source is asked (with `If-None-Match` and `If-Modified-Since`).
    public var refresh: Int64
    /// `timeout`: the most one fetch may take, redirects and body included.
    public var timeout: Int64
    /// The partnership's zone, for the floating times of a fetched calendar that is checked before it is kept.
    public var zone: Zone

    public init(partnership: PartnershipID, id: CalendarID, url: String, refresh: Int64, timeout: Int64, zone: Zone) {
        self.partnership = partnership
        self.id = id
        self.url = url
        self.refresh = refresh
        self.timeout = timeout
        self.zone = zone
    }

    /// `partnership/calendar`, as status, metrics and messages name it.
    public var name: String { "\(partnership)/\(id)" }

    /// The copy's path below the state directory: `calendars/<partnership>/<calendar>-<digest of the URL>.ics`.
    public var copyPath: String { "calendars/\(partnership)/\(id)-\(ConfigurationReader.digest(url)).ics" }

    /// The default `refresh`.
    public static let defaultRefresh: Int64 = 6 * 3600
    /// The default `timeout`.
    public static let defaultTimeout: Int64 = 60
    /// The largest body a fetch accepts.
    public static let maximumBytes = 16 << 20
}

/// Where the config reader finds the last good copies of fetched calendars. The daemon and `partnerctl` read them
/// from the state directory; tests pass an in-memory one. Core does no IO of its own.
public protocol CalendarCopies: Sendable {
    /// The bytes of `source`'s last good copy; `nil` when there is none yet (never fetched, or the URL changed).
    /// - Parameter configuredStateDirectory: `daemon.state_directory` of the config being read, if set.
    func copy(of source: CalendarSource, configuredStateDirectory: String?) -> Result<[UInt8], ConfigurationFileError>?
}

/// What a calendar URL is, as far as fetching cares.
public struct CalendarURL: Sendable, Hashable {
    public enum Scheme: String, Sendable { case http, https }
    public var scheme: Scheme
    public var host: String
    public var port: Int?

    /// The URL's scheme and host, or why it cannot be fetched.
    public static func parse(_ text: String) -> Result<CalendarURL, ConfigurationFileError> {
        guard let components = URLComponents(string: text), let schemeText = components.scheme?.lowercased() else {
            return .failure(ConfigurationFileError(reason: "\"\(text)\" is not a URL"))
        }
        guard let scheme = Scheme(rawValue: schemeText) else {
            return .failure(ConfigurationFileError(reason: "\(schemeText): URLs cannot be fetched; only https (and http to this host)"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(ConfigurationFileError(reason: "\"\(text)\" names no host"))
        }
        return .success(CalendarURL(scheme: scheme, host: host.lowercased(), port: components.port))
    }

    /// `localhost`, `127.0.0.0/8` or `::1`: the only hosts plain http is used for.
    public var isLoopback: Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether partnerd fetches from it: https anywhere, http only from loopback.
    public var isFetchable: Bool { scheme == .https || isLoopback }
}
