import Foundation
import Testing

@testable import PartnerdService

@Suite("--log-target auto")
struct JournalLogTargetTests {
    private let missing = FileManager.default.temporaryDirectory
        .appendingPathComponent("partnerd-no-such-socket-\(UUID().uuidString)").path

    @Test("JOURNAL_STREAM set means journald, even without a reachable socket")
    func journalStream() {
        #expect(
            LogTarget.automatic(environment: ["JOURNAL_STREAM": "8:12345"], journalSocketPath: missing) == .journald)
    }

    @Test("no JOURNAL_STREAM and no socket means stderr")
    func nothing() {
        #expect(LogTarget.automatic(environment: [:], journalSocketPath: missing) == .stderr)
        #expect(LogTarget.automatic(environment: ["JOURNAL_STREAM": ""], journalSocketPath: missing) == .stderr)
    }

    @Test("a socket that accepts datagrams means journald; a stale socket file does not")
    func socketProbe() throws {
        // Short: sun_path holds 108 bytes.
        let path = "/tmp/partnerd-probe-\(UInt32.random(in: 0...UInt32.max)).sock"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        var isOpen = true
        defer {
            if isOpen { close(descriptor) }
            unlink(path)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
        #expect(LogTarget.automatic(environment: [:], journalSocketPath: path) == .journald)

        close(descriptor)
        isOpen = false
        // The file stays after its socket is closed: connecting is refused, as when journald has stopped.
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(LogTarget.automatic(environment: [:], journalSocketPath: path) == .stderr)
    }

    @Test("each target makes its handler")
    func handlers() {
        #expect(LogTarget.journald.makeLogHandler(label: "x", environment: [:]) is JournalLogHandler)
        #expect(LogTarget.stderr.makeLogHandler(label: "x", environment: [:]) is StderrLogHandler)
    }
}
