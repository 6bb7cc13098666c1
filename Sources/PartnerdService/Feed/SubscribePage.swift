import Foundation
import Mustache

/// The subscribe page (`GET /`, `GET /partnerships/<id>`): for staff who want the calendar in their own calendar
/// app. It links each feed four ways: `webcal://` (opens the subscription dialog of the calendar app), the address to
/// copy, and the documented add-by-URL forms of Google Calendar and Outlook on the web. Plain HTML and CSS, no
/// JavaScript, in the daemon's language, rendered from a Mustache template.
///
/// The page is made per request, because its links carry the host the request named (or `feed.public_url`) and,
/// with `?token=`, the token: it is never the same for everyone, unlike the feeds. It is small, and requests for it
/// are rare next to the calendars' polls.
struct SubscribePage: Sendable {
    /// One calendar to subscribe to, with its four links.
    struct Calendar {
        var name: String
        var https: String
        var webcal: String
        var google: String
        var outlook: String
        var office: String
    }

    let directory: SubscribeDirectory
    /// `https://calendar.example.org` or `http://127.0.0.1:8080`, without a trailing slash.
    let base: String
    /// The token of a request that may see private feeds.
    let token: String?
    /// The task items of the partnership not done yet, for its page.
    var openTasks: [TaskItemStatus] = []

    static func openTasksHeading(_ language: Language) -> String {
        switch language {
        case .de: "Offene Aufgaben"
        case .en: "Open tasks"
        case .fr: "Tâches ouvertes"
        case .nl: "Open taken"
        }
    }

    static func overdueWord(_ language: Language) -> String {
        switch language {
        case .de: "überfällig"
        case .en: "overdue"
        case .fr: "en retard"
        case .nl: "te laat"
        }
    }

    /// The page for the whole calendar (`partnership == nil`) or for one partnership; `nil` when there is no such
    /// partnership for this request.
    func html(for partnership: PartnershipID?) -> [UInt8]? {
        let texts = PageTexts(language: directory.language)
        let visible = directory.partnerships.filter { token != nil || !$0.isPrivate }
        var calendars: [[String: Any]] = []
        var others: [[String: Any]] = []
        let heading: String
        if let partnership {
            guard let entry = visible.first(where: { $0.id == partnership }) else { return nil }
            heading = entry.name
            calendars.append(links(calendar(entry.name, path: "/partnerships/\(entry.id).ics")))
        } else {
            heading = directory.name
            calendars.append(links(calendar(texts.allPartnerships, path: "/calendar.ics")))
            others = visible.map { entry in
                var item = links(calendar(entry.name, path: "/partnerships/\(entry.id).ics"))
                item["page"] = "/partnerships/\(entry.id)" + (token.map { "?token=\($0)" } ?? "")
                return item
            }
        }
        let upcoming = (partnership.map { directory.upcomingByPartnership[$0] ?? [] } ?? directory.upcoming)
            .filter { token != nil || !$0.isPrivate }
        let model: [String: Any] = [
            "lang": directory.language.rawValue,
            "title": heading,
            "calendarName": directory.name,
            "heading": texts.heading,
            "intro": texts.intro,
            "isPartnership": partnership != nil,
            "backToAll": texts.backToAll,
            "home": "/" + (token.map { "?token=\($0)" } ?? ""),
            "privateNote": texts.privateNote,
            "isPrivate": token != nil,
            "calendars": calendars,
            "eachPartnership": texts.eachPartnership,
            "partnerships": others,
            "hasPartnerships": !others.isEmpty,
            "comingUp": texts.comingUp,
            "upcoming": upcoming.map { ["date": $0.dateText, "iso": $0.date.description, "title": $0.title, "jubilee": $0.isJubilee] },
            "nothingComingUp": texts.nothingComingUp,
            "hasTasks": partnership != nil && !openTasks.isEmpty,
            "openTasksHeading": Self.openTasksHeading(directory.language),
            "tasks": openTasks.map { task -> [String: Any] in
                let day = LocalDate(iso: task.due.prefix(10))
                return [
                    "title": task.title, "target": task.target, "dueIso": day?.description ?? task.due,
                    "due": day.map { Texts(language: directory.language).date($0) } ?? task.due,
                    "overdue": task.state == .overdue, "overdueWord": Self.overdueWord(directory.language),
                ]
            },
            "isQuiet": upcoming.isEmpty,
            "howTo": texts.howTo,
            "clients": texts.clients.map { ["name": $0.name, "steps": $0.steps] },
            "openInApp": texts.openInApp,
            "addressToCopy": texts.addressToCopy,
            "addToGoogle": texts.addToGoogle,
            "addToOutlook": texts.addToOutlook,
            "addToMicrosoft365": texts.addToMicrosoft365,
        ]
        return Array(Self.template.render(model).utf8)
    }

    private func calendar(_ name: String, path: String) -> Calendar {
        let https = base + path + (token.map { "?token=\($0)" } ?? "")
        let webcal = "webcal://" + https.drop(while: { $0 != ":" }).dropFirst(3)
        let encodedName = Self.percentEncoded(name)
        return Calendar(
            name: name, https: https, webcal: webcal,
            google: "https://calendar.google.com/calendar/render?cid=" + Self.percentEncoded(webcal),
            outlook: "https://outlook.live.com/calendar/0/addfromweb?url=\(Self.percentEncoded(https))&name=\(encodedName)",
            office: "https://outlook.office.com/calendar/0/addfromweb?url=\(Self.percentEncoded(https))&name=\(encodedName)")
    }

    private func links(_ calendar: Calendar) -> [String: Any] {
        [
            "name": calendar.name, "https": calendar.https, "webcal": calendar.webcal, "google": calendar.google,
            "outlook": calendar.outlook, "office": calendar.office,
        ]
    }

