import Foundation
import Testing
@testable import PartnerdCore

/// A composed mail taken apart with nothing but string inspection: lines, unfolded headers, MIME parts.
struct InspectedMail {
    /// The lines without their CRLF.
    var lines: [String] = []
    /// Bytes of the text that are a CR or LF outside a CRLF pair.
    var bareLineBreaks = 0
    var nonASCIIBytes = 0
    /// Header fields in order, unfolded (a continuation line's CRLF removed, its leading space kept).
    var headers: [(name: String, value: String)] = []
    var body: [String] = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var line: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { nonASCIIBytes += 1 }
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(String(decoding: line, as: UTF8.self))
                line = []
                index += 2
                continue
            }
            if byte == 0x0D || byte == 0x0A { bareLineBreaks += 1 }
            line.append(byte)
            index += 1
        }
        // Text after the last CRLF: a last line without its line end.
        if !line.isEmpty { bareLineBreaks += 1 }
        let blank = lines.firstIndex(of: "") ?? lines.count
        for line in lines[..<blank] {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
                headers[headers.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                headers.append((String(line[..<colon]), String(value)))
            }
        }
        body = Array(lines[min(blank + 1, lines.count)...])
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The parts of a multipart body between `--boundary` lines: each one's headers and decoded content.
    func parts(boundary: String) -> [(headers: InspectedMail, content: [UInt8])] {
        var parts: [[String]] = []
        var current: [String]?
        for line in body {
            if line == "--\(boundary)" || line == "--\(boundary)--" {
                if let current { parts.append(current) }
                current = line == "--\(boundary)--" ? nil : []
            } else {
                current?.append(line)
            }
        }
        return parts.map { lines in
            let headers = InspectedMail(lines.joined(separator: "\r\n") + "\r\n")
            return (headers, MailComposerTests.base64Decoded(headers.body.joined()))
        }
    }
}

@Suite("Mail: RFC 5322/MIME composition, RFC 2047 subjects, dates, Base64")
struct MailComposerTests {
    static let config = """
        [daemon]
        timezone = "Europe/Berlin"

        [reminders]
        jubilees = ["7d"]
        channels = ["buero"]

        [[channel]]
        id = "buero"
        type = "mail"
        server = "mail.example.org"
        from = "Städtepartnerschaften <partnerd@example.org>"
        to = ["protokoll@example.org", "buero@example.org"]

        """ + minimalPartnership

    static func base64Decoded(_ text: String) -> [UInt8] {
        Data(base64Encoded: text).map { Array($0) } ?? []
    }

    /// The mail for the 30th anniversary of Berlin–Brüssel (2022-06-01), seven days ahead, to "buero".
    static func jubileeMail() throws -> (text: String, message: ChannelMessage, delivery: Delivery, mail: MailTransport) {
        let result = load(config)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        let channel = try #require(configuration.channels.first)
        guard case .mail(let mail) = channel.transport else { throw MailTestError.notMail }
        let day = try #require(LocalDate(iso: "2022-06-01"))
        let occurrence = try #require(Planner(configuration: configuration).occurrences(in: day...day).first)
        let reminder = try #require(occurrence.reminders.first)
        let delivery = Delivery(
            reminder: ScheduledReminder(occurrence: occurrence, reminder: reminder), recipient: .channel(channel.id),
            due: Planner.due(lead: reminder.lead, of: occurrence, for: channel, journalDue: reminder.due))
        let message = ChannelMessage.reminder(delivery, late: false, channel: channel, configuration: configuration)
        let text = MailComposer.compose(message, from: mail.from, to: mail.to, date: delivery.due, zone: channel.zone)
        return (text, message, delivery, mail)
    }

    enum MailTestError: Error { case notMail }

