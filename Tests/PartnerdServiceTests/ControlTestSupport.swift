import Foundation
import Logging

@testable import PartnerdService

#if canImport(Glibc)
import Glibc
#endif

/// A ``ControlHandler`` that answers from memory and counts what it was asked.
actor InMemoryControlHandler: ControlHandler {
    var currentStatus: DaemonStatus
    var outcome: ReloadOutcome
    private(set) var statusCalls = 0
    private(set) var reloadCalls = 0

    init(status: DaemonStatus = ControlTestData.status, outcome: ReloadOutcome = ControlTestData.applied) {
        currentStatus = status
        self.outcome = outcome
    }

    func status() async -> DaemonStatus {
        statusCalls += 1
        return currentStatus
    }

    func reload() async -> ReloadOutcome {
        reloadCalls += 1
        return outcome
    }

    func fetchCalendars() async -> DaemonStatus {
        statusCalls += 1
        return currentStatus
    }

    func markDone(_ item: TaskItemID, by: String) async -> Result<TaskDoneOutcome, ControlError> {
        .success(TaskDoneOutcome(item: item.rawValue, title: "–", at: "2026-05-04T09:12:03+02:00", by: by, isNew: true))
    }

    func tasks() async -> [TaskItemStatus] { [] }
}

enum ControlTestData {
    static let status = DaemonStatus(
        version: "0.1.0", pid: 4711, runningSince: "2026-05-04T09:12:03+02:00",
        configuration: .init(
            path: "partnerd.toml", files: [.init(path: "partnerd.toml", loadedAt: "2026-05-04T09:12:03+02:00")]),
        lastReload: nil, partnerships: 1, events: 2,
        nextReminders: [
            ReminderStatus(
                title: "Jahrestag", partnership: "berlin-bruessel", event: "anniversary", kind: .anniversary,
                uid: "anniversary-35@berlin-bruessel.partnerd", occurrence: "2027-06-01", lead: "30d",
                due: "2027-05-02T09:00:00+02:00")
        ],
        lastDelivered: [],
        feed: FeedStatus(
            listen: "127.0.0.1:8080", links: [.init(partnership: nil, url: "http://127.0.0.1:8080/calendar.ics")],
            directory: nil),
        stateDirectory: "state", socket: "partnerd.sock", logTarget: "stderr", language: .en, timezone: "Europe/Berlin")

    static let applied = ReloadOutcome(
        result: .applied, at: "2026-05-07T10:00:00+02:00", errors: [], warnings: [], partnerships: 1, events: 2)

    static let quietLogger = Logger(label: "partnerd.control.test") { _ in SwiftLogNoOpLogHandler() }
}

/// A fresh directory under /tmp (short, for `sun_path`), removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/partnerd-control-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw SystemError(errno)
        }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs blocking socket code on its own thread: the cooperative pool must stay free for the server's tasks.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A client that sends whatever bytes a test wants, including none.
final class RawConnection: Sendable {
    let descriptor: Int32

    init(_ path: String) throws {
        descriptor = try UnixSocket.connection(to: path).get()
        var limit = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Writes `bytes` until done or the daemon stops reading; returns how many were written.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return offset }
            offset += written
        }
        return offset
    }

    @discardableResult
    func write(_ text: String) -> Int { write(Array(text.utf8)) }

    /// Ends the request without a newline.
    func endInput() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Everything the daemon sends until it closes.
    func readAll() throws -> [UInt8] {
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return answer }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError(errno)
            }
            answer.append(contentsOf: chunk[..<count])
        }
    }

    /// The daemon's answer, decoded.
    func response() throws -> ControlResponse {
        var bytes = try readAll()
        guard bytes.last == UInt8(ascii: "\n") else { throw ControlClientError.connectionFailed(path: "", reason: "no newline at the end") }
        bytes.removeLast()
        return try ControlResponse.decode(bytes).get()
    }
}

/// Leaves a socket file at `path` that nobody listens on, as a killed daemon does.
func makeStaleSocket(at path: String) throws {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SystemError(errno) }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard result == 0 else { throw SystemError(errno) }
}

/// The permission bits and type of the file at `path`.
func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode
}

/// Binds a server on a fresh socket, runs it while `body` runs, then cancels it.
func withControlServer<T>(
    handler: InMemoryControlHandler = InMemoryControlHandler(), readTimeout: Duration = .seconds(5),
    maximumRequestSize: Int = ControlProtocol.maximumRequestSize,
    _ body: (_ path: String) async throws -> T
) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/partnerd.sock"
    let server = try await ControlServer.bind(
        ControlServer.Configuration(path: path, maximumRequestSize: maximumRequestSize, readTimeout: readTimeout),
        handler: handler, logger: ControlTestData.quietLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        defer { group.cancelAll() }
        return try await body(path)
    }
}
