import Glibc
import Testing

@testable import PartnerdService

@Suite("Feed server connections: persistence and bodies", .serialized)
struct FeedConnectionTests {
    /// Head timeout and idle timeout far beyond the client's own deadline: a connection that ends within the
    /// deadline was closed by the server's decision, not by a timeout.
    static let limits = FeedServerLimits(headTimeout: .seconds(30), idleTimeout: .seconds(60))

    @Test("HTTP/1.0 without keep-alive: the answer, then the connection closes")
    func http10Closes() async throws {
        try await withFeedServer(store: FeedFixture.store(), limits: Self.limits) { port in
            let response = try await RawHTTPClient.exchange(
                "GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n", port: port, timeoutSeconds: 5)
            #expect(response.status == 200)
            #expect(response.header("Connection")?.lowercased() == "close")
        }
    }

    @Test("HTTP/1.0 with keep-alive is kept, and says so")
    func http10KeepAlive() async throws {
        try await withFeedServer(store: FeedFixture.store(), limits: Self.limits) { port in
            let bytes = try await RawHTTPClient.onThread { () -> [UInt8] in
                let descriptor = try RawHTTPClient.connect(port: port, timeoutSeconds: 5)
                defer { close(descriptor) }
                _ = RawHTTPClient.send(Array("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".utf8), on: descriptor)
                // The second request on the same connection, asking to close: both answers arrive, then EOF.
                _ = RawHTTPClient.send(Array("GET /healthz HTTP/1.0\r\n\r\n".utf8), on: descriptor)
                return try RawHTTPClient.readAll(from: descriptor)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(text)")
            #expect(text.lowercased().contains("connection: keep-alive"))
        }
    }

    @Test("a request with a body: 413 for GET, 405 with Allow for PROPFIND and POST, the connection closed at once")
    func bodies() async throws {
        try await withFeedServer(store: FeedFixture.store(), limits: Self.limits) { port in
            let body = String(repeating: "c", count: 20_000)
            let get = try await RawHTTPClient.exchange(
                "GET /calendar.ics HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + body, port: port,
                timeoutSeconds: 5)
            #expect(get.status == 413)
            let propfind = try await RawHTTPClient.exchange(
                "PROPFIND /calendar.ics HTTP/1.1\r\nHost: x\r\nDepth: 0\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: 120\r\n\r\n<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>",
                port: port, timeoutSeconds: 5)
            #expect(propfind.status == 405)
            #expect(propfind.header("Allow") == "GET, HEAD")
            let post = try await RawHTTPClient.exchange(
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", port: port, timeoutSeconds: 5)
            #expect(post.status == 405)
        }
    }
}