    /// The text of a header of RFC 2047 encoded words, each checked to be one whole `=?utf-8?B?…?=` of at most
    /// 75 characters whose bytes are whole UTF-8 characters.
    static func decodedWords(_ value: String) -> String? {
        var bytes: [UInt8] = []
        for word in value.split(separator: " ") {
            guard word.count <= 75, word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?="), word.count > 12 else { return nil }
            let payload = String(word.dropFirst(10).dropLast(2))
            let decoded = base64Decoded(payload)
            guard !decoded.isEmpty, String(validating: decoded, as: UTF8.self) != nil else { return nil }
            bytes += decoded
        }
        return String(validating: bytes, as: UTF8.self)
    }

    @Test("the reminder mail: CRLF everywhere, 7-bit, its headers and an RFC 2047 subject with umlauts")
    func reminderMail() throws {
        let (text, message, delivery, _) = try Self.jubileeMail()
        let mail = InspectedMail(text)
        #expect(mail.bareLineBreaks == 0)
        #expect(text.utf8.suffix(2).elementsEqual([0x0D, 0x0A]))
        #expect(mail.nonASCIIBytes == 0)

        #expect(message.deliveryID == delivery.key.deliveryID)
        #expect(mail.header("Message-ID") == "<\(delivery.key.deliveryID)@partnerd>")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Content-Language") == "de")
        #expect(mail.header("Date") == "Wed, 25 May 2022 09:00:00 +0200")
        #expect(mail.header("To") == "protokoll@example.org, buero@example.org")

        let subject = "In 7 Tagen: 30. Jahrestag der Städtepartnerschaft Berlin – Brüssel (Mittwoch, 1. Juni 2022)"
        #expect(message.subject == subject)
        let encodedSubject = try #require(mail.header("Subject"))
        #expect(encodedSubject.split(separator: " ").count > 1, "a subject this long takes several words")
        #expect(Self.decodedWords(encodedSubject) == subject, "\(encodedSubject)")

        let from = try #require(mail.header("From"))
        #expect(from.hasSuffix(" <partnerd@example.org>"))
        #expect(Self.decodedWords(String(from.dropLast(" <partnerd@example.org>".count))) == "Städtepartnerschaften")
    }

    @Test("no line of the mail is longer than 78 characters")
    func lineLength() throws {
        let (text, _, _, _) = try Self.jubileeMail()
        let long = InspectedMail(text).lines.filter { $0.utf8.count > 78 }
        #expect(long.isEmpty, "\(long.map { "\($0.utf8.count): \($0)" })")
    }

    @Test("a long plain-ASCII subject keeps within 78 characters a line too")
    func longASCIISubject() throws {
        let (_, _, delivery, mail) = try Self.jubileeMail()
        let channel = try #require(load(Self.config).configuration?.channels.first)
        var message = ChannelMessage.test(channel: channel, nonce: "long")
        message.subject =
            "In 7 days: Partnership committee meeting with the delegation from Paris (Saturday, 26 November 2022, 10:00)"
        let composed = InspectedMail(
            MailComposer.compose(message, from: mail.from, to: mail.to, date: delivery.due, zone: .utc))
        let subject = try #require(composed.header("Subject"))
        #expect(subject == message.subject || Self.decodedWords(subject) == message.subject)
        // Printable ASCII stays as it is, folded at spaces: "Subject: " and 108 characters would make one line.
        #expect(composed.lines.allSatisfy { $0.utf8.count <= 78 }, "\(composed.lines.filter { $0.utf8.count > 78 })")

    }