    /// RFC 3986 §2.3: everything but the unreserved characters percent-encoded, for a URL inside a query.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The public base for links: `feed.public_url`, else the request's `Host` when it is a plain host name or
    /// address with an optional port, else the address the server listens on.
    static func base(publicURL: String?, host: String?, listen: String) -> String {
        if let publicURL { return publicURL }
        if let host, !host.isEmpty, host.utf8.count <= 255,
            host.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            })
        {
            return "http://\(host)"
        }
        return "http://\(listen)"
    }

    /// The page's template. Every value is HTML-escaped by Mustache's `{{…}}`.
    static let template: MustacheTemplate = {
        do {
            return try MustacheTemplate(string: templateText)
        } catch {
            preconditionFailure("the subscribe page's template does not parse: \(error)")
        }
    }()

    static let templateText = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{title}}</title>
        <style>
        :root { color-scheme: light dark; --accent: #1f5fa8; --muted: #5b6470; }
        body { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; }
        h1 { font-size: 1.6rem; margin: 1rem 0 0.25rem; line-height: 1.25; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
        p.intro { color: var(--muted); margin-top: 0; }
        section.calendar { border: 1px solid #c8ced6; border-radius: 10px; padding: 0.9rem 1rem; margin: 0.75rem 0; }
        section.calendar h2, section.calendar h3 { margin: 0 0 0.5rem; font-size: 1.05rem; }
        section.calendar h2 { font-size: 1.2rem; }
        a.primary { display: inline-block; background: var(--accent); color: #fff; padding: 0.55rem 0.9rem; border-radius: 8px; text-decoration: none; font-weight: 600; }
        a.primary:focus-visible, a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        ul.services { list-style: none; padding: 0; margin: 0.6rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
        label { display: block; font-size: 0.9rem; color: var(--muted); margin-top: 0.7rem; }
        input.address { width: 100%; box-sizing: border-box; font: 0.9rem ui-monospace, monospace; padding: 0.4rem; border: 1px solid #c8ced6; border-radius: 6px; }
        ol.upcoming { padding-left: 0; list-style: none; }
        ol.upcoming li { padding: 0.35rem 0; border-bottom: 1px solid #e3e6ea; }
        ol.upcoming time { display: block; font-size: 0.9rem; color: var(--muted); }
        .jubilee { font-weight: 700; }
        .note { background: #fff4d6; color: #4a3b00; padding: 0.6rem 0.8rem; border-radius: 8px; }
        dl.clients dt { font-weight: 600; margin-top: 0.6rem; }
        dl.clients dd { margin: 0; }
        @media (max-width: 30rem) { body { font-size: 16px; } a.primary { display: block; text-align: center; } }
        </style>
        </head>
        <body>
        <header>
        {{#isPartnership}}<p><a href="{{home}}">← {{backToAll}}</a></p>{{/isPartnership}}
        <h1>{{title}}</h1>
        <p class="intro">{{heading}}: {{intro}}</p>
        {{#isPrivate}}<p class="note" role="note">{{privateNote}}</p>{{/isPrivate}}
        </header>
        <main>
        {{#calendars}}
        <section class="calendar" aria-labelledby="calendar-main">
        <h2 id="calendar-main">{{name}}</h2>
        <p><a class="primary" href="{{webcal}}">{{openInApp}}</a></p>
        <ul class="services">
        <li><a href="{{google}}" rel="noopener">{{addToGoogle}}</a></li>
        <li><a href="{{outlook}}" rel="noopener">{{addToOutlook}}</a></li>
        <li><a href="{{office}}" rel="noopener">{{addToMicrosoft365}}</a></li>
        </ul>
        <label for="address-main">{{addressToCopy}}</label>
        <input class="address" id="address-main" type="text" readonly value="{{https}}">
        </section>
        {{/calendars}}
        <h2>{{comingUp}}</h2>
        {{#isQuiet}}<p>{{nothingComingUp}}</p>{{/isQuiet}}
        <ol class="upcoming">
        {{#upcoming}}<li{{#jubilee}} class="jubilee"{{/jubilee}}><time datetime="{{iso}}">{{date}}</time>{{title}}</li>
        {{/upcoming}}
        </ol>
        {{#hasTasks}}
        <h2>{{openTasksHeading}}</h2>
        <ol class="upcoming tasks">
        {{#tasks}}<li><time datetime="{{dueIso}}">{{due}}</time>{{title}} – {{target}}{{#overdue}} <strong>({{overdueWord}})</strong>{{/overdue}}</li>
        {{/tasks}}
        </ol>
        {{/hasTasks}}
        {{#hasPartnerships}}
        <h2>{{eachPartnership}}</h2>
        {{#partnerships}}
        <section class="calendar">
        <h3><a href="{{page}}">{{name}}</a></h3>
        <ul class="services">
        <li><a href="{{webcal}}">{{openInApp}}</a></li>
        <li><a href="{{google}}" rel="noopener">{{addToGoogle}}</a></li>
        <li><a href="{{outlook}}" rel="noopener">{{addToOutlook}}</a></li>
        </ul>
        <input class="address" type="text" readonly value="{{https}}" aria-label="{{addressToCopy}}: {{name}}">
        </section>
        {{/partnerships}}
        {{/hasPartnerships}}
        <h2>{{howTo}}</h2>
        <dl class="clients">
        {{#clients}}<dt>{{name}}</dt><dd>{{steps}}</dd>
        {{/clients}}
        </dl>
        </main>
        <footer><p class="intro">{{calendarName}}</p></footer>
        </body>
        </html>

        """
}
