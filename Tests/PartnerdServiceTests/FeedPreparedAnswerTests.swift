import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import PartnerdService

#if canImport(Glibc)
    import Glibc
#endif

/// Feed requests on a kept-alive HTTP/1.1 connection are answered from prepared bytes (``FeedConnectionHandler``);
/// requests that close the connection take the general path. Both must give the same answer.
@Suite("Prepared feed answers", .serialized)
struct FeedPreparedAnswerTests {
    /// The responses in `bytes`, one per request; `bodiless[i]` when the i-th request was a HEAD.
    static func responses(_ bytes: [UInt8], bodiless: [Bool]) throws -> [RawResponse] {
        var rest = bytes[...]
        var found: [RawResponse] = []
        for isHead in bodiless {
            let response = try RawHTTPClient.parse(Array(rest))
            let length = isHead || response.status == 304 ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
            guard response.body.count >= length else {
                throw RawHTTPClient.Failure(description: "a body of \(length) bytes was cut short")
            }
            let headLength = rest.count - response.body.count
            found.append(
                RawResponse(status: response.status, headers: response.headers, body: Array(response.body[..<length])))
            rest = rest.dropFirst(headLength + length)
        }
        #expect(rest.isEmpty, "no bytes after the last response")
        return found
    }

    /// Header fields but those that depend on the time or on the connection, sorted.
    static func comparable(_ response: RawResponse) -> [String] {
        response.headers.filter { !["date", "connection"].contains($0.name.lowercased()) }
            .map { "\($0.name.lowercased()): \($0.value)" }.sorted()
    }

    /// Requests and whether the answer has content.
    static let variants: [(method: String, target: String, headers: [String], hasBody: Bool)] = [
        ("GET", "/calendar.ics", [], true),
        ("HEAD", "/calendar.ics", [], false),
        ("GET", "/partnerships/berlin-bruessel.ics", [], true),
        ("GET", "/calendar.ics?token=\(FeedFixture.token)", [], true),
        ("GET", "/partnerships/berlin-hidden.ics?token=\(FeedFixture.token)", [], true),
        ("HEAD", "/partnerships/berlin-bruessel.ics?token=\(FeedFixture.token)", [], false),
        ("GET", "/calendar.ics", ["If-Modified-Since: Fri, 10 May 2024 12:00:00 GMT"], false),
        ("GET", "/calendar.ics", ["If-Modified-Since: Thu, 09 May 2024 12:00:00 GMT"], true),
        ("GET", "/calendar.ics", ["If-None-Match: \"stale\""], true),
        (
            "GET", "/calendar.ics", ["If-None-Match: \"stale\"", "If-Modified-Since: Fri, 10 May 2024 12:00:00 GMT"],
            true
        ),
        ("HEAD", "/calendar.ics", ["If-None-Match: *"], false),
    ]

    @Test("every feed request a calendar client makes is answered from prepared bytes")
    func recognised() throws {
        let store = FeedFixture.store()
        let answers = PreparedFeedAnswers(store: store, activity: nil, date: DateHeader())
        for variant in Self.variants {
            var fields = HTTPHeaders([("Host", "x")])
            for line in variant.headers {
                let parts = line.split(separator: ":", maxSplits: 1)
                fields.add(name: String(parts[0]), value: parts[1].trimmingCharacters(in: .whitespaces))
            }
            let head = HTTPRequestHead(
                version: .http1_1, method: variant.method == "GET" ? .GET : .HEAD, uri: variant.target,
                headers: fields)
            let answer = try #require(answers.answer(head), "\(variant)")
            #expect(String(buffer: answer.date).hasPrefix("Date: "))
            #expect((answer.body != nil) == variant.hasBody, "\(variant)")
        }
    }

    @Test("requests it does not know exactly go the general way")
    func handedOn() {
        let store = FeedFixture.store()
        let answers = PreparedFeedAnswers(store: store, activity: nil, date: DateHeader())
        func head(
            _ method: HTTPMethod = .GET, _ uri: String = "/calendar.ics", version: HTTPVersion = .http1_1,
            _ fields: [(String, String)] = []
        ) -> HTTPRequestHead {
            HTTPRequestHead(version: version, method: method, uri: uri, headers: HTTPHeaders([("Host", "x")] + fields))
        }
        #expect(answers.answer(head()) != nil)
        #expect(answers.answer(head(.POST)) == nil)
        #expect(answers.answer(head(version: .http1_0)) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics", [("Connection", "close")])) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics", [("Content-Length", "5")])) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics", [("Transfer-Encoding", "chunked")])) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics?token=wrong")) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics?token=a%20b")) == nil)
        #expect(answers.answer(head(.GET, "/calendar.ics?x=1")) == nil)
        #expect(answers.answer(head(.GET, "/partnerships/berlin-hidden.ics")) == nil)
        #expect(answers.answer(head(.GET, "/partnerships/nowhere.ics")) == nil)
        #expect(answers.answer(head(.GET, "/healthz")) == nil)
        #expect(answers.answer(head(.GET, "/")) == nil)
        #expect(PreparedFeedAnswers(store: FeedStore(), activity: nil, date: DateHeader()).answer(head()) == nil)
        #expect(PreparedFeedAnswers.target("/a?token=b-c_d.e~f")?.token == "b-c_d.e~f")
        #expect(PreparedFeedAnswers.target("/a?token=")?.token == "")
        #expect(PreparedFeedAnswers.target("/a?token=b&x=1") == nil)
    }