    @Test("the parts: the text, and the occurrence as a VEVENT under the feed's UID")
    func parts() throws {
        let (text, message, delivery, _) = try Self.jubileeMail()
        let mail = InspectedMail(text)
        let contentType = try #require(mail.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/mixed; boundary=\""))
        let boundary = String(try #require(contentType.split(separator: "\"").dropFirst().first))
        let parts = mail.parts(boundary: boundary)
        #expect(parts.count == 2)
        #expect(mail.body.last == "--\(boundary)--")

        let plain = try #require(parts.first)
        #expect(plain.headers.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(plain.headers.header("Content-Transfer-Encoding") == "base64")
        #expect(String(validating: plain.content, as: UTF8.self) == message.text + "\r\n")

        let calendar = try #require(parts.last)
        #expect(calendar.headers.header("Content-Type")?.hasPrefix("text/calendar; charset=utf-8; method=PUBLISH") == true)
        #expect(calendar.headers.header("Content-Disposition") == "attachment; filename=\"reminder.ics\"")
        let ics = try #require(String(validating: calendar.content, as: UTF8.self))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        let begin = try #require(unfolded.firstIndex(of: "BEGIN:VEVENT"))
        let end = try #require(unfolded.firstIndex(of: "END:VEVENT"))
        let event = unfolded[begin..<end]
        #expect(event.filter { $0.hasPrefix("UID:") } == ["UID:\(delivery.reminder.occurrence.uid)"])
        #expect(delivery.reminder.occurrence.uid == "anniversary-30.berlin-bruessel@partnerd")
        #expect(event.contains("DTSTART;VALUE=DATE:20220601"))
        #expect(event.contains("DTEND;VALUE=DATE:20220602"))
        // The feed's VEVENT: its summary, the title as DESCRIPTION, its categories; one event, no series.
        #expect(event.contains { $0.hasPrefix("DESCRIPTION:30. Jahrestag der Städtepartnerschaft Berlin") })
        #expect(event.contains { $0.hasPrefix("SUMMARY:") } && event.contains { $0.hasPrefix("CATEGORIES:") })
        #expect(!event.contains { $0.hasPrefix("RECURRENCE-ID") })
    }

    @Test("the calendar part carries the event's LOCATION, DESCRIPTION and URL; RECURRENCE-ID only in a series")
    func eventProperties() throws {
        let config = Self.config + """

            [[partnership.event]]
            id = "empfang"
            title = "Empfang im Roten Rathaus"
            start = 2026-06-01T18:00:00
            location = "Rotes Rathaus, Berlin"
            description = "Mit der Delegation aus Brüssel"
            url = "https://www.berlin.de/partnerstaedte"
            remind = ["1d"]

            [[partnership.event]]
            id = "jour-fixe"
            title = "Jour fixe"
            start = 2026-06-01T18:00:00
            rrule = "FREQ=WEEKLY;COUNT=4"
            remind = ["1d"]
            """
        let result = load(config)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        let channel = try #require(configuration.channels.first)
        let day = try #require(LocalDate(iso: "2026-06-01"))
        let occurrences = Planner(configuration: configuration).occurrences(in: day...day)
        func event(_ id: String) throws -> [String] {
            let occurrence = try #require(occurrences.first { $0.event.rawValue == id })
            let reminder = try #require(occurrence.reminders.first)
            let delivery = Delivery(
                reminder: ScheduledReminder(occurrence: occurrence, reminder: reminder), recipient: .channel(channel.id))
            let message = ChannelMessage.reminder(delivery, late: false, channel: channel, configuration: configuration)
            let ics = String(decoding: MailComposer.invitation(message.items[0], stamp: delivery.due), as: UTF8.self)
            return ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        }
        let once = try event("empfang")
        #expect(once.contains("LOCATION:Rotes Rathaus\\, Berlin"))
        #expect(once.contains("DESCRIPTION:Mit der Delegation aus Brüssel"))
        #expect(once.contains("URL:https://www.berlin.de/partnerstaedte"))
        #expect(once.contains("DTSTART:20260601T160000Z") && once.contains("SUMMARY:Empfang im Roten Rathaus"))
        #expect(!once.contains { $0.hasPrefix("RECURRENCE-ID") })
        let series = try event("jour-fixe")
        #expect(series.contains("RECURRENCE-ID:20260601T160000Z"))
        #expect(!series.contains { $0.hasPrefix("LOCATION") })
    }

    @Test("a digest attaches one VEVENT per reminder; a test message is plain text only")
    func digestAndTest() throws {
        let (_, message, delivery, mail) = try Self.jubileeMail()
        let result = load(Self.config)
        let configuration = try #require(result.configuration)
        let channel = try #require(configuration.channels.first)
        let day = try #require(LocalDate(iso: "2023-06-01"))
        let next = try #require(Planner(configuration: configuration).occurrences(in: day...day).first)
        let nextReminder = try #require(next.reminders.first)
        let second = Delivery(
            reminder: ScheduledReminder(occurrence: next, reminder: nextReminder), recipient: .channel(channel.id))
        let digest = ChannelMessage.digest([second, delivery], channel: channel, configuration: configuration)
        #expect(digest.items.map(\.uid) == [message.items[0].uid, "anniversary-31.berlin-bruessel@partnerd"])
        let digestMail = InspectedMail(
            MailComposer.compose(digest, from: mail.from, to: mail.to, date: delivery.due, zone: channel.zone))
        #expect(digestMail.bareLineBreaks == 0 && digestMail.nonASCIIBytes == 0)
        #expect(digestMail.lines.allSatisfy { $0.utf8.count <= 78 }, "\(digestMail.lines.filter { $0.utf8.count > 78 })")
        #expect(Self.decodedWords(try #require(digestMail.header("Subject"))) == digest.subject)
        let boundary = "partnerd-\(digest.deliveryID)"
        let parts = digestMail.parts(boundary: boundary)
        #expect(parts.count == 3)
        let uids = parts.dropFirst().map { part in
            String(decoding: part.content, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
                .components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") }
        }
        #expect(uids == ["UID:anniversary-30.berlin-bruessel@partnerd", "UID:anniversary-31.berlin-bruessel@partnerd"])
        #expect(parts.dropFirst().map { $0.headers.header("Content-Disposition") } == [
            "attachment; filename=\"reminder-1.ics\"", "attachment; filename=\"reminder-2.ics\"",
        ])

        let test = ChannelMessage.test(channel: channel, nonce: "1")
        let testMail = InspectedMail(MailComposer.compose(test, from: mail.from, to: mail.to, date: delivery.due, zone: .utc))
        #expect(testMail.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(String(validating: Self.base64Decoded(testMail.body.joined()), as: UTF8.self) == test.text + "\r\n")
        #expect(testMail.header("Date") == "Wed, 25 May 2022 07:00:00 +0000")
    }

