import Testing

@testable import PartnerdCore

@Suite("VTIMEZONE blocks shared between feeds")
struct TimeZoneBlockCacheTests {
    /// A small deterministic generator, so that a failure names a range that can be replayed.
    struct Numbers {
        var state: UInt64
        mutating func next(below bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(bound))
        }
    }

    @Test("a block taken from the cache is the block made for the exact range, for every zone kind and range")
    func sameBytes() throws {
        let zones = try [
            "Europe/Berlin", "America/Sao_Paulo", "Asia/Kathmandu", "Australia/Lord_Howe", "Africa/Casablanca",
            "Asia/Tokyo", "UTC", "Pacific/Apia", "America/St_Johns",
        ].map { try #require(Zone(identifier: $0), "\($0)") }
        var numbers = Numbers(state: 14)
        var blocks = FeedRenderer.TimeZoneBlocks()
        var compared = 0
        // 1900 to 2100: before the first transition, among irregular ones, in the yearly rule, beyond the data.
        let earliest: Int64 = -2_208_988_800
        let span: Int64 = 6_311_520_000
        for round in 0..<400 {
            let zone = zones[Int(numbers.next(below: Int64(zones.count)))]
            // Every other range lies around today, as feeds' ranges do, so that most of those come from the cache.
            let lower =
                round.isMultiple(of: 2)
                ? earliest + numbers.next(below: span) : 1_700_000_000 + numbers.next(below: 100_000_000)
            let upper = lower + numbers.next(below: (round.isMultiple(of: 2) ? 20 : 3) * 31_556_952)
            let range = Instant(secondsSinceEpoch: lower)...Instant(secondsSinceEpoch: upper)
            var cached = ICalendarWriter()
            blocks.write(zone, covering: range, into: &cached)
            var fresh = ICalendarWriter()
            TimeZoneDefinition(zone: zone, covering: range).write(into: &fresh)
            #expect(cached.bytes == fresh.bytes, "\(zone.identifier) \(lower)...\(upper)")
            compared += 1
        }
        #expect(compared == 400)
    }

    @Test("ranges that differ only in instants between the same transitions share one key; others do not")
    func keys() throws {
        let berlin = try #require(Zone(identifier: "Europe/Berlin"))
        func key(_ lower: Int64, _ upper: Int64) -> String {
            FeedRenderer.TimeZoneBlocks.key(
                berlin, covering: Instant(secondsSinceEpoch: lower)...Instant(secondsSinceEpoch: upper))
        }
        // 2024-05-10 and 2024-06-10 lie between the same two changes (31 March, 27 October 2024).
        #expect(key(1_715_342_400, 1_746_878_400) == key(1_718_020_800, 1_746_878_400))
        // A start after 27 October 2024 is in force under another transition.
        #expect(key(1_715_342_400, 1_746_878_400) != key(1_730_246_400, 1_746_878_400))
        // An end past 30 March 2025 covers one more transition.
        #expect(key(1_715_342_400, 1_740_000_000) != key(1_715_342_400, 1_746_878_400))
    }
}
