import Foundation
import Testing

@testable import PartnerdService

#if canImport(Glibc)
    import Glibc
#endif

/// Configurations and feeds shared by the feed server tests.
enum FeedFixture {
    static let token = "0123456789abcdef-token"
    /// 2024-05-10T12:00:00Z.
    static let now = Instant(secondsSinceEpoch: 1_715_342_400)

    static func configuration(description: String = "Jazz", bruesselPrivate: Bool = false) -> Configuration {
        let berlin = Zone(identifier: "Europe/Berlin") ?? .utc
        let start = LocalDateTime(year: 2024, month: 11, day: 26, hour: 10) ?? LocalDateTime(wallSeconds: 0)
        let concert = Event(
            id: EventID(rawValue: "concert"), title: "Konzert", start: .dateTime(start), length: .exact(seconds: 3600),
            description: description, zone: berlin)
        let secret = Event(
            id: EventID(rawValue: "secret"), title: "Geheimes Treffen", start: .dateTime(start),
            length: .exact(seconds: 3600),
            zone: berlin, isPrivate: true)
        let bruessel = Partnership(
            id: PartnershipID(rawValue: "berlin-bruessel"), city: "Berlin", partner: "Brüssel", country: "BE",
            signed: LocalDate(year: 1992, month: 6, day: 1) ?? LocalDate(daysSinceEpoch: 0), zone: berlin,
            isPrivate: bruesselPrivate, events: [concert, secret])
        let hidden = Partnership(
            id: PartnershipID(rawValue: "berlin-hidden"), city: "Berlin", partner: "Verborgen", country: "FR",
            signed: LocalDate(year: 2000, month: 3, day: 3) ?? LocalDate(daysSinceEpoch: 0), zone: berlin,
            isPrivate: true)
        var feed = FeedSettings()
        feed.token = token
        return Configuration(
            daemon: DaemonSettings(zone: berlin, language: .de), feed: feed, reminders: .standard,
            partnerships: [bruessel, hidden], files: [])
    }

    static func rendered(_ configuration: Configuration = configuration(), at now: Instant = now) -> RenderedFeeds {
        FeedRenderer(configuration: configuration).render(revisions: .empty, now: now).feeds
    }

    static func store() -> FeedStore {
        let store = FeedStore()
        store.replace(with: rendered())
        return store
    }
}

@Suite("Feed server over real HTTP on 127.0.0.1", .serialized)
struct FeedServerTests {
    @Test("GET /calendar.ics: the public calendar with its validators")
    func calendar() async throws {
        let feeds = FeedFixture.rendered()
        let store = FeedStore()
        store.replace(with: feeds)
        let expected = try #require(feeds[.publicCalendar])
        try await withFeedServer(store: store) { port in
            let response = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/calendar; charset=utf-8")
            #expect(response.header("ETag") == expected.entityTag)
            #expect(response.header("Last-Modified") == "Fri, 10 May 2024 12:00:00 GMT")
            #expect(response.header("Content-Length") == String(expected.bytes.count))
            #expect(response.body == expected.bytes)
            #expect(!response.text.contains("Geheimes Treffen"))
            #expect(!response.text.contains("berlin-hidden"))
        }
    }

