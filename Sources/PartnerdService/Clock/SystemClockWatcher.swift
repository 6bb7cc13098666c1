import CSystemd
import Dispatch
import Foundation
import Glibc
import Synchronization

/// What can make planned instants wrong while the daemon runs.
package enum ClockEvent: Sendable, Equatable {
    /// The wall clock was set (by NTP, an administrator, a resume): `expected` is where it would be without the step.
    case stepped(expected: Instant)
    /// `/etc/localtime` changed: the system's time zone may be another.
    case zoneChanged
}

/// The source of ``ClockEvent``s: the kernel in production (``SystemClockWatcher``), a test in tests.
package protocol ClockEventSource: Sendable {
    /// The events, from the moment the source was made until ``stop()``.
    var events: AsyncStream<ClockEvent> { get }
    func stop() async
}

/// Learns of wall-clock steps from a timerfd armed on `CLOCK_REALTIME` with `TFD_TIMER_CANCEL_ON_SET` (its read
/// fails with `ECANCELED` when the clock is set discontinuously), and of a new `/etc/localtime` from inotify on its
/// folder (the file is usually replaced by a rename, so the folder is watched for that name). Neither wakes the
/// process while nothing happens.
package actor SystemClockWatcher: ClockEventSource {
    package nonisolated let events: AsyncStream<ClockEvent>
    private let sink: AsyncStream<ClockEvent>.Continuation
    private var sources: [any DispatchSourceRead] = []

    /// - Parameter localtime: the zone file to watch; tests pass a file of their own.
    package init(localtime: String = "/etc/localtime") {
        let (events, sink) = AsyncStream.makeStream(of: ClockEvent.self, bufferingPolicy: .bufferingNewest(8))
        self.events = events
        self.sink = sink
        let queue = DispatchQueue(label: "partnerd.clock-watch")
        sources = [Self.watchClock(queue: queue, sink: sink), Self.watchZone(localtime, queue: queue, sink: sink)]
            .compactMap { $0 }
    }

    package func stop() {
        for source in sources { source.cancel() }
        sources = []
        sink.finish()
    }

    /// Whether both watches are in place (a failure leaves the daemon without them, and is no reason not to run).
    package var isWatching: Bool { sources.count == 2 }

    private static func watchClock(
        queue: DispatchQueue, sink: AsyncStream<ClockEvent>.Continuation
    ) -> (any DispatchSourceRead)? {
        let descriptor = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC) | Int32(TFD_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        let reference = Mutex<(wall: Instant, monotonic: UInt64)>((Instant(secondsSinceEpoch: 0), 0))
        /// Arms the timer for the far future, to be cancelled by the next step; notes the times of arming.
        @Sendable func arm() -> Bool {
            reference.withLock { $0 = (SystemClock().now, monotonicNanoseconds()) }
            var spec = itimerspec(
                it_interval: timespec(tv_sec: 0, tv_nsec: 0), it_value: timespec(tv_sec: Int(Int32.max), tv_nsec: 0))
            let flags = Int32(TFD_TIMER_ABSTIME) | Int32(TFD_TIMER_CANCEL_ON_SET)
            return timerfd_settime(descriptor, flags, &spec, nil) == 0
        }
        guard arm() else {
            close(descriptor)
            return nil
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler {
            var expirations: UInt64 = 0
            let result = read(descriptor, &expirations, MemoryLayout<UInt64>.size)
            guard result < 0, errno == ECANCELED else { return }
            let (wall, monotonic) = reference.withLock { $0 }
            let elapsed = Int64((monotonicNanoseconds() &- monotonic) / 1_000_000_000)
            _ = arm()
            sink.yield(.stepped(expected: wall.adding(seconds: elapsed)))
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
        return source
    }

    private static func watchZone(
        _ localtime: String, queue: DispatchQueue, sink: AsyncStream<ClockEvent>.Continuation
    ) -> (any DispatchSourceRead)? {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        let name = String(localtime.split(separator: "/").last ?? "")
        let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_ATTRIB)
        guard inotify_add_watch(descriptor, localtime.directoryPart, mask) >= 0 else {
            close(descriptor)
            return nil
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then `len` bytes of name.
            let header = 16
            var offset = 0
            var concerned = false
            while offset + header <= count {
                let length = buffer.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)) }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                if String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self) == name { concerned = true }
                offset += header + length
            }
            if concerned { sink.yield(.zoneChanged) }
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
        return source
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}