    @Test("plain ASCII subjects stay as they are; long words never split a character", arguments: [
        "Now: Jazz night", String(repeating: "ü", count: 40), String(repeating: "a€", count: 30) + "🎉",
    ])
    func encodedWords(subject: String) {
        let encoded = MailComposer.encodedWords(subject)
        if subject.allSatisfy(\.isASCII) {
            #expect(encoded == subject)
        } else {
            let unfolded = encoded.replacingOccurrences(of: "\r\n", with: "")
            #expect(Self.decodedWords(unfolded) == subject, "\(encoded)")
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    @Test("RFC 5322 dates in the channel's zone", arguments: [
        ("2026-12-05T09:00:00", "Europe/Berlin", "Sat, 05 Dec 2026 10:00:00 +0100"),
        ("2026-07-04T08:30:15", "Europe/Berlin", "Sat, 04 Jul 2026 10:30:15 +0200"),
        ("2026-01-01T00:00:00", "America/New_York", "Wed, 31 Dec 2025 19:00:00 -0500"),
        ("2026-01-15T12:00:00", "America/St_Johns", "Thu, 15 Jan 2026 08:30:00 -0330"),
        ("2026-03-01T12:00:00", "Asia/Kolkata", "Sun, 01 Mar 2026 17:30:00 +0530"),
    ])
    func dates(utc: String, zone: String, expected: String) throws {
        let instant = Zone.utc.instant(for: try #require(LocalDateTime(isoText: utc)))
        #expect(MailComposer.rfc5322Date(instant, zone: try #require(Zone(identifier: zone))) == expected)
    }

    @Test("Base64 of the RFC 4648 §10 test vectors and of every byte value", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64Vectors(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }

    @Test("Base64 of binary data matches Foundation's and breaks MIME lines at 76 characters")
    func base64Binary() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } + Array(0...255)
        #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        #expect(Base64.encode([0xFF, 0xFE, 0xFD]) == "//79")
        let lines = Base64.lines(bytes)
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect((lines.last?.count ?? 0) <= 76)
        #expect(lines.joined() == Base64.encode(bytes))
    }
}
