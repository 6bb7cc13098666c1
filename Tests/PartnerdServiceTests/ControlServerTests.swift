import Foundation
import ServiceLifecycle
import Testing

@testable import PartnerdService

#if canImport(Glibc)
import Glibc
#endif

@Suite("Control socket server")
struct ControlServerTests {
    /// Asks for the status through the real client, as partnerctl does.
    private func status(_ path: String) async throws -> DaemonStatus {
        try await blocking { try ControlClient(path: path, timeout: .seconds(20)).status() }
    }

    @Test("status round trip through the client")
    func statusRoundTrip() async throws {
        let handler = InMemoryControlHandler()
        try await withControlServer(handler: handler) { path async throws in
            #expect(try await status(path) == ControlTestData.status)
            #expect(await handler.statusCalls == 1)
        }
    }

    @Test("reload waits for the handler's outcome, applied or rejected")
    func reloadRoundTrip() async throws {
        let rejected = ReloadOutcome(
            result: .rejected, at: "2026-05-07T10:00:00+02:00", errors: ["a.toml:1:1: error: broken"], warnings: [],
            partnerships: 1, events: 2)
        let handler = InMemoryControlHandler(outcome: rejected)
        try await withControlServer(handler: handler) { path async throws in
            let outcome = try await blocking { try ControlClient(path: path).reload() }
            #expect(outcome == rejected)
            #expect(await handler.reloadCalls == 1)
            #expect(await handler.statusCalls == 0)
        }
    }

