import Glibc

/// Asks the daemon over its control socket; what `partnerctl status` and `reload` use.
///
/// Blocking, one connection per request: it connects, writes the request line, and reads the answer up to the
/// daemon's close. Meant for a command-line process, not for an event loop.
package struct ControlClient: Sendable {
    package var path: String
    /// How long to wait for the whole answer; a reload re-reads every config file, so it is generous.
    package var timeout: Duration

    /// The largest answer read; a status with every field filled stays far below it.
    static let maximumResponseSize = 16 * 1024 * 1024

    package init(path: String, timeout: Duration = .seconds(30)) {
        self.path = path
        self.timeout = timeout
    }

    /// The running daemon's status.
    ///
    /// - Throws: ``ControlClientError``.
    package func status() throws -> DaemonStatus {
        guard case .status(let status) = try send(ControlRequest(.status)) else {
            throw ControlClientError.unexpectedAnswer(command: .status)
        }
        return status
    }

    /// Asks the daemon to reload its config and returns the outcome once decided.
    ///
    /// - Throws: ``ControlClientError``.
    package func reload() throws -> ReloadOutcome {
        guard case .reload(let outcome) = try send(ControlRequest(.reload)) else {
            throw ControlClientError.unexpectedAnswer(command: .reload)
        }
        return outcome
    }

    /// Marks a task item done; the answer comes once the daemon's ledger holds the mark.
    ///
    /// - Throws: ``ControlClientError`` (``ControlClientError/refused(_:)`` for an unknown item).
    package func markDone(_ item: String, by: String) throws -> TaskDoneOutcome {
        guard case .done(let outcome) = try send(ControlRequest(.done, item: item, by: by)) else {
            throw ControlClientError.unexpectedAnswer(command: .done)
        }
        return outcome
    }

    /// Every task item of the config in force, with its state.
    ///
    /// - Throws: ``ControlClientError``.
    package func tasks() throws -> [TaskItemStatus] {
        guard case .tasks(let items) = try send(ControlRequest(.tasks)) else {
            throw ControlClientError.unexpectedAnswer(command: .tasks)
        }
        return items
    }

    /// Asks the daemon to fetch every calendar with a `url` now, and returns its status once that is done.
    ///
    /// - Throws: ``ControlClientError``.
    package func fetchCalendars() throws -> DaemonStatus {
        guard case .status(let status) = try send(ControlRequest(.fetch)) else {
            throw ControlClientError.unexpectedAnswer(command: .fetch)
        }
        return status
    }

    /// Sends `request` and returns the daemon's answer; an error answer is thrown as ``ControlClientError/refused(_:)``.
    ///
    /// - Throws: ``ControlClientError``.
    package func send(_ request: ControlRequest) throws -> ControlResponse {
        let bytes = try exchange(request.encodedLine())
        switch ControlResponse.decode(bytes) {
        case .success(.error(let error)): throw ControlClientError.refused(error)
        case .success(let response): return response
        case .failure(let failure): throw ControlClientError.unreadableAnswer(failure)
        }
    }

    /// Writes `request` and reads everything the daemon sends until it closes.
    func exchange(_ request: [UInt8]) throws -> [UInt8] {
        let descriptor: Int32
        switch UnixSocket.connection(to: path) {
        case .success(let value):
            descriptor = value
        case .failure(let error):
            switch error.code {
            case ENOENT: throw ControlClientError.notRunning(path: path, .noSocket)
            case ECONNREFUSED:
                let absence: ControlClientError.Absence =
                    UnixSocket.probe(path) == .notASocket ? .notASocket : .nobodyListening
                throw ControlClientError.notRunning(path: path, absence)
            case EACCES, EPERM: throw ControlClientError.permissionDenied(path: path)
            default: throw ControlClientError.connectionFailed(path: path, reason: error.description)
            }
        }
        defer { close(descriptor) }
        let seconds = max(1, timeout.components.seconds)
        var limit = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        var offset = 0
        while offset < request.count {
            let written = Posix.retryingInterrupts {
                request.withUnsafeBytes { raw in
                    sendBytes(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
                }
            }
            if written < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { throw ControlClientError.timedOut(path: path, seconds: seconds) }
                // The daemon may have answered and closed early (a request it refused): read what it said.
                if errno == EPIPE || errno == ECONNRESET { break }
                throw ControlClientError.connectionFailed(path: path, reason: Posix.reason(errno))
            }
            offset += written
        }

        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Posix.retryingInterrupts { chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) } }
            if count == 0 { break }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { throw ControlClientError.timedOut(path: path, seconds: seconds) }
                throw ControlClientError.connectionFailed(path: path, reason: Posix.reason(errno))
            }
            answer.append(contentsOf: chunk[..<count])
            guard answer.count <= Self.maximumResponseSize else {
                throw ControlClientError.connectionFailed(
                    path: path, reason: "the answer exceeds \(Self.maximumResponseSize) bytes")
            }
        }
        if answer.last == UInt8(ascii: "\n") { answer.removeLast() }
        return answer
    }
}

/// `send(2)`, which ``ControlClient/send(_:)`` hides inside the type.
private func sendBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, bytes, count, flags)
}
