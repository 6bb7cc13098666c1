import Glibc

/// A source of "now". Production reads the system's real-time clock; tests use a manual one.
package protocol WallClock: Sendable {
    var now: Instant { get }
}

/// The system's real-time clock (`CLOCK_REALTIME`).
package struct SystemClock: WallClock {
    package init() {}

    package var now: Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(secondsSinceEpoch: Int64(spec.tv_sec))
    }
}

/// Whether a path exists, for the config locator.
package func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// The process environment as a dictionary.
package func processEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let equals = text.firstIndex(of: "=") {
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        pointer += 1
    }
    return result
}