    @Test("100 clients connected at once all get their status")
    func hundredConcurrentClients() async throws {
        let handler = InMemoryControlHandler()
        try await withControlServer(handler: handler) { path async throws in
            let answers = try await blocking {
                let connections = try (0..<100).map { _ in try RawConnection(path) }
                let request = try ControlRequest(.status).encodedLine()
                for connection in connections { connection.write(request) }
                return try connections.map { try $0.response() }
            }
            #expect(answers.count == 100)
            #expect(answers.allSatisfy { $0 == .status(ControlTestData.status) })
            #expect(await handler.statusCalls == 100)
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("100 partnerctl-style clients on their own threads")
    func hundredClientThreads() async throws {
        try await withControlServer { path async throws in
            try await withThrowingTaskGroup(of: DaemonStatus.self) { group in
                for _ in 0..<100 { group.addTask { try await status(path) } }
                var count = 0
                for try await answer in group {
                    #expect(answer == ControlTestData.status)
                    count += 1
                }
                #expect(count == 100)
            }
        }
    }

    @Test(
        "garbage gets an error answer, and the server answers the next client",
        arguments: [
            ("hello\n", ControlError.Code.malformedRequest),
            ("\n", .malformedRequest),
            ("{\"version\":1,\"command\":\"status\"\n", .malformedRequest),
            ("\u{0}\u{1}\u{2}\u{FF}\n", .malformedRequest),
            ("{\"version\":9,\"command\":\"status\"}\n", .unsupportedVersion),
            ("{\"version\":1,\"command\":\"shutdown\"}\n", .unknownCommand),
        ])
    func garbage(request: String, code: ControlError.Code) async throws {
        let handler = InMemoryControlHandler()
        try await withControlServer(handler: handler) { path async throws in
            let answer = try await blocking {
                let connection = try RawConnection(path)
                connection.write(request)
                return try connection.response()
            }
            guard case .error(let error) = answer else {
                Issue.record("answered \(answer)")
                return
            }
            #expect(error.code == code)
            #expect(await handler.statusCalls == 0)
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("an oversized request is refused; the client may finish sending and still reads the answer")
    func oversized() async throws {
        try await withControlServer { path async throws in
            let request = [UInt8](repeating: UInt8(ascii: "x"), count: 1024 * 1024) + [UInt8(ascii: "\n")]
            let (written, answer) = try await blocking {
                let connection = try RawConnection(path)
                let written = connection.write(request)
                connection.endInput()
                return (written, try connection.response())
            }
            // Closing with unread input would reset the connection: the rest of the request is drained instead.
            #expect(written == request.count)
            #expect(answer.errorCode == .requestTooLarge)
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("a request of exactly the limit is read; one byte more is too large")
    func limitBoundary() async throws {
        let request = Array("{\"version\":1,\"command\":\"status\"}".utf8)
        let padded = request + [UInt8](repeating: UInt8(ascii: " "), count: 100 - request.count)
        try await withControlServer(maximumRequestSize: 100) { path async throws in
            let atLimit = try await blocking {
                let connection = try RawConnection(path)
                connection.write(padded + [UInt8(ascii: "\n")])
                return try connection.response()
            }
            #expect(atLimit == .status(ControlTestData.status))
            let over = try await blocking {
                let connection = try RawConnection(path)
                connection.write(padded + [UInt8(ascii: " "), UInt8(ascii: "\n")])
                return try connection.response()
            }
            #expect(over.errorCode == .requestTooLarge)
        }
    }

    @Test("a client that says nothing is answered timed-out and dropped, and blocks nobody meanwhile")
    func silentClient() async throws {
        try await withControlServer(readTimeout: .milliseconds(300)) { path async throws in
            let silent = try RawConnection(path)
            // Served while the silent client still holds its connection.
            #expect(try await status(path) == ControlTestData.status)
            let answer = try await blocking { try silent.response() }
            #expect(answer.errorCode == .timedOut)
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("a client that sends half a request and stalls is timed out too")
    func stalledClient() async throws {
        try await withControlServer(readTimeout: .milliseconds(300)) { path async throws in
            let answer = try await blocking {
                let connection = try RawConnection(path)
                connection.write("{\"version\":1,")
                return try connection.response()
            }
            #expect(answer.errorCode == .timedOut)
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("a request ended by shutdown(SHUT_WR) instead of a newline is answered")
    func halfClosedRequest() async throws {
        try await withControlServer { path async throws in
            let answer = try await blocking {
                let connection = try RawConnection(path)
                connection.write("{\"version\":1,\"command\":\"status\"}")
                connection.endInput()
                return try connection.response()
            }
            #expect(answer == .status(ControlTestData.status))
        }
    }

    @Test("a client that connects and leaves at once does not disturb the server")
    func clientLeaves() async throws {
        try await withControlServer { path async throws in
            try await blocking {
                for _ in 0..<20 { _ = try RawConnection(path) }
            }
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("the socket file has mode 0660")
    func socketMode() async throws {
        try await withControlServer { path async throws in
            let mode = try #require(fileMode(path))
            #expect(mode & S_IFMT == S_IFSOCK)
            #expect(mode & 0o7777 == 0o660)
        }
    }

    @Test("a stale socket file is replaced")
    func staleSocketReplaced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        try makeStaleSocket(at: path)
        #expect(UnixSocket.probe(path) == .stale)
        let server = try await ControlServer.bind(
            .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group async throws in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("a live socket is refused, and its server keeps answering")
    func liveSocketRefused() async throws {
        try await withControlServer { path async throws in
            await #expect(throws: ControlServerError.alreadyRunning(path: path)) {
                _ = try await ControlServer.bind(
                    .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
            }
            #expect(try await status(path) == ControlTestData.status)
        }
    }

    @Test("a file that is not a socket is left alone")
    func notASocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: ControlServerError.notASocket(path: path)) {
            _ = try await ControlServer.bind(
                .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    @Test("a missing socket directory is created")
    func createsDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd/partnerd.sock"
        let server = try await ControlServer.bind(
            .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        #expect(fileMode(path).map { $0 & S_IFMT } == S_IFSOCK)
        await server.close()
        #expect(fileMode(path) == nil)
    }

    @Test("a path too long for sun_path is reported as such")
    func pathTooLong() async throws {
        let path = "/tmp/" + String(repeating: "p", count: 200) + ".sock"
        await #expect(throws: ControlServerError.pathTooLong(path: path, limit: UnixSocket.maximumPathLength)) {
            _ = try await ControlServer.bind(
                .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        }
    }

    @Test("graceful shutdown stops the server and removes its socket file")
    func gracefulShutdownRemovesSocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        let server = try await ControlServer.bind(
            .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [server], logger: ControlTestData.quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await status(path) == ControlTestData.status)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(fileMode(path) == nil)
        #expect(throws: ControlClientError.notRunning(path: path, .noSocket)) { try ControlClient(path: path).status() }
    }

    @Test("on stop a socket that another server took over is kept")
    func keepsForeignSocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        let first = try await ControlServer.bind(
            .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        unlink(path)
        let second = try await ControlServer.bind(
            .init(path: path), handler: InMemoryControlHandler(), logger: ControlTestData.quietLogger)
        await first.close()
        #expect(UnixSocket.probe(path) == .live)
        await second.close()
        #expect(fileMode(path) == nil)
    }
}

extension ControlResponse {
    var errorCode: ControlError.Code? {
        if case .error(let error) = self { return error.code }
        return nil
    }
}
