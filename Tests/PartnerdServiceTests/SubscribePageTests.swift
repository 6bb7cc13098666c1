import Testing

@testable import PartnerdService

/// The subscribe page and `/metrics` through the pure request table: every row without a socket.
@Suite("Subscribe page and metrics routes")
struct SubscribePageTests {
    static func snapshot(publicURL: String? = nil, metrics: Bool = true) -> FeedSnapshot? {
        let store = FeedStore()
        store.replace(with: FeedFixture.rendered(), publicURL: publicURL, metrics: metrics)
        return store.snapshot
    }

    static func get(
        _ path: String, token: String? = nil, host: String? = "calendar.example.org", method: String = "GET",
        ifNoneMatch: String? = nil, snapshot: FeedSnapshot? = snapshot(),
        site: FeedRequestHandler.Site = FeedRequestHandler.Site(listen: "127.0.0.1:8080", metrics: { Array("m 1\n".utf8) })
    ) -> (reply: FeedRequestHandler.Reply, html: String) {
        let reply = FeedRequestHandler.reply(
            to: FeedRequestHandler.Request(
                method: method, path: path, token: token, ifNoneMatch: ifNoneMatch, ifModifiedSince: nil, host: host),
            snapshot: snapshot, site: site)
        return (reply, String(decoding: reply.body.readableBytesView, as: UTF8.self))
    }

    static func header(_ reply: FeedRequestHandler.Reply, _ name: String) -> String? {
        reply.headers.first { $0.name == name }?.value
    }

    @Test(
        "routes: pages, feeds, metrics and what is unknown",
        arguments: [
            ("/", FeedRequestHandler.Route.page(nil)),
            ("/partnerships/berlin-bruessel", .page(PartnershipID(rawValue: "berlin-bruessel"))),
            ("/partnerships/berlin-bruessel.ics", .feed(PartnershipID(rawValue: "berlin-bruessel"))),
            ("/metrics", .metrics),
            ("/partnerships/Berlin", .unknown),
            ("/partnerships/", .unknown),
            ("/index.html", .unknown),
        ])
    func routes(path: String, route: FeedRequestHandler.Route) {
        #expect(FeedRequestHandler.route(path) == route)
    }

    @Test("the public page: German, every public feed four ways, no private partnership, no token")
    func publicPage() throws {
        let (reply, html) = Self.get("/")
        #expect(reply.status == 200)
        #expect(Self.header(reply, "Content-Type") == "text/html; charset=utf-8")
        #expect(reply.activity == .page)
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("href=\"webcal://calendar.example.org/calendar.ics\""))
        #expect(html.contains("value=\"http://calendar.example.org/calendar.ics\""))
        #expect(
            html.contains(
                "href=\"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcalendar.example.org%2Fcalendar.ics\""))
        #expect(
            html.contains(
                "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Fcalendar.example.org%2Fcalendar.ics&amp;name="))
        #expect(html.contains("href=\"/partnerships/berlin-bruessel\""))
        #expect(html.contains("Berlin – Brüssel"))
        #expect(!html.contains("berlin-hidden") && !html.contains("Verborgen"))
        #expect(!html.contains(FeedFixture.token) && !html.contains("token="))
        #expect(html.contains("Brüssel: 32. Jahrestag der Städtepartnerschaft"), "the next anniversary, 2024-06-01")
    }

    @Test("with the token: the private partnerships, every link carrying it, a note; a wrong token is 404")
    func privatePage() {
        let (reply, html) = Self.get("/", token: FeedFixture.token)
        #expect(reply.status == 200)
        #expect(Self.header(reply, "Cache-Control") == "private, no-cache")
        #expect(html.contains("Berlin – Verborgen"))
        #expect(html.contains("value=\"http://calendar.example.org/partnerships/berlin-hidden.ics?token=\(FeedFixture.token)\""))
        #expect(html.contains("class=\"note\""))
        #expect(Self.get("/", token: "wrong").reply.status == 404)
        #expect(Self.get("/partnerships/berlin-hidden").reply.status == 404)
        #expect(Self.get("/partnerships/berlin-hidden", token: FeedFixture.token).reply.status == 200)
        #expect(Self.get("/partnerships/nowhere").reply.status == 404)
    }

    @Test("links go to feed.public_url when set; a strange Host falls back to the listen address")
    func bases() {
        let configured = Self.get("/", snapshot: Self.snapshot(publicURL: "https://kalender.berlin.de")).html
        #expect(configured.contains("webcal://kalender.berlin.de/calendar.ics"))
        #expect(!configured.contains("calendar.example.org"))
        let strange = Self.get("/", host: "evil.example\"><script>").html
        #expect(strange.contains("http://127.0.0.1:8080/calendar.ics"))
        #expect(!strange.contains("<script>"))
    }

    @Test("one partnership's page, ETag and 304, HEAD, and 405 for other methods")
    func partnershipPageCaching() throws {
        let first = Self.get("/partnerships/berlin-bruessel")
        #expect(first.reply.status == 200)
        #expect(first.html.contains("<h1>Berlin – Brüssel</h1>"))
        #expect(!first.html.contains("/partnerships/berlin-bruessel\"><"), "no list of other partnerships")
        let tag = try #require(Self.header(first.reply, "ETag"))
        let again = Self.get("/partnerships/berlin-bruessel", ifNoneMatch: tag)
        #expect(again.reply.status == 304 && again.reply.body.readableBytes == 0)
        let head = Self.get("/partnerships/berlin-bruessel", method: "HEAD")
        #expect(head.reply.status == 200 && head.reply.body.readableBytes == 0)
        #expect(head.reply.contentLength == first.reply.contentLength)
        let post = Self.get("/", method: "POST")
        #expect(post.reply.status == 405 && Self.header(post.reply, "Allow") == "GET, HEAD")
    }

    @Test("every language has the page's words", arguments: Language.allCases)
    func languages(language: Language) {
        var configuration = FeedFixture.configuration()
        configuration.daemon.language = language
        let store = FeedStore()
        store.replace(with: FeedFixture.rendered(configuration))
        let html = Self.get("/", snapshot: store.snapshot).html
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
        #expect(html.contains(PageTexts(language: language).openInApp.replacingOccurrences(of: "’", with: "’")))
    }

    @Test("/metrics: the exposition when feed.metrics is on, 404 when off or before the first rendering")
    func metrics() {
        let on = Self.get("/metrics")
        #expect(on.reply.status == 200)
        #expect(Self.header(on.reply, "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(on.html == "m 1\n")
        #expect(on.reply.activity == nil)
        #expect(Self.get("/metrics", snapshot: Self.snapshot(metrics: false)).reply.status == 404)
        #expect(Self.get("/metrics", snapshot: nil).reply.status == 404)
    }

    @Test("feed answers carry their kind for the activity counts")
    func activityKinds() {
        #expect(Self.get("/calendar.ics").reply.activity == .calendar)
        #expect(Self.get("/partnerships/berlin-bruessel.ics").reply.activity == .partnership)
        #expect(Self.get("/healthz").reply.activity == nil)
    }
}
