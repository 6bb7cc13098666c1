import Testing

@testable import PartnerdCore

@Suite("Feed activity over the last day")
struct FeedActivityTests {
    static let start = Instant(secondsSinceEpoch: 1_800_000_000)
    static let utc = Zone.utc

    @Test("counts requests and 304s per kind, with the last request's time")
    func counts() {
        var activity = FeedActivity()
        activity.record(.calendar, status: 200, at: Self.start)
        activity.record(.calendar, status: 304, at: Self.start.adding(seconds: 600))
        activity.record(.calendar, status: 304, at: Self.start.adding(seconds: 601))
        activity.record(.page, status: 200, at: Self.start.adding(seconds: 30))
        let summary = activity.summary(now: Self.start.adding(seconds: 700), zone: Self.utc)
        #expect(summary.map(\.kind) == [.calendar, .partnership, .page])
        #expect(summary[0].requests == 3 && summary[0].notModified == 2)
        #expect(summary[0].lastRequest == Self.utc.isoString(Self.start.adding(seconds: 601)))
        #expect(summary[1].requests == 0 && summary[1].lastRequest == nil)
        #expect(summary[2].requests == 1 && summary[2].notModified == 0)
    }

    @Test(
        "a request counts for 24 hours (to the five minutes), then drops out; the last time stays",
        arguments: [(0, 1), (86_000, 1), (86_400 + 300, 0), (3 * 86_400, 0)] as [(Int64, Int)])
    func window(after seconds: Int64, expected: Int) {
        var activity = FeedActivity()
        activity.record(.partnership, status: 200, at: Self.start)
        let summary = activity.summary(now: Self.start.adding(seconds: seconds), zone: Self.utc)
        #expect(summary[1].requests == expected)
        #expect(summary[1].lastRequest != nil)
    }

    @Test("a week of steady polling keeps at most a day of buckets")
    func bounded() {
        var activity = FeedActivity()
        for minute in 0..<(7 * 24 * 60) {
            activity.record(.calendar, status: 304, at: Self.start.adding(seconds: Int64(minute) * 60))
        }
        #expect((activity.counts[.calendar]?.buckets.count ?? 0) <= 289 + 1)
        let summary = activity.summary(now: Self.start.adding(seconds: 7 * 86_400), zone: Self.utc)
        #expect((1435...1445).contains(summary[0].requests), "one a minute over the last day: \(summary[0].requests)")
    }
}
