import Foundation
import PartnerdCore

/// What the state directory keeps of a fetched calendar besides its bytes: the validators for the next conditional
/// request and the outcome of the last attempts, which `status`, `check` and the metrics show. Times are seconds
/// since the epoch.
package struct CalendarCopyRecord: Codable, Sendable, Hashable {
    package var url: String
    package var etag: String?
    package var lastModified: String?
    /// When the source last confirmed the copy in use (a 200 that was kept, or a 304).
    package var confirmedAt: Int64?
    /// When the copy's bytes were last written.
    package var changedAt: Int64?
    /// When the source was last asked.
    package var attemptedAt: Int64?
    /// The last attempt's outcome in words: `200: 12 events`, `304: not modified`, or the error.
    package var lastResult: String?
    /// The last failure, kept after a success only until the next one.
    package var lastError: String?
    package var lastErrorAt: Int64?
    /// Attempts failed in a row since the last success.
    package var failures: Int = 0
    /// Events in the copy (series and overridden instances).
    package var events: Int?

    package init(url: String) { self.url = url }

    enum CodingKeys: String, CodingKey {
        case url, etag, failures, events
        case lastModified = "last_modified", confirmedAt = "confirmed_at", changedAt = "changed_at"
        case attemptedAt = "attempted_at", lastResult = "last_result", lastError = "last_error"
        case lastErrorAt = "last_error_at"
    }
}

/// The last good copies of fetched calendars, below the state directory: `calendars/<partnership>/<id>-<digest>.ics`
/// and its record beside it (`.json`). Each file is written atomically, the bytes before the record, so a crash
/// leaves a copy and validators that at worst ask the source for the whole calendar again.
package struct CalendarCopyStore: CalendarCopies {
    /// `--state-directory`, when given; otherwise each config's `daemon.state_directory`, then the environment.
    package let flag: String?
    package let environment: [String: String]
    /// Directories tried after the resolved one, for `partnerctl` run by hand next to a daemon under systemd.
    package let fallbacks: [String]

    package init(flag: String?, environment: [String: String], fallbacks: [String] = []) {
        self.flag = flag
        self.environment = environment
        self.fallbacks = fallbacks
    }

    /// The state directory for a config with `daemon.state_directory = configured`.
    package func stateDirectory(configured: String?) -> String {
        StateDirectory.resolve(flag: flag, configured: configured, environment: environment)
    }

    package func copy(of source: CalendarSource, configuredStateDirectory: String?)
        -> Result<[UInt8], ConfigurationFileError>?
    {
        for directory in [stateDirectory(configured: configuredStateDirectory)] + fallbacks {
            do {
                if let bytes = try Posix.readFile("\(directory)/\(source.copyPath)", limit: CalendarSource.maximumBytes) {
                    return .success(bytes)
                }
            } catch {
                return .failure(ConfigurationFileError(reason: "\(directory)/\(source.copyPath): \(error.reason)"))
            }
        }
        return nil
    }

    /// The record of `source`'s copy in `directory`, `nil` when it was never fetched (or cannot be read).
    package static func record(of source: CalendarSource, in directory: String) -> CalendarCopyRecord? {
        guard let bytes = try? Posix.readFile(recordPath(source, in: directory), limit: 1 << 20) else { return nil }
        guard let record = try? JSONDecoder().decode(CalendarCopyRecord.self, from: Data(bytes)), record.url == source.url
        else { return nil }
        return record
    }

    /// The record of `source` in the first directory that has one.
    package func record(of source: CalendarSource, configuredStateDirectory: String?) -> CalendarCopyRecord? {
        for directory in [stateDirectory(configured: configuredStateDirectory)] + fallbacks {
            if let record = Self.record(of: source, in: directory) { return record }
        }
        return nil
    }

    /// Writes a new copy (when `bytes` is given) and then its record.
    package static func save(
        _ bytes: [UInt8]?, record: CalendarCopyRecord, of source: CalendarSource, in directory: String
    ) throws(AtomicFile.WriteError) {
        let path = "\(directory)/\(source.copyPath)"
        do {
            try Posix.makeDirectories(path.directoryPart, mode: 0o700)
        } catch {
            throw AtomicFile.WriteError(path: path.directoryPart, reason: "\(error)")
        }
        if let bytes { try AtomicFile.write(bytes, to: path) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json: [UInt8] = (try? encoder.encode(record)).map { [UInt8]($0) + [0x0A] } ?? []
        try AtomicFile.write(json, to: recordPath(source, in: directory))
    }

    static func recordPath(_ source: CalendarSource, in directory: String) -> String {
        let copy = "\(directory)/\(source.copyPath)"
        return String(copy.dropLast(".ics".count)) + ".json"
    }
}
