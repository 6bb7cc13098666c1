import Foundation
import Testing

@testable import PartnerdService

@Suite("sd_notify messages")
struct SystemdNotifierTests {
    /// Records what would be sent to systemd.
    final class InMemoryTransport: @unchecked Sendable {
        // @unchecked: `sent` is guarded by `lock`.
        private let lock = NSLock()
        private var stored: [String] = []
        var sent: [String] { lock.withLock { stored } }
        var transport: SystemdNotifier.Transport {
            { [self] text in
                lock.withLock { stored.append(text) }
                return 1
            }
        }
    }

    @Test("ready, status, stopping and watchdog send the documented assignments")
    func assignments() {
        let recorder = InMemoryTransport()
        let notifier = SystemdNotifier(transport: recorder.transport)
        notifier.ready()
        notifier.ready(status: "Next: 30. Jahrestag Berlin – Brüssel in 12 Tagen")
        notifier.status("Idle")
        notifier.stopping()
        notifier.watchdog()
        #expect(
            recorder.sent == [
                "READY=1",
                "READY=1\nSTATUS=Next: 30. Jahrestag Berlin – Brüssel in 12 Tagen",
                "STATUS=Idle",
                "STOPPING=1",
                "WATCHDOG=1",
            ])
    }

    @Test("a status stays on one line")
    func statusNewlines() {
        let recorder = InMemoryTransport()
        SystemdNotifier(transport: recorder.transport).status("two\nlines\r\nhere")
        #expect(recorder.sent == ["STATUS=two lines here"])
    }

    @Test("reloading carries the current CLOCK_MONOTONIC time in microseconds")
    func reloading() throws {
        let recorder = InMemoryTransport()
        let before = SystemdNotifier.monotonicMicroseconds()
        SystemdNotifier(transport: recorder.transport).reloading(status: "Reloading")
        let after = SystemdNotifier.monotonicMicroseconds()
        let message = try #require(recorder.sent.first)
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "RELOADING=1")
        #expect(lines.last == "STATUS=Reloading")
        let stamp = try #require(lines.dropFirst().first)
        #expect(stamp.hasPrefix("MONOTONIC_USEC="))
        let microseconds = try #require(UInt64(stamp.dropFirst("MONOTONIC_USEC=".count)))
        #expect(before <= microseconds && microseconds <= after)
    }

    @Test("the watchdog is pinged at half its timeout")
    func watchdogInterval() {
        #expect(SystemdNotifier.watchdogPingInterval(timeout: .seconds(60)) == .seconds(30))
        #expect(SystemdNotifier.watchdogPingInterval(timeout: .milliseconds(1)) == .microseconds(500))
        #expect(SystemdNotifier.watchdogPingInterval(timeout: nil) == nil)
    }

    @Test("systemd waits for readiness only when NOTIFY_SOCKET is set")
    func expected() {
        #expect(SystemdNotifier.isExpected(environment: ["NOTIFY_SOCKET": "/run/systemd/notify"]))
        #expect(!SystemdNotifier.isExpected(environment: ["NOTIFY_SOCKET": ""]))
        #expect(!SystemdNotifier.isExpected(environment: [:]))
    }
}
