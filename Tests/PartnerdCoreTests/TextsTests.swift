import Testing
@testable import PartnerdCore

@Suite("Texts in four languages")
struct TextsTests {
    static let signing = LocalDate(year: 2022, month: 6, day: 1)!

    @Test("anniversary titles", arguments: [
        (Language.de, 30, "30. Jahrestag der Städtepartnerschaft Berlin – Brüssel"),
        (.en, 30, "30th anniversary of the town twinning Berlin – Brüssel"),
        (.en, 21, "21st anniversary of the town twinning Berlin – Brüssel"),
        (.en, 12, "12th anniversary of the town twinning Berlin – Brüssel"),
        (.en, 103, "103rd anniversary of the town twinning Berlin – Brüssel"),
        (.fr, 30, "30e anniversaire du jumelage Berlin – Brüssel"),
        (.fr, 1, "1er anniversaire du jumelage Berlin – Brüssel"),
        (.nl, 30, "30e verjaardag van de stedenband Berlin – Brüssel"),
    ])
    func titles(language: Language, number: Int, expected: String) {
        #expect(Texts(language: language).anniversaryTitle(number: number, city: "Berlin", partner: "Brüssel") == expected)
    }

    @Test("calendar titles: the partner city first, jubilees marked", arguments: [
        (Language.de, 35, false, "Brüssel: 35. Jahrestag der Städtepartnerschaft"),
        (.de, 30, true, "Brüssel: Jubiläum – 30 Jahre Städtepartnerschaft"),
        (.en, 35, false, "Brüssel: 35th twinning anniversary"),
        (.en, 25, true, "Brüssel: jubilee – 25 years of twinning"),
        (.fr, 1, false, "Brüssel\u{00A0}: 1er anniversaire du jumelage"),
        (.fr, 50, true, "Brüssel\u{00A0}: jubilé – 50 ans de jumelage"),
        (.nl, 35, false, "Brüssel: 35e verjaardag van de stedenband"),
        (.nl, 40, true, "Brüssel: jubileum – 40 jaar stedenband"),
    ])
    func calendarTitles(language: Language, number: Int, isJubilee: Bool, expected: String) {
        let title = Texts(language: language).calendarTitle(number: number, partner: "Brüssel", isJubilee: isJubilee)
        #expect(title == expected)
        // What a month view shows of it (about a dozen characters) names the partner.
        #expect(title.hasPrefix("Brüssel"))
    }

    @Test("a jubilee of one year is singular where the language wants it, in all four languages", arguments: [
        (Language.de, 1, "Brüssel: Jubiläum – 1 Jahr Städtepartnerschaft"),
        (.de, 2, "Brüssel: Jubiläum – 2 Jahre Städtepartnerschaft"),
        (.de, 5, "Brüssel: Jubiläum – 5 Jahre Städtepartnerschaft"),
        (.de, 21, "Brüssel: Jubiläum – 21 Jahre Städtepartnerschaft"),
        (.en, 1, "Brüssel: jubilee – 1 year of twinning"),
        (.en, 2, "Brüssel: jubilee – 2 years of twinning"),
        (.en, 5, "Brüssel: jubilee – 5 years of twinning"),
        (.en, 21, "Brüssel: jubilee – 21 years of twinning"),
        (.fr, 1, "Brüssel\u{00A0}: jubilé – 1 an de jumelage"),
        (.fr, 2, "Brüssel\u{00A0}: jubilé – 2 ans de jumelage"),
        (.fr, 5, "Brüssel\u{00A0}: jubilé – 5 ans de jumelage"),
        (.fr, 21, "Brüssel\u{00A0}: jubilé – 21 ans de jumelage"),
        (.nl, 1, "Brüssel: jubileum – 1 jaar stedenband"),
        (.nl, 2, "Brüssel: jubileum – 2 jaar stedenband"),
        (.nl, 5, "Brüssel: jubileum – 5 jaar stedenband"),
        (.nl, 21, "Brüssel: jubileum – 21 jaar stedenband"),
    ])
    func jubileeNumbers(language: Language, number: Int, expected: String) {
        #expect(Texts(language: language).calendarTitle(number: number, partner: "Brüssel", isJubilee: true) == expected)
    }

    @Test("a digest of one reminder says so in the singular", arguments: [
        (Language.de, "1 Erinnerung, die fällig wurde, während partnerd nicht lief", "2 Erinnerungen, die fällig wurden, während partnerd nicht lief"),
        (.en, "1 reminder that fell due while partnerd was not running", "2 reminders that fell due while partnerd was not running"),
        (.fr, "1 rappel arrivé à échéance pendant l’arrêt de partnerd", "2 rappels arrivés à échéance pendant l’arrêt de partnerd"),
        (.nl, "1 herinnering die verliep terwijl partnerd niet draaide", "2 herinneringen die verliepen terwijl partnerd niet draaide"),
    ])
    func digestNumbers(language: Language, one: String, two: String) {
        #expect(Texts(language: language).digestHeading(count: 1) == one)
        #expect(Texts(language: language).digestHeading(count: 2) == two)
    }

    @Test("reminder messages", arguments: [
        (Language.de, "7d", "In 7 Tagen: T (Mittwoch, 1. Juni 2022)"),
        (.de, "1d", "In 1 Tag: T (Mittwoch, 1. Juni 2022)"),
        (.de, "1y", "In 1 Jahr: T (Mittwoch, 1. Juni 2022)"),
        (.de, "6mo", "In 6 Monaten: T (Mittwoch, 1. Juni 2022)"),
        (.de, "1d 12h", "In 1 Tag und 12 Stunden: T (Mittwoch, 1. Juni 2022)"),
        (.en, "2w", "In 2 weeks: T (Wednesday, 1 June 2022)"),
        (.fr, "30d", "Dans 30 jours: T (mercredi 1er juin 2022)"),
        (.nl, "3mo", "Over 3 maanden: T (woensdag 1 juni 2022)"),
        (.de, "0d", "Jetzt: T (Mittwoch, 1. Juni 2022)"),
    ])
    func messages(language: Language, lead: String, expected: String) throws {
        let span = try Span(parsing: lead)
        let start = LocalDateTime(date: Self.signing, time: .midnight)
        #expect(
            Texts(language: language).reminderMessage(lead: span, title: "T", start: start, isAllDay: true, late: false)
                == expected)
    }

    @Test("timed occurrences name the time of day")
    func timed() throws {
        let start = try #require(LocalDateTime(year: 2022, month: 11, day: 26, hour: 10))
        let span = try Span(parsing: "1d")
        #expect(
            Texts(language: .de).reminderMessage(lead: span, title: "T", start: start, isAllDay: false, late: true)
                == "In 1 Tag: T (Samstag, 26. November 2022, 10:00 Uhr) – verspätet zugestellt")
        #expect(Texts(language: .fr).dateTime(start) == "samedi 26 novembre 2022 à 10:00")
        #expect(Texts(language: .nl).dateTime(start) == "zaterdag 26 november 2022 om 10:00")
        #expect(Texts(language: .en).dateTime(start) == "Saturday, 26 November 2022, 10:00")
    }
}
