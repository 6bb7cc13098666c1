import Testing

@testable import PartnerdCore

@Suite("Request heads as the guard sees them")
struct RequestHeadScannerTests {
    static func events(_ chunks: [String], limit: Int = 64) -> [RequestHeadScanner.Event] {
        var scanner = RequestHeadScanner(maximumHeadSize: limit)
        var all = scanner.connectionOpened()
        for chunk in chunks { all += scanner.consume(Array(chunk.utf8)) }
        return all
    }

    @Test(
        "heads begin, end and overflow",
        arguments: [
            (["GET / HTTP/1.1\r\nHost: a\r\n\r\n"], [RequestHeadScanner.Event.headStarted, .headEnded]),
            (["GET / HTTP/1.1\nHost: a\n\n"], [.headStarted, .headEnded]),
            (["GET / HTTP/1.1\r\nHo", "st: a\r\n", "\r\n"], [.headStarted, .headEnded]),
            (["GET / HTTP/1.1\r\n\r\nGET /x HTTP/1.1\r\n\r\n"], [.headStarted, .headEnded, .headStarted, .headEnded]),
            (["GET /" + String(repeating: "a", count: 100)], [.headStarted, .tooLarge]),
            (["GET / HTTP/1.1\r\n"], [.headStarted]),
        ] as [([String], [RequestHeadScanner.Event])])
    func heads(chunks: [String], expected: [RequestHeadScanner.Event]) {
        #expect(Self.events(chunks) == expected)
    }

    @Test(
        "a head that announces content is followed by a body, never counted as a head",
        arguments: [
            "Content-Length: 100000", "content-length:5", "CONTENT-LENGTH: 12", "Transfer-Encoding: chunked",
            "Content-Length: x",
        ])
    func body(field: String) {
        var scanner = RequestHeadScanner(maximumHeadSize: 64)
        _ = scanner.connectionOpened()
        #expect(scanner.consume(Array("POST / HTTP/1.1\r\n\(field)\r\n\r\n".utf8)) == [.headEnded])
        #expect(scanner.isPassingThrough)
        #expect(scanner.consume(Array(String(repeating: "b", count: 10_000).utf8)).isEmpty)
    }

    @Test("Content-Length: 0 announces nothing: the next bytes are the next head")
    func zeroLength() {
        var scanner = RequestHeadScanner(maximumHeadSize: 64)
        _ = scanner.connectionOpened()
        #expect(scanner.consume(Array("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\nGET".utf8)) == [.headEnded, .headStarted])
        #expect(!scanner.isPassingThrough)
    }
}
