import PartnerdService

/// A ``ClockEventSource`` that reports what the test says: clock steps and zone changes without touching the system.
package final class ManualClockEvents: ClockEventSource {
    package let events: AsyncStream<ClockEvent>
    private let sink: AsyncStream<ClockEvent>.Continuation

    package init() {
        (events, sink) = AsyncStream.makeStream(of: ClockEvent.self)
    }

    package func send(_ event: ClockEvent) {
        sink.yield(event)
    }

    package func stop() async {
        sink.finish()
    }
}
