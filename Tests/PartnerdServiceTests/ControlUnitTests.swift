import Foundation
import Testing

@testable import PartnerdService

#if canImport(Glibc)
import Glibc
#endif

@Suite("Control request framing")
struct ControlRequestAccumulatorTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("a request split over reads ends at the first newline; later bytes are ignored")
    func splitRequest() {
        var accumulator = ControlRequestAccumulator(limit: 100)
        #expect(accumulator.receive(bytes("{\"ver")) == nil)
        #expect(accumulator.receive(bytes("sion\":1}")) == nil)
        #expect(accumulator.receive(bytes("\n{\"more\":1}\n")) == .request(bytes("{\"version\":1}")))
        #expect(accumulator.isDone)
        #expect(accumulator.receive(bytes("x\n")) == nil)
        #expect(accumulator.endOfInput() == nil)
        #expect(accumulator.timeout() == nil)
    }

    @Test(
        "the limit counts the request without its newline",
        arguments: [(10, true), (11, false)] as [(Int, Bool)])
    func limit(length: Int, accepted: Bool) {
        var accumulator = ControlRequestAccumulator(limit: 10)
        let request = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        let frame = accumulator.receive(request + [UInt8(ascii: "\n")])
        #expect(frame == (accepted ? .request(request) : .tooLarge))
    }

    @Test("too large is decided as soon as the limit is passed, without waiting for a newline")
    func tooLargeEarly() {
        var accumulator = ControlRequestAccumulator(limit: 10)
        #expect(accumulator.receive([UInt8](repeating: 0x61, count: 10)) == nil)
        #expect(accumulator.receive([0x61]) == .tooLarge)
        #expect(accumulator.receive([0x0A]) == nil)
    }

    @Test("the end of input completes the request, even an empty one")
    func endOfInput() {
        var accumulator = ControlRequestAccumulator(limit: 10)
        #expect(accumulator.receive(bytes("abc")) == nil)
        #expect(accumulator.endOfInput() == .request(bytes("abc")))
        var empty = ControlRequestAccumulator(limit: 10)
        #expect(empty.endOfInput() == .request([]))
    }

    @Test("the timeout counts only while the request is unfinished")
    func timeout() {
        var accumulator = ControlRequestAccumulator(limit: 10)
        #expect(accumulator.receive(bytes("ab")) == nil)
        #expect(accumulator.timeout() == .timedOut)
        #expect(accumulator.receive(bytes("\n")) == nil)
    }
}

@Suite("Control socket path")
struct ControlSocketLocatorTests {
    @Test(
        "the default path: RUNTIME_DIRECTORY, then root's, then XDG_RUNTIME_DIR",
        arguments: [
            (["RUNTIME_DIRECTORY": "/run/partnerd", "XDG_RUNTIME_DIR": "/run/user/1000"], false, "/run/partnerd/partnerd.sock"),
            (["RUNTIME_DIRECTORY": "/run/a:/run/b"], true, "/run/a/partnerd.sock"),
            (["XDG_RUNTIME_DIR": "/run/user/0"], true, "/run/partnerd/partnerd.sock"),
            (["XDG_RUNTIME_DIR": "/run/user/1000"], false, "/run/user/1000/partnerd/partnerd.sock"),
            (["RUNTIME_DIRECTORY": "", "XDG_RUNTIME_DIR": "/run/user/1000"], false, "/run/user/1000/partnerd/partnerd.sock"),
        ] as [([String: String], Bool, String)])
    func defaultPath(environment: [String: String], isRoot: Bool, path: String) throws {
        let locator = ControlSocketLocator(environment: environment, isRoot: isRoot)
        #expect(try locator.path(explicit: nil) == path)
        #expect(try locator.path(explicit: "/tmp/x.sock") == "/tmp/x.sock")
        #expect(locator.clientPath(explicit: nil, exists: { _ in true }) == path)
    }

    @Test("a user without XDG_RUNTIME_DIR must name the socket; partnerctl then looks at the system daemon's")
    func noRuntimeDirectory() {
        let locator = ControlSocketLocator(environment: [:], isRoot: false)
        #expect(throws: ControlSocketLocator.Failure.self) { try locator.path(explicit: nil) }
        #expect(locator.clientPath(explicit: nil, exists: { _ in false }) == ControlSocketLocator.systemPath)
    }

    @Test("partnerctl falls back to the system daemon's socket only when the user's own is absent")
    func clientFallback() {
        let locator = ControlSocketLocator(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], isRoot: false)
        let own = "/run/user/1000/partnerd/partnerd.sock"
        #expect(locator.clientPath(explicit: nil, exists: { $0 == ControlSocketLocator.systemPath }) == ControlSocketLocator.systemPath)
        #expect(locator.clientPath(explicit: nil, exists: { _ in true }) == own)
        #expect(locator.clientPath(explicit: nil, exists: { _ in false }) == own)
        #expect(locator.clientPath(explicit: "/tmp/x.sock", exists: { _ in true }) == "/tmp/x.sock")
    }
}

@Suite("Control client failures")
struct ControlClientTests {
    @Test("no socket file: not running")
    func noSocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        #expect(throws: ControlClientError.notRunning(path: path, .noSocket)) { try ControlClient(path: path).status() }
    }

    @Test("a stale socket file: not running")
    func staleSocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        try makeStaleSocket(at: path)
        #expect(throws: ControlClientError.notRunning(path: path, .nobodyListening)) { try ControlClient(path: path).reload() }
    }

    @Test("a file that is not a socket: not running, and said so")
    func notASocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(throws: ControlClientError.notRunning(path: path, .notASocket)) { try ControlClient(path: path).status() }
    }

    @Test("an error answer is thrown as refused, with the daemon's code")
    func refused() async throws {
        try await withControlServer { path async throws in
            let error = try await blocking { () -> ControlClientError? in
                do {
                    _ = try ControlClient(path: path).send(ControlRequest(.status, version: 2))
                    return nil
                } catch let error as ControlClientError {
                    return error
                }
            }
            guard case .refused(let refusal) = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(refusal.code == .unsupportedVersion)
        }
    }

    @Test("a server that never answers makes the client time out instead of hanging")
    func clientTimeout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/partnerd.sock"
        let descriptor = try UnixSocket.bound(to: path).get()
        defer { close(descriptor) }
        #expect(listen(descriptor, 4) == 0)
        let error = try await blocking { () -> ControlClientError? in
            do {
                _ = try ControlClient(path: path, timeout: .seconds(1)).status()
                return nil
            } catch let error as ControlClientError {
                return error
            }
        }
        #expect(error == .timedOut(path: path, seconds: 1))
    }
}
