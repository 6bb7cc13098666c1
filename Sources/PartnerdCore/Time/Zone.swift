import Synchronization
import Foundation

/// An IANA time zone reduced to its UTC offsets and the instants where they change.
///
/// The offsets are read once from the system's tz database (through Foundation) and then answered by
/// binary search, so Core converts between wall time and instants without touching the system again.
/// Wall times in a DST gap move forward by the gap; wall times that occur twice take the first
/// (SPEC.md, "When things happen").
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA identifier, such as `Europe/Berlin`.
    public let identifier: String
    /// Instants (seconds since the epoch) at which the offset changes, ascending.
    public let transitions: [Int64]
    /// `offsets[i]` is in force before `transitions[i]` and from `transitions[i - 1]` on; one more than transitions.
    public let offsets: [Int32]

    /// The range of years whose transitions are read; outside it the nearest known offset holds.
    public static let coveredYears = 1900...2100

    /// Loads a zone from the system's tz database; `nil` when the identifier is unknown.
    public init?(identifier: String) {
        if let cached = ZoneCache.shared.zone(identifier) {
            self = cached
            return
        }
        // IANA names are short and use letters, digits and "/_+-" only; anything else (a NUL byte, a megabyte of text)
        // is no zone, whatever Foundation makes of it.
        guard !identifier.isEmpty, identifier.utf8.count <= 64,
            identifier.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-")
            }),
            let timeZone = TimeZone(identifier: identifier),
            Zone.isKnownIdentifier(identifier, resolved: timeZone)
        else { return nil }
        self.init(timeZone: timeZone, identifier: identifier)
        ZoneCache.shared.store(self)
    }

    /// The zone with a fixed offset and no transitions (`UTC` when `seconds` is 0).
    public init(fixedIdentifier identifier: String, offsetSeconds seconds: Int32) {
        self.identifier = identifier
        transitions = []
        offsets = [seconds]
    }

    /// A zone a calendar defines itself (a `VTIMEZONE` no tz database zone matches): `offsets[0]` before the first
    /// transition, `offsets[i + 1]` from `transitions[i]` on, which must ascend.
    init(definedIdentifier identifier: String, transitions: [Int64], offsets: [Int32]) {
        self.identifier = identifier
        self.transitions = transitions
        self.offsets = offsets.count == transitions.count + 1 ? offsets : [offsets.first ?? 0]
            + Array(repeating: offsets.last ?? 0, count: transitions.count)
    }

    public static let utc = Zone(fixedIdentifier: "UTC", offsetSeconds: 0)

    /// The system's zone, as Foundation reports it.
    public static var system: Zone {
        Zone(identifier: TimeZone.current.identifier) ?? .utc
    }

    private init(timeZone: TimeZone, identifier: String) {
        self.identifier = identifier
        var start = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let end = Date(timeIntervalSince1970: 4_133_980_800)  // 2101-01-01
        var transitions: [Int64] = []
        var offsets: [Int32] = [Int32(timeZone.secondsFromGMT(for: start))]
        while let next = timeZone.nextDaylightSavingTimeTransition(after: start), next < end {
            let offset = Int32(timeZone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                transitions.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            start = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Foundation falls back to GMT for some unknown names; accept only names it really resolved.
    private static func isKnownIdentifier(_ identifier: String, resolved: TimeZone) -> Bool {
        if identifier == resolved.identifier { return true }
        return TimeZone.knownTimeZoneIdentifiers.contains(identifier)
            || ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(identifier)
    }

    /// The UTC offset in seconds in force at `instant`.
    public func offset(at instant: Instant) -> Int32 {
        let t = instant.secondsSinceEpoch
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return offsets[low]
    }

    /// The wall time in this zone at `instant`.
    public func localDateTime(at instant: Instant) -> LocalDateTime {
        LocalDateTime(wallSeconds: instant.secondsSinceEpoch + Int64(offset(at: instant)))
    }

    /// The instant of a wall time: a time in a gap moves forward by the gap's length, a time that
    /// exists twice takes the first of the two instants.
    public func instant(for local: LocalDateTime) -> Instant {
        let wall = local.wallSeconds
        let offsetBefore = Int64(offset(at: Instant(secondsSinceEpoch: wall - 86_400)))
        let offsetAfter = Int64(offset(at: Instant(secondsSinceEpoch: wall + 86_400)))
        let early = wall - offsetBefore
        let late = wall - offsetAfter
        let earlyValid = Int64(offset(at: Instant(secondsSinceEpoch: early))) == offsetBefore
        let lateValid = Int64(offset(at: Instant(secondsSinceEpoch: late))) == offsetAfter
        switch (earlyValid, lateValid) {
        case (true, true): return Instant(secondsSinceEpoch: min(early, late))
        case (true, false): return Instant(secondsSinceEpoch: early)
        case (false, true): return Instant(secondsSinceEpoch: late)
        case (false, false): return Instant(secondsSinceEpoch: early)
        }
    }

    /// The instant at which `date` begins in this zone (its first existing wall-clock second).
    public func startOfDay(_ date: LocalDate) -> Instant {
        instant(for: LocalDateTime(date: date, time: .midnight))
    }

    /// ISO 8601 local time with offset, `2022-11-26T10:00:00+01:00`, as `upcoming --json` and journald print it.
    public func isoString(_ instant: Instant) -> String {
        let offset = Int(offset(at: instant))
        let local = LocalDateTime(wallSeconds: instant.secondsSinceEpoch + Int64(offset))
        let magnitude = abs(offset)
        if Digits.fit(local.date.year, 4) && magnitude < 100 * 3600 {
            let seconds = magnitude % 60 != 0
            return String(unsafeUninitializedCapacity: seconds ? 28 : 25) { buffer in
                var at = Digits.write(local.date, separators: true, buffer, 0)
                at = Digits.write(local.time, separators: true, buffer, Digits.write("T", buffer, at))
                at = Digits.write(offset < 0 ? "-" : "+", buffer, at)
                at = Digits.write(":", buffer, Digits.write(magnitude / 3600, 2, buffer, at))
                at = Digits.write(magnitude / 60 % 60, 2, buffer, at)
                if seconds { at = Digits.write(magnitude % 60, 2, buffer, Digits.write(":", buffer, at)) }
                return at
            }
        }
        let sign = offset < 0 ? "-" : "+"
        var text = "\(local)\(sign)\(pad(magnitude / 3600, 2)):\(pad(magnitude / 60 % 60, 2))"
        if magnitude % 60 != 0 { text += ":\(pad(magnitude % 60, 2))" }
        return text
    }

    public var description: String { identifier }

    public static func == (lhs: Zone, rhs: Zone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

/// Zones are immutable once read, so one copy per identifier serves the whole process.
final class ZoneCache: Sendable {
    static let shared = ZoneCache()
    private let zones = Mutex<[String: Zone]>([:])

    func zone(_ identifier: String) -> Zone? {
        zones.withLock { $0[identifier] }
    }

    func store(_ zone: Zone) {
        zones.withLock { $0[zone.identifier] = zone }
    }
}

extension Zone {
    /// Every zone name the tz database knows, for "did you mean" suggestions.
    public static var knownIdentifiers: [String] { TimeZone.knownTimeZoneIdentifiers }
}