    @Test(
        "over HTTP, a prepared answer and the general path's answer to the same request are the same",
        arguments: [false, true])
    func sameAnswers(deferred: Bool) async throws {
        let store = FeedFixture.store()
        if deferred {
            // Partnership feeds rendered on their first request, as the daemon does.
            store.replace(
                with: FeedRenderer(configuration: FeedFixture.configuration()).renderDeferringPartnerships(
                    revisions: .empty, now: FeedFixture.now
                ).feeds)
        }
        try await withFeedServer(store: store) { port in
            for variant in Self.variants {
                let extra = variant.headers.map { $0 + "\r\n" }.joined()
                let kept = "\(variant.method) \(variant.target) HTTP/1.1\r\nHost: x\r\n\(extra)\r\n"
                let closing = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                let bytes = try await RawHTTPClient.onThread {
                    try RawHTTPClient.roundTrip(Array((kept + closing).utf8), port: port, timeoutSeconds: 10)
                }
                let both = try Self.responses(bytes, bodiless: [variant.method == "HEAD", false])
                let prepared = both[0]
                let general = try await RawHTTPClient.request(
                    variant.method, variant.target, port: port, headers: variant.headers)
                #expect(prepared.status == general.status, "\(variant)")
                #expect(Self.comparable(prepared) == Self.comparable(general), "\(variant)")
                #expect(prepared.body == general.body, "\(variant)")
                #expect(prepared.header("Date") != nil)
                #expect(both[1].text == "ok\n")
            }
        }
    }

    @Test("pipelined requests are answered in order, whichever path each takes")
    func pipelinedOrder() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let requests = [
                "GET /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "HEAD /partnerships/berlin-bruessel.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /partnerships/berlin-bruessel.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "HEAD /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /calendar.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            ]
            let bytes = try await RawHTTPClient.onThread {
                try RawHTTPClient.roundTrip(Array(requests.joined().utf8), port: port, timeoutSeconds: 10)
            }
            let answers = try Self.responses(bytes, bodiless: [false, false, false, true, false, false, true, false])
            #expect(answers.map(\.status) == [200, 200, 200, 200, 200, 200, 404, 200])
            #expect(answers[6].header("Content-Length") == "11", "HEAD of an unknown path: the length only")
            #expect(answers[7].body == answers[0].body)
            #expect(
                answers.map { $0.header("Content-Type") ?? "" } == [
                    "text/calendar; charset=utf-8", "text/html; charset=utf-8", "text/calendar; charset=utf-8",
                    "text/calendar; charset=utf-8", "text/plain; charset=utf-8", "text/calendar; charset=utf-8",
                    "text/plain; charset=utf-8", "text/calendar; charset=utf-8",
                ])
            #expect(answers[0].body == answers[2].body)
            #expect(answers[4].text == "ok\n")
            #expect(answers[5].text.contains("Brüssel"))
        }
    }

    @Test("a kept-alive connection is closed after the idle timeout that follows its last answer")
    func idleAfterPreparedAnswers() async throws {
        let store = FeedFixture.store()
        let limits = FeedServerLimits(headTimeout: .seconds(1), idleTimeout: .seconds(1))
        try await withFeedServer(store: store, limits: limits) { port in
            let outcome = try await RawHTTPClient.onThread { () -> (answers: Int, closed: Bool) in
                let descriptor = try RawHTTPClient.connect(port: port, timeoutSeconds: 10)
                defer { close(descriptor) }
                // Requests every 300 ms for 1.5 s: longer than the timeout, never idle that long.
                var answers = 0
                for _ in 0..<5 {
                    RawHTTPClient.send(Array("HEAD /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n".utf8), on: descriptor)
                    var scratch = [UInt8](repeating: 0, count: 4096)
                    let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count > 0 && scratch.starts(with: Array("HTTP/1.1 200".utf8)) { answers += 1 }
                    usleep(300_000)
                }
                let rest = try RawHTTPClient.readAll(from: descriptor)
                return (answers, rest.isEmpty)
            }
            #expect(outcome.answers == 5)
            #expect(outcome.closed)
        }
    }

    @Test("a graceful shutdown closes kept-alive connections that prepared answers served")
    func shutdownClosesIdleConnections() async throws {
        let store = FeedFixture.store()
        let limits = FeedServerLimits(headTimeout: .seconds(1), idleTimeout: .seconds(600))
        let open = OpenConnection()
        try await withFeedServer(store: store, limits: limits) { port in
            let served = try await RawHTTPClient.onThread { () -> Bool in
                let descriptor = try RawHTTPClient.connect(port: port, timeoutSeconds: 10)
                open.descriptor = descriptor
                RawHTTPClient.send(Array("HEAD /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n".utf8), on: descriptor)
                var scratch = [UInt8](repeating: 0, count: 4096)
                let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                return count > 0 && scratch.starts(with: Array("HTTP/1.1 200".utf8))
            }
            #expect(served)
        }
        let descriptor = try #require(open.descriptor)
        defer { close(descriptor) }
        // The server has stopped: the connection it kept must have been closed, not left to the 600 s timeout.
        let rest = try await RawHTTPClient.onThread { try RawHTTPClient.readAll(from: descriptor) }
        #expect(rest.isEmpty)
    }
}

/// A descriptor handed from a test's worker thread to the test after the server stops.
private final class OpenConnection: @unchecked Sendable {
    var descriptor: Int32?
}
