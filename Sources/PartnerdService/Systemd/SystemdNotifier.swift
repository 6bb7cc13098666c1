import CSystemd

import Glibc

/// Tells systemd about the daemon's state through `sd_notify` (the `Type=notify` protocol, sd_notify(3)).
///
/// libsystemd reads the socket from `$NOTIFY_SOCKET`; when it is unset (the daemon runs from a shell or a test)
/// every call does nothing. Messages are plain `KEY=value` lines; this type only builds the ones partnerd uses.
/// `Type=notify-reload` is newer than systemd 252, so a reload is announced with `RELOADING=1` plus
/// `MONOTONIC_USEC` and ends with ``ready(status:)``, which a `Type=notify` unit with `ExecReload=` also accepts.
package struct SystemdNotifier: Sendable {
    /// Sends one notification text; returns what `sd_notify` returns (> 0 sent, 0 no socket, < 0 `-errno`).
    package typealias Transport = @Sendable (String) -> Int32

    private let transport: Transport

    /// A notifier sending through libsystemd, or through `transport` in tests.
    package init(transport: @escaping Transport = SystemdNotifier.libsystemd) {
        self.transport = transport
    }

    /// `sd_notify(0, text)`: keeps `$NOTIFY_SOCKET` in the environment.
    package static let libsystemd: Transport = { text in
        sd_notify(0, text)
    }

    /// Whether `environment` names a notification socket, i.e. systemd waits for ``ready(status:)``.
    package static func isExpected(environment: [String: String]) -> Bool {
        !(environment["NOTIFY_SOCKET"] ?? "").isEmpty
    }

    /// `READY=1`: start-up or a reload has finished; with an optional `STATUS=` line.
    @discardableResult
    package func ready(status: String? = nil) -> Int32 {
        send(["READY=1"], status: status)
    }

    /// `STATUS=…`: the one-line state that `systemctl status` shows, e.g. the next reminder.
    @discardableResult
    package func status(_ text: String) -> Int32 {
        send([], status: text)
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` now on `CLOCK_MONOTONIC`, which systemd uses to tell this reload
    /// from an earlier one; finish with ``ready(status:)``.
    @discardableResult
    package func reloading(status: String? = nil) -> Int32 {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"], status: status)
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    package func stopping(status: String? = nil) -> Int32 {
        send(["STOPPING=1"], status: status)
    }

    /// `WATCHDOG=1`: the keep-alive ping that `WatchdogSec=` asks for.
    @discardableResult
    package func watchdog() -> Int32 {
        send(["WATCHDOG=1"], status: nil)
    }

    private func send(_ lines: [String], status: String?) -> Int32 {
        var lines = lines
        if let status {
            // A status is one line: a newline would start a new assignment.
            lines.append("STATUS=" + status.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        return transport(lines.joined(separator: "\n"))
    }

    /// The watchdog timeout systemd set for this process (`$WATCHDOG_USEC`, when `$WATCHDOG_PID` is unset or this
    /// process), read with `sd_watchdog_enabled`; `nil` when there is none.
    package static func watchdogTimeout() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// How often to send ``watchdog()``: half the timeout, as sd_watchdog_enabled(3) advises, or `nil` without one.
    package static func watchdogPingInterval(timeout: Duration? = watchdogTimeout()) -> Duration? {
        timeout.map { $0 / 2 }
    }

    /// Microseconds on `CLOCK_MONOTONIC`, the clock systemd expects in `MONOTONIC_USEC`.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
