import Metrics
import PartnerdCore
import Prometheus
import Synchronization

/// The daemon's metrics, recorded through swift-metrics and exposed in Prometheus's text format at `/metrics` on the
/// feed listener (`feed.metrics`). One place names them all, so the README's list and the code agree:
///
/// | metric | labels |
/// | --- | --- |
/// | `partnerd_reminders_delivered_total` | `kind` (event, anniversary, jubilee), `late` (true, false) |
/// | `partnerd_deliveries_failed_total` | `recipient` (journal, channel:<id>) |
/// | `partnerd_deliveries_retried_total` | `recipient` |
/// | `partnerd_next_reminder_due_timestamp_seconds` | |
/// | `partnerd_config_reloads_total` | `outcome` (applied, rejected) |
/// | `partnerd_feed_requests_total` | `feed` (calendar, partnership, page), `status` |
/// | `partnerd_feed_render_duration_seconds` | |
/// | `partnerd_feed_bytes` | `feed` (calendar: the public calendar) |
/// | `partnerd_partnerships`, `partnerd_events` | |
/// | `partnerd_calendar_fetches_total` | `calendar` (partnership/id), `outcome` (changed, unchanged, failed) |
/// | `partnerd_calendar_copy_age_seconds` | `calendar`: seconds since the source last confirmed the copy in use |
/// | `partnerd_tasks` | `state` (open, overdue, done): task items of the config in force, counted at each scrape |
package enum DaemonMetrics {
    /// Makes swift-metrics record into a Prometheus registry, once per process; returns the exposition.
    package static func bootstrap() -> @Sendable () -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        exportKnownCountersAtZero()
        return {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(4096)
            recordCalendarAges(now: SystemClock().now.secondsSinceEpoch)
            recordTaskCounts()
            registry.emit(into: &buffer)
            return buffer
        }
    }

    /// Every counter whose labels are known before anything happens, at 0 (Prometheus's convention: a series that
    /// appears only with its first event makes `rate()` and `increase()` miss that event, and alerts on absent
    /// series misfire). Channels' counters follow with each configuration, in ``inForce(_:)``.
    static func exportKnownCountersAtZero() {
        for kind in Occurrence.Kind.allCases {
            for late in [false, true] {
                _ = Counter(
                    label: "partnerd_reminders_delivered_total", dimensions: [("kind", kind.rawValue), ("late", "\(late)")])
            }
        }
        for outcome in ["applied", "rejected"] {
            _ = Counter(label: "partnerd_config_reloads_total", dimensions: [("outcome", outcome)])
        }
        for kind in FeedActivity.Kind.allCases {
            for status in [200, 304, 404] {
                _ = Counter(label: "partnerd_feed_requests_total", dimensions: [("feed", kind.rawValue), ("status", "\(status)")])
            }
        }
        _ = Counter(label: "partnerd_feed_renders_total")
        exportRecipientCountersAtZero([.journal])
    }

    static func exportRecipientCountersAtZero(_ recipients: [Recipient]) {
        for recipient in recipients {
            _ = Counter(label: "partnerd_deliveries_failed_total", dimensions: [("recipient", recipient.description)])
            _ = Counter(label: "partnerd_deliveries_retried_total", dimensions: [("recipient", recipient.description)])
        }
    }

    package static func delivered(kind: Occurrence.Kind, late: Bool) {
        Counter(label: "partnerd_reminders_delivered_total", dimensions: [("kind", kind.rawValue), ("late", "\(late)")])
            .increment()
    }

    package static func failed(_ recipient: Recipient) {
        Counter(label: "partnerd_deliveries_failed_total", dimensions: [("recipient", recipient.description)]).increment()
    }

    package static func retried(_ recipient: Recipient) {
        Counter(label: "partnerd_deliveries_retried_total", dimensions: [("recipient", recipient.description)])
            .increment()
    }

    /// The next reminder's due time in seconds since the epoch; 0 when none is planned.
    package static func nextDue(_ due: Instant?) {
        Gauge(label: "partnerd_next_reminder_due_timestamp_seconds").record(Double(due?.secondsSinceEpoch ?? 0))
    }

    package static func reload(applied: Bool) {
        Counter(label: "partnerd_config_reloads_total", dimensions: [("outcome", applied ? "applied" : "rejected")])
            .increment()
    }

    package static func inForce(_ configuration: Configuration) {
        Gauge(label: "partnerd_partnerships").record(Double(configuration.partnerships.count))
        Gauge(label: "partnerd_events").record(Double(configuration.eventCount))
        exportRecipientCountersAtZero(configuration.channels.map { .channel($0.id) })
    }

    package static func feedRequest(_ kind: FeedActivity.Kind, status: Int) {
        Counter(label: "partnerd_feed_requests_total", dimensions: [("feed", kind.rawValue), ("status", "\(status)")])
            .increment()
    }

    /// How long the last rendering of every feed took, and the size of the public calendar it made; one more
    /// rendering counted.
    package static func rendered(seconds: Double, calendarBytes: Int) {
        Counter(label: "partnerd_feed_renders_total").increment()
        Gauge(label: "partnerd_feed_render_duration_seconds").record(seconds)
        Gauge(label: "partnerd_feed_bytes", dimensions: [("feed", "calendar")]).record(Double(calendarBytes))
    }

    /// When each fetched calendar's copy was last confirmed by its source, by `partnership/id`; ages are worked out
    /// at each scrape, so that the gauge is right without the daemon waking up to update it.
    static let calendarConfirmations = Mutex<[String: Int64]>([:])

    static func recordCalendarAges(now: Int64) {
        for (name, confirmed) in calendarConfirmations.withLock({ $0 }) {
            Gauge(label: "partnerd_calendar_copy_age_seconds", dimensions: [("calendar", name)])
                .record(Double(max(0, now - confirmed)))
        }
    }

    /// Counts the task items at a scrape; set by the daemon once its engine runs.
    package static let taskCounts = Mutex<(@Sendable () -> TaskCounts)?>(nil)

    static func recordTaskCounts() {
        let counts = taskCounts.withLock { $0 }?() ?? TaskCounts(open: 0, overdue: 0, done: 0)
        for (state, count) in [("open", counts.open), ("overdue", counts.overdue), ("done", counts.done)] {
            Gauge(label: "partnerd_tasks", dimensions: [("state", state)]).record(Double(count))
        }
    }

    static let calendarOutcomes = ["changed", "unchanged", "failed"]

    /// The fetch counters of every calendar in force at 0; a calendar no longer in force loses its age gauge.
    package static func calendarSources(_ sources: [CalendarSource]) {
        let names = Set(sources.map(\.name))
        for name in names {
            for outcome in calendarOutcomes {
                _ = Counter(label: "partnerd_calendar_fetches_total", dimensions: [("calendar", name), ("outcome", outcome)])
            }
        }
        let gone = calendarConfirmations.withLock { confirmations in
            let gone = confirmations.keys.filter { !names.contains($0) }
            for name in gone { confirmations[name] = nil }
            return gone
        }
        for name in gone { Gauge(label: "partnerd_calendar_copy_age_seconds", dimensions: [("calendar", name)]).destroy() }
    }

    /// One fetch of `name`: `changed` (a new copy kept), `unchanged` (304 or the same bytes) or `failed`.
    package static func calendarFetched(_ name: String, outcome: String, confirmedAt: Int64?) {
        Counter(label: "partnerd_calendar_fetches_total", dimensions: [("calendar", name), ("outcome", outcome)]).increment()
        if let confirmedAt { calendarConfirmations.withLock { $0[name] = confirmedAt } }
    }
}