    @Test("HEAD: the headers of GET, no body")
    func head() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let get = try await RawHTTPClient.request("GET", "/partnerships/berlin-bruessel.ics", port: port)
            let head = try await RawHTTPClient.request("HEAD", "/partnerships/berlin-bruessel.ics", port: port)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(head.header("ETag") == get.header("ETag"))
            #expect(head.header("Content-Type") == "text/calendar; charset=utf-8")
            let health = try await RawHTTPClient.request("HEAD", "/healthz", port: port)
            #expect(health.status == 200 && health.body.isEmpty)
        }
    }

    @Test("per-partnership feeds, unknown and private ones, and the token")
    func partnershipsAndToken() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let bruessel = try await RawHTTPClient.request("GET", "/partnerships/berlin-bruessel.ics", port: port)
            #expect(bruessel.status == 200)
            #expect(bruessel.text.contains("UID:concert.berlin-bruessel@partnerd"))
            #expect(!bruessel.text.contains("Geheimes Treffen"))

            let unknown = try await RawHTTPClient.request("GET", "/partnerships/nowhere.ics", port: port)
            let hidden = try await RawHTTPClient.request("GET", "/partnerships/berlin-hidden.ics", port: port)
            let wrongToken = try await RawHTTPClient.request(
                "GET", "/partnerships/berlin-hidden.ics?token=guess", port: port)
            let emptyToken = try await RawHTTPClient.request("GET", "/calendar.ics?token=", port: port)
            let almost = String(FeedFixture.token.dropLast()) + "X"
            let nearlyRight = try await RawHTTPClient.request("GET", "/calendar.ics?token=\(almost)", port: port)
            // Indistinguishable: same status, same body, same headers but the date.
            for response in [unknown, hidden, wrongToken, emptyToken, nearlyRight] {
                #expect(response.status == 404)
                #expect(response.body == unknown.body)
                #expect(
                    response.headers.filter { $0.name != "Date" }.map { "\($0.name): \($0.value)" }
                        == unknown.headers.filter { $0.name != "Date" }.map { "\($0.name): \($0.value)" })
            }

            let withToken = try await RawHTTPClient.request(
                "GET", "/calendar.ics?token=\(FeedFixture.token)", port: port)
            #expect(withToken.status == 200)
            #expect(withToken.text.contains("Geheimes Treffen"))
            #expect(withToken.text.contains("anniversary-24.berlin-hidden@partnerd"))
            #expect(withToken.header("Cache-Control") == "private, no-cache")
            let hiddenWithToken = try await RawHTTPClient.request(
                "GET", "/partnerships/berlin-hidden.ics?token=\(FeedFixture.token)", port: port)
            #expect(hiddenWithToken.status == 200)
        }
    }

    @Test("/healthz, unknown paths, and other methods on known paths")
    func routes() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let health = try await RawHTTPClient.request("GET", "/healthz", port: port)
            #expect(health.status == 200)
            #expect(health.text.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
            for path in [
                "/calendar", "/calendar.ics/", "/partnerships/", "/partnerships/.ics", "/partnerships/Berlin.ics",
                "/partnerships/../calendar.ics", "/etc/passwd", "/partnerships/berlin-bruessel.ics/x", "/CALENDAR.ICS",
            ] {
                let response = try await RawHTTPClient.request("GET", path, port: port)
                #expect(response.status == 404, "\(path)")
            }
            for (method, path) in [
                ("POST", "/calendar.ics"), ("PUT", "/partnerships/berlin-bruessel.ics"),
                ("DELETE", "/healthz"), ("OPTIONS", "/calendar.ics"), ("PATCH", "/calendar.ics"),
            ] {
                let response = try await RawHTTPClient.request(method, path, port: port)
                #expect(response.status == 405, "\(method) \(path)")
                #expect(response.header("Allow") == "GET, HEAD")
            }
            // A private feed's path is not "known" without the token: 404, not 405.
            let post = try await RawHTTPClient.request("POST", "/partnerships/berlin-hidden.ics", port: port)
            #expect(post.status == 404)
        }
    }

    @Test("conditional requests: If-None-Match first, If-Modified-Since only without it")
    func conditional() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let first = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            let tag = try #require(first.header("ETag"))
            let modified = try #require(first.header("Last-Modified"))

            let matching = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-None-Match: \(tag)"])
            #expect(matching.status == 304)
            #expect(matching.body.isEmpty)
            #expect(matching.header("ETag") == tag)

            let inList = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-None-Match: \"other\", W/\(tag)"])
            #expect(inList.status == 304)
            let star = try await RawHTTPClient.request(
                "HEAD", "/calendar.ics", port: port, headers: ["If-None-Match: *"])
            #expect(star.status == 304)

            let stale = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-None-Match: \"stale\""])
            #expect(stale.status == 200)
            #expect(stale.body == first.body)

            let since = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-Modified-Since: \(modified)"])
            #expect(since.status == 304)
            let before = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-Modified-Since: Thu, 09 May 2024 12:00:00 GMT"])
            #expect(before.status == 200)
            let staleTagFreshDate = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port,
                headers: ["If-None-Match: \"stale\"", "If-Modified-Since: \(modified)"])
            #expect(staleTagFreshDate.status == 200, "If-Modified-Since is ignored when If-None-Match is present")
            let garbage = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-Modified-Since: yesterday"])
            #expect(garbage.status == 200)
        }
    }

    @Test("a new render is served at once; unchanged feeds keep their Last-Modified")
    func replace() async throws {
        let first = FeedRenderer(configuration: FeedFixture.configuration()).render(
            revisions: .empty, now: FeedFixture.now)
        let store = FeedStore()
        store.replace(with: first.feeds)
        try await withFeedServer(store: store) { port in
            let before = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            let later = FeedFixture.now.adding(seconds: 3600)
            let again = FeedRenderer(configuration: FeedFixture.configuration()).render(
                revisions: first.revisions, now: later)
            store.replace(with: again.feeds)
            let same = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            #expect(same.header("ETag") == before.header("ETag"))
            #expect(same.header("Last-Modified") == before.header("Last-Modified"))

            let edited = FeedRenderer(configuration: FeedFixture.configuration(description: "Neu"))
                .render(revisions: again.revisions, now: later)
            store.replace(with: edited.feeds)
            let changed = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            #expect(changed.header("ETag") != before.header("ETag"))
            #expect(changed.header("Last-Modified") == "Fri, 10 May 2024 13:00:00 GMT")
            #expect(changed.text.contains("DESCRIPTION:Neu"))
            let revalidated = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["If-None-Match: \(before.header("ETag") ?? "")"])
            #expect(revalidated.status == 200)
        }
    }

    @Test(
        "partnership feeds rendered on request: unchanged ones keep their Last-Modified across renderings, even unasked"
    )
    func deferredReplace() async throws {
        let configuration = FeedFixture.configuration()
        let path = "/partnerships/berlin-bruessel.ics"
        let first = FeedRenderer(configuration: configuration).renderDeferringPartnerships(
            revisions: .empty, now: FeedFixture.now)
        #expect(first.feeds.feeds.keys.allSatisfy { $0.partnership == nil })
        let store = FeedStore()
        store.replace(with: first.feeds)
        try await withFeedServer(store: store) { port in
            let before = try await RawHTTPClient.request("GET", path, port: port)
            #expect(before.status == 200)
            #expect(before.header("Last-Modified") == "Fri, 10 May 2024 12:00:00 GMT")
            let eager = try #require(
                FeedRenderer(configuration: configuration).render(revisions: .empty, now: FeedFixture.now)
                    .feeds[FeedKey(partnership: PartnershipID(rawValue: "berlin-bruessel"))])
            #expect(before.body == eager.bytes)

            // Two renderings later, the second without a request in between: still the first Last-Modified.
            var revisions = first.revisions
            for hours in [1, 2] {
                let again = FeedRenderer(configuration: configuration).renderDeferringPartnerships(
                    revisions: revisions, now: FeedFixture.now.adding(seconds: Int64(hours) * 3600))
                store.replace(with: again.feeds)
                revisions = again.revisions
            }
            let same = try await RawHTTPClient.request("GET", path, port: port)
            #expect(same.header("ETag") == before.header("ETag"))
            #expect(same.header("Last-Modified") == before.header("Last-Modified"))
            let notModified = try await RawHTTPClient.request(
                "GET", path, port: port, headers: ["If-Modified-Since: \(before.header("Last-Modified") ?? "")"])
            #expect(notModified.status == 304)

            let edited = FeedRenderer(configuration: FeedFixture.configuration(description: "Neu"))
                .renderDeferringPartnerships(revisions: revisions, now: FeedFixture.now.adding(seconds: 3 * 3600))
            store.replace(with: edited.feeds)
            let changed = try await RawHTTPClient.request("GET", path, port: port)
            #expect(changed.header("ETag") != before.header("ETag"))
            #expect(changed.header("Last-Modified") == "Fri, 10 May 2024 15:00:00 GMT")
            #expect(changed.text.contains("DESCRIPTION:Neu"))

            // Private partnerships stay hidden without the token, and appear with it.
            let hidden = try await RawHTTPClient.request("GET", "/partnerships/berlin-hidden.ics", port: port)
            #expect(hidden.status == 404)
            let shown = try await RawHTTPClient.request(
                "GET", "/partnerships/berlin-hidden.ics?token=\(FeedFixture.token)", port: port)
            #expect(shown.status == 200)
            let unknown = try await RawHTTPClient.request("GET", "/partnerships/nowhere.ics", port: port)
            #expect(unknown.status == 404)
        }
    }

    @Test("oversized request heads get 431, requests with content 413 (405 for a method the path does not allow)")
    func oversized() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let big = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: ["X-Filler: " + String(repeating: "a", count: 10_000)])
            #expect(big.status == 431)
            let longTarget = try await RawHTTPClient.request(
                "GET", "/calendar.ics?x=" + String(repeating: "b", count: 20_000), port: port)
            #expect(longTarget.status == 431)
            let manyFields = try await RawHTTPClient.request(
                "GET", "/calendar.ics", port: port, headers: (0..<500).map { "X-Field-\($0): value" })
            #expect(manyFields.status == 431)
            let withContent = try await RawHTTPClient.exchange(
                "POST /calendar.ics HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n"
                    + String(repeating: "c", count: 1000), port: port)
            #expect(withContent.status == 405, "POST is not allowed, with or without content")
            let chunked = try await RawHTTPClient.exchange(
                "GET /calendar.ics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n",
                port: port)
            #expect(chunked.status == 413)
            // The server is still fine afterwards.
            let normal = try await RawHTTPClient.request("GET", "/healthz", port: port)
            #expect(normal.status == 200)
        }
    }

    @Test(
        "a client that trickles its headers is dropped after the head timeout; a prompt one on the same server is served"
    )
    func slowClient() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store, limits: FeedServerLimits(headTimeout: .seconds(1))) { port in
            let outcome = try await RawHTTPClient.onThread { () -> (dropped: Bool, seconds: Double) in
                let descriptor = try RawHTTPClient.connect(port: port, timeoutSeconds: 10)
                defer { close(descriptor) }
                let started = Date()
                RawHTTPClient.send(Array("GET /calendar.ics HTTP/1.1\r\n".utf8), on: descriptor)
                // One header byte every 100 ms: the connection never idles, but the head never completes.
                for byte in Array("X-Slow: \(String(repeating: "z", count: 100))".utf8) {
                    guard RawHTTPClient.send([byte], on: descriptor) else {
                        return (true, Date().timeIntervalSince(started))
                    }
                    var pending = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    if poll(&pending, 1, 100) > 0 {
                        var scratch = [UInt8](repeating: 0, count: 512)
                        let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                        if count <= 0 { return (true, Date().timeIntervalSince(started)) }
                    }
                }
                return (false, Date().timeIntervalSince(started))
            }
            #expect(outcome.dropped)
            #expect(outcome.seconds < 5)
            let prompt = try await RawHTTPClient.request("GET", "/healthz", port: port)
            #expect(prompt.status == 200)
        }
    }

    @Test("a connection that sends nothing is dropped too")
    func silentClient() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store, limits: FeedServerLimits(headTimeout: .seconds(1))) { port in
            let received = try await RawHTTPClient.onThread { () -> Int in
                let descriptor = try RawHTTPClient.connect(port: port, timeoutSeconds: 8)
                defer { close(descriptor) }
                return try RawHTTPClient.readAll(from: descriptor).count
            }
            #expect(received == 0)
        }
    }

    @Test("keep-alive: several requests on one connection")
    func keepAlive() async throws {
        let store = FeedFixture.store()
        try await withFeedServer(store: store) { port in
            let response = try await RawHTTPClient.exchange(
                "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nHEAD /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
            #expect(response.status == 200)
            let all = String(decoding: response.body, as: UTF8.self)
            #expect(all.components(separatedBy: "HTTP/1.1 200").count == 3)
        }
    }

    @Test("1,000 concurrent connections are all served")
    func manyConnections() async throws {
        FeedServer.raiseOpenFileLimit(logger: .init(label: "test"))
        let store = FeedFixture.store()
        try await withFeedServer(store: store, limits: FeedServerLimits(headTimeout: .seconds(30))) { port in
            let served = try await RawHTTPClient.onThread { () -> Int in
                var descriptors: [Int32] = []
                defer { for descriptor in descriptors { close(descriptor) } }
                for _ in 0..<1000 { descriptors.append(try RawHTTPClient.connect(port: port, timeoutSeconds: 30)) }
                let request = Array("GET /calendar.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
                for descriptor in descriptors { RawHTTPClient.send(request, on: descriptor) }
                var served = 0
                for descriptor in descriptors {
                    let bytes = try RawHTTPClient.readAll(from: descriptor)
                    if bytes.starts(with: Array("HTTP/1.1 200".utf8)) { served += 1 }
                }
                return served
            }
            #expect(served == 1000)
        }
    }
}
