import Foundation
import Logging
import NIOCore
import ServiceLifecycle

@testable import PartnerdService

#if canImport(Glibc)
    import Glibc
#endif

/// A response as it came over the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately small HTTP/1.1 client on plain sockets, run on its own thread so that blocking calls never
/// hold a thread of the concurrency pool the server's handlers need.
enum RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `request` (bytes as given) and reads until the server closes or the timeout passes.
    static func exchange(_ request: String, port: Int, timeoutSeconds: Int = 10) async throws -> RawResponse {
        let bytes = try await onThread {
            try roundTrip(Array(request.utf8), port: port, timeoutSeconds: timeoutSeconds)
        }
        return try parse(bytes)
    }

    /// `GET`-style request with `Connection: close`.
    static func request(
        _ method: String, _ target: String, port: Int, headers: [String] = []
    ) async throws -> RawResponse {
        let head = (["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"] + headers)
            .joined(separator: "\r\n")
        return try await exchange(head + "\r\n\r\n", port: port)
    }

    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }

    static func connect(port: Int, timeoutSeconds: Int = 10) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect: errno \(errno)")
        }
        return descriptor
    }

    /// Sends all bytes; `false` when the server has closed the connection.
    @discardableResult
    static func send(_ bytes: [UInt8], on descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Reads until end of stream; throws on a timeout.
    static func readAll(from descriptor: Int32) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return received }
                throw Failure(description: "recv: errno \(errno) after \(received.count) bytes")
            }
            received += buffer[0..<count]
        }
    }

    static func roundTrip(_ request: [UInt8], port: Int, timeoutSeconds: Int) throws -> [UInt8] {
        let descriptor = try connect(port: port, timeoutSeconds: timeoutSeconds)
        defer { close(descriptor) }
        send(request, on: descriptor)
        return try readAll(from: descriptor)
    }

    static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw Failure(description: "no complete response head in \(bytes.count) bytes")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        let headers = head.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                name: String(line[..<colon]),
                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        return RawResponse(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }
}

/// Runs the feed server on an ephemeral port of 127.0.0.1 for the duration of `body`.
func withFeedServer(
    store: FeedStore, limits: FeedServerLimits = FeedServerLimits(headTimeout: .seconds(1)),
    _ body: @Sendable (Int) async throws -> Void
) async throws {
    var logger = Logger(label: "feed-test")
    logger.logLevel = .critical
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = buildFeedApplication(
        address: ListenAddress(host: "127.0.0.1", port: 0), store: store, logger: logger, limits: limits,
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    let group = ServiceGroup(services: [application], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            throw RawHTTPClient.Failure(description: "the server did not report its port")
        }
        do {
            try await body(port)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
