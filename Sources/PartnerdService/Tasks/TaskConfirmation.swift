import NIOCore
import PartnerdCore
import Synchronization

/// The confirm page of a task reminder's link, `/task/<token>` on the feed server: `GET` shows the item and a
/// button and changes nothing (mail scanners fetch every link); the button `POST`s and marks the item done,
/// answered only once the ledger holds the mark. A token that is not this daemon's, is damaged or has expired gets
/// the same 404 as an unknown path, and after many of those in a minute further failures get 429.
package final class TaskConfirmation: Sendable {
    let key: TaskLinkKey
    let engine: ReminderEngine
    let clock: any WallClock
    private let failures = Mutex<[Int64]>([])
    /// Failed tokens a minute before they are answered 429.
    static let failureLimit = 20

    package init(key: TaskLinkKey, engine: ReminderEngine, clock: any WallClock) {
        self.key = key
        self.engine = engine
        self.clock = clock
    }

    func answer(method: String, path: String) async -> FeedRequestHandler.Reply {
        let now = clock.now
        let token = String(path.dropFirst("/task/".count))
        guard let item = key.verify(token, now: now), let view = engine.taskView(item) else {
            let tooMany = failures.withLock { list in
                list.removeAll { $0 < now.secondsSinceEpoch - 60 }
                list.append(now.secondsSinceEpoch)
                return list.count > Self.failureLimit
            }
            guard !tooMany else {
                var reply = FeedRequestHandler.text(429, "Too many requests; try again in a minute.\n", headOnly: false)
                reply.headers.append((name: "Retry-After", value: "60"))
                return reply
            }
            return FeedRequestHandler.notFound()
        }
        let texts = TaskPageTexts(language: view.language)
        switch method {
        case "GET", "HEAD":
            let html = TaskPage.html(view, texts: texts, state: view.done.map { .done($0) } ?? .open)
            return Self.page(200, html, headOnly: method == "HEAD")
        case "POST":
            switch await engine.markDone(item, by: "link") {
            case .success(let outcome):
                let mark = DeliveryLedger.Done(
                    item: item, at: StatusTimestamp(outcome.at)?.instant ?? now, by: outcome.by, keepUntil: now)
                return Self.page(200, TaskPage.html(view, texts: texts, state: outcome.isNew ? .marked(mark) : .done(mark)), headOnly: false)
            case .failure(let error):
                return Self.page(503, TaskPage.html(view, texts: texts, state: .failed(error.message)), headOnly: false)
            }
        default:
            var reply = FeedRequestHandler.text(405, "Only GET and POST are allowed here.\n", headOnly: false)
            reply.headers.append((name: "Allow", value: "GET, HEAD, POST"))
            return reply
        }
    }

    static func page(_ status: Int, _ html: String, headOnly: Bool) -> FeedRequestHandler.Reply {
        let body = ByteBuffer(string: html)
        return FeedRequestHandler.Reply(
            status: status,
            headers: [
                (name: "Content-Type", value: FeedRequestHandler.pageType),
                (name: "Cache-Control", value: "no-store"),
                (
                    name: "Content-Security-Policy",
                    value: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                ),
                (name: "X-Content-Type-Options", value: "nosniff"),
                // The token is in the URL: no other site may see it.
                (name: "Referrer-Policy", value: "no-referrer"),
            ],
            body: headOnly ? ByteBuffer() : body, contentLength: body.readableBytes)
    }
}

/// What the confirm page shows of an item.
package struct TaskView: Sendable {
    package var item: TaskItem
    package var done: DeliveryLedger.Done?
    package var language: Language
    package var zone: Zone
}

enum TaskPage {
    enum State {
        case open
        /// Marked by this request.
        case marked(DeliveryLedger.Done)
        /// Marked before.
        case done(DeliveryLedger.Done)
        case failed(String)
    }

    static func html(_ view: TaskView, texts: TaskPageTexts, state: State) -> String {
        let item = view.item
        let general = Texts(language: view.language)
        let when = item.target.isAllDay ? general.date(item.target.start.date) : general.dateTime(item.target.start)
        let due = general.date(view.zone.localDateTime(at: item.due).date)
        var body = """
            <h1>\(escaped(item.task.title))</h1>
            <p>\(escaped(texts.forWord)) \(escaped(item.target.title)) (\(escaped(when)))<br>\(escaped(texts.dueWord)) \(escaped(due))</p>

            """
        func mark(_ done: DeliveryLedger.Done) -> String {
            let at = general.dateTime(view.zone.localDateTime(at: Instant(secondsSinceEpoch: done.at)))
            return "\(at) (\(done.by))"
        }
        switch state {
        case .open:
            body += "<form method=\"post\"><button type=\"submit\">\(escaped(texts.button))</button></form>\n"
        case .marked(let done):
            body += "<p class=\"done\">\(escaped(texts.thanks)) \(escaped(mark(done)))</p>\n"
        case .done(let done):
            body += "<p class=\"done\">\(escaped(texts.already)) \(escaped(mark(done)))</p>\n"
        case .failed(let reason):
            body += "<p class=\"failed\">\(escaped(texts.failed)) \(escaped(reason))</p>\n"
            body += "<form method=\"post\"><button type=\"submit\">\(escaped(texts.button))</button></form>\n"
        }
        return """
            <!doctype html>
            <html lang="\(view.language.rawValue)">
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(escaped(item.task.title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 36rem; padding: 0 1rem; line-height: 1.5; }
            button { font-size: 1.1rem; padding: 0.6rem 1.4rem; }
            .done { color: #0a6b2d; font-weight: 600; } .failed { color: #a00; font-weight: 600; }
            </style>
            <main>
            \(body)</main>
            </html>

            """
    }

    static func escaped(_ text: String) -> String { HTMLText.escaped(text) }
}

struct TaskPageTexts {
    let forWord, dueWord, button, thanks, already, failed: String

    init(language: Language) {
        switch language {
        case .de:
            (forWord, dueWord, button) = ("für", "fällig am", "Als erledigt markieren")
            (thanks, already, failed) = ("Erledigt – danke. Vermerkt:", "Schon erledigt:", "Nicht vermerkt:")
        case .en:
            (forWord, dueWord, button) = ("for", "due on", "Mark as done")
            (thanks, already, failed) = ("Done – thank you. Recorded:", "Already done:", "Not recorded:")
        case .fr:
            (forWord, dueWord, button) = ("pour", "à faire le", "Marquer comme fait")
            (thanks, already, failed) = ("Fait – merci. Noté :", "Déjà fait :", "Pas noté :")
        case .nl:
            (forWord, dueWord, button) = ("voor", "af op", "Markeren als gedaan")
            (thanks, already, failed) = ("Gedaan – dank u. Vastgelegd:", "Al gedaan:", "Niet vastgelegd:")
        }
    }
}
