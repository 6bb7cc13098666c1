/// Titles, dates and reminder messages in the daemon's language (`daemon.language`).
///
/// Written out by hand rather than through a locale library so that the feed and the journal read the
/// same on every machine, whatever locales it has installed.
public struct Texts: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    // MARK: - Numbers and dates

    /// `30.` (de), `30th` (en), `30e`/`1er` (fr), `30e` (nl).
    public func ordinal(_ number: Int) -> String {
        switch language {
        case .de: return "\(number)."
        case .en:
            let lastTwo = number % 100
            if (11...13).contains(lastTwo) { return "\(number)th" }
            switch number % 10 {
            case 1: return "\(number)st"
            case 2: return "\(number)nd"
            case 3: return "\(number)rd"
            default: return "\(number)th"
            }
        case .fr: return number == 1 ? "1er" : "\(number)e"
        case .nl: return "\(number)e"
        }
    }

    private var weekdayNames: [String] {
        switch language {
        case .de: return ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
        case .en: return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        case .fr: return ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        case .nl: return ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
        }
    }

    /// `Montag`, `Monday`, `lundi`, `maandag`.
    public func weekdayName(_ weekday: Weekday) -> String { weekdayNames[weekday.rawValue - 1] }

    /// Why a day is closed, in this language: a holiday's name (in this language where the data has it, else in
    /// the country's own), a closure's name, or "not a working day".
    public func closedReason(_ reason: ClosedReason) -> String {
        switch reason {
        case .holiday(let holiday, let region):
            let local = HolidayData.countries[region.country]?.language ?? "en"
            return holiday.names[language.rawValue] ?? holiday.name(in: local)
        case .closure(let name):
            return name
        case .weekend:
            switch language {
            case .de: return "kein Arbeitstag"
            case .en: return "not a working day"
            case .fr: return "jour non ouvré"
            case .nl: return "geen werkdag"
            }
        }
    }

    /// `verschoben vom Samstag, 5. Juni 2027: Pfingstmontag`: where a reminder was due and why it moved.
    public func moved(_ move: ReminderMove) -> String {
        let day = date(move.day)
        let reason = closedReason(move.reason)
        switch language {
        case .de: return "verschoben vom \(day): \(reason)"
        case .en: return "moved from \(day): \(reason)"
        case .fr: return "déplacé du \(day) : \(reason)"
        case .nl: return "verplaatst van \(day): \(reason)"
        }
    }

    /// `Mo`, `Mon`, `lun.`, `ma`.
    public func weekdayAbbreviation(_ weekday: Weekday) -> String {
        let name = weekdayNames[weekday.rawValue - 1]
        switch language {
        case .de, .nl: return String(name.prefix(2))
        case .en: return String(name.prefix(3))
        case .fr: return String(name.prefix(3)) + "."
        }
    }

    private var monthNames: [String] {
        switch language {
        case .de:
            return ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"]
        case .en:
            return ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
        case .fr:
            return ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"]
        case .nl:
            return ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"]
        }
    }

    /// `Mittwoch, 1. Juni 2022`, `Wednesday, 1 June 2022`, `mercredi 1er juin 2022`, `woensdag 1 juni 2022`.
    public func date(_ date: LocalDate) -> String {
        let weekday = weekdayNames[date.weekday.rawValue - 1]
        let month = monthNames[date.month - 1]
        switch language {
        case .de: return "\(weekday), \(date.day). \(month) \(date.year)"
        case .en: return "\(weekday), \(date.day) \(month) \(date.year)"
        case .fr: return "\(weekday) \(date.day == 1 ? "1er" : String(date.day)) \(month) \(date.year)"
        case .nl: return "\(weekday) \(date.day) \(month) \(date.year)"
        }
    }

    /// A date with its time of day: `Samstag, 26. November 2022, 10:00 Uhr` and the like.
    public func dateTime(_ dateTime: LocalDateTime) -> String {
        let clock = "\(pad(dateTime.time.hour, 2)):\(pad(dateTime.time.minute, 2))"
        switch language {
        case .de: return "\(date(dateTime.date)), \(clock) Uhr"
        case .en: return "\(date(dateTime.date)), \(clock)"
        case .fr: return "\(date(dateTime.date)) à \(clock)"
        case .nl: return "\(date(dateTime.date)) om \(clock)"
        }
    }

    // MARK: - Titles

    /// `30. Jahrestag der Städtepartnerschaft Berlin – Brüssel` and its translations.
    public func anniversaryTitle(number: Int, city: String, partner: String) -> String {
        let pair = "\(city) – \(partner)"
        switch language {
        case .de: return "\(ordinal(number)) Jahrestag der Städtepartnerschaft \(pair)"
        case .en: return "\(ordinal(number)) anniversary of the town twinning \(pair)"
        case .fr: return "\(ordinal(number)) anniversaire du jumelage \(pair)"
        case .nl: return "\(ordinal(number)) verjaardag van de stedenband \(pair)"
        }
    }

    /// The anniversary's `SUMMARY` in the feed: the partner city first, so that a month view, which cuts titles
    /// after a dozen characters, shows whose anniversary it is; a jubilee says so before the number.
    /// `Brüssel: 35. Jahrestag der Städtepartnerschaft`, `Brüssel: Jubiläum – 30 Jahre Städtepartnerschaft`.
    /// One year is singular where the language says so: `1 Jahr`, `1 year`, `1 an`; Dutch counts `1 jaar`, `2 jaar`.
    public func calendarTitle(number: Int, partner: String, isJubilee: Bool) -> String {
        let one = number == 1
        switch (language, isJubilee) {
        case (.de, false): return "\(partner): \(ordinal(number)) Jahrestag der Städtepartnerschaft"
        case (.de, true): return "\(partner): Jubiläum – \(number) \(one ? "Jahr" : "Jahre") Städtepartnerschaft"
        case (.en, false): return "\(partner): \(ordinal(number)) twinning anniversary"
        case (.en, true): return "\(partner): jubilee – \(number) \(one ? "year" : "years") of twinning"
        // French sets a no-break space before the colon.
        case (.fr, false): return "\(partner)\u{00A0}: \(ordinal(number)) anniversaire du jumelage"
        case (.fr, true): return "\(partner)\u{00A0}: jubilé – \(number) \(one ? "an" : "ans") de jumelage"
        case (.nl, false): return "\(partner): \(ordinal(number)) verjaardag van de stedenband"
        case (.nl, true): return "\(partner): jubileum – \(number) jaar stedenband"
        }
    }

    /// The anniversary category in the feed (`CATEGORIES`).
    public var anniversaryCategory: String {
        switch language {
        case .de: return "Jahrestag"
        case .en: return "Anniversary"
        case .fr: return "Anniversaire"
        case .nl: return "Verjaardag"
        }
    }

    /// A partner's public holiday in its partnership's feed: `Feiertag in Brüssel: Nationalfeiertag`.
    public func partnerHolidayTitle(city: String, holiday: String, substitute: Bool) -> String {
        switch (language, substitute) {
        case (.de, false): return "Feiertag in \(city): \(holiday)"
        case (.de, true): return "Feiertag in \(city): \(holiday) (Ersatztag)"
        case (.en, false): return "Public holiday in \(city): \(holiday)"
        case (.en, true): return "Public holiday in \(city): \(holiday) (substitute day)"
        case (.fr, false): return "Jour férié à \(city)\u{00A0}: \(holiday)"
        case (.fr, true): return "Jour férié à \(city)\u{00A0}: \(holiday) (jour de remplacement)"
        case (.nl, false): return "Feestdag in \(city): \(holiday)"
        case (.nl, true): return "Feestdag in \(city): \(holiday) (vervangende dag)"
        }
    }

    /// The category of partners' public holidays in the feed, for clients to hide them.
    public var holidayCategory: String {
        switch language {
        case .de: return "Feiertag"
        case .en: return "Public holiday"
        case .fr: return "Jour férié"
        case .nl: return "Feestdag"
        }
    }

    /// The jubilee category in the feed.
    public var jubileeCategory: String {
        switch language {
        case .de: return "Jubiläum"
        case .en: return "Jubilee"
        case .fr: return "Jubilé"
        case .nl: return "Jubileum"
        }
    }

    // MARK: - Spans and messages

    private func unitWords(_ unit: Span.Unit) -> (one: String, many: String) {
        switch (language, unit) {
        case (.de, .minute): return ("Minute", "Minuten")
        case (.de, .hour): return ("Stunde", "Stunden")
        case (.de, .day): return ("Tag", "Tagen")
        case (.de, .week): return ("Woche", "Wochen")
        case (.de, .month): return ("Monat", "Monaten")
        case (.de, .year): return ("Jahr", "Jahren")
        case (.en, .minute): return ("minute", "minutes")
        case (.en, .hour): return ("hour", "hours")
        case (.en, .day): return ("day", "days")
        case (.en, .week): return ("week", "weeks")
        case (.en, .month): return ("month", "months")
        case (.en, .year): return ("year", "years")
        case (.fr, .minute): return ("minute", "minutes")
        case (.fr, .hour): return ("heure", "heures")
        case (.fr, .day): return ("jour", "jours")
        case (.fr, .week): return ("semaine", "semaines")
        case (.fr, .month): return ("mois", "mois")
        case (.fr, .year): return ("an", "ans")
        case (.nl, .minute): return ("minuut", "minuten")
        case (.nl, .hour): return ("uur", "uur")
        case (.nl, .day): return ("dag", "dagen")
        case (.nl, .week): return ("week", "weken")
        case (.nl, .month): return ("maand", "maanden")
        case (.nl, .year): return ("jaar", "jaar")
        }
    }

    /// A span in words: `7 Tagen`, `1 Tag und 12 Stunden`, `6 months`.
    public func spanWords(_ span: Span) -> String {
        var parts: [String] = []
        for part in span.parts where part.amount > 0 {
            let words = unitWords(part.unit)
            parts.append("\(part.amount) \(part.amount == 1 ? words.one : words.many)")
        }
        let and: String
        switch language {
        case .de: and = "und"
        case .en: and = "and"
        case .fr: and = "et"
        case .nl: and = "en"
        }
        if parts.count <= 1 { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " \(and) " + (parts.last ?? "")
    }

    /// `In 7 Tagen`, `In 7 days`, `Dans 7 jours`, `Over 7 dagen`; `Jetzt` and the like for a zero lead.
    public func leadPhrase(_ lead: Span) -> String {
        if lead.isZero {
            switch language {
            case .de: return "Jetzt"
            case .en: return "Now"
            case .fr: return "Maintenant"
            case .nl: return "Nu"
            }
        }
        let words = spanWords(lead)
        switch language {
        case .de: return "In \(words)"
        case .en: return "In \(words)"
        case .fr: return "Dans \(words)"
        case .nl: return "Over \(words)"
        }
    }

    /// The journal's `MESSAGE` for a reminder:
    /// `In 7 Tagen: 30. Jahrestag der Städtepartnerschaft Berlin – Brüssel (Mittwoch, 1. Juni 2022)`.
    public func reminderMessage(lead: Span, title: String, start: LocalDateTime, isAllDay: Bool, late: Bool) -> String {
        let when = isAllDay ? date(start.date) : dateTime(start)
        var text = "\(leadPhrase(lead)): \(title) (\(when))"
        if late {
            switch language {
            case .de: text += " – verspätet zugestellt"
            case .en: text += " – delivered late"
            case .fr: text += " – envoyé en retard"
            case .nl: text += " – te laat bezorgd"
            }
        }
        return text
    }

    /// Days until something, for the daemon's status line: `in 12 Tagen`, `heute`, `morgen`.
    public func countdown(days: Int) -> String {
        switch (language, days) {
        case (.de, 0): return "heute"
        case (.de, 1): return "morgen"
        case (.de, _): return "in \(days) Tagen"
        case (.en, 0): return "today"
        case (.en, 1): return "tomorrow"
        case (.en, _): return "in \(days) days"
        case (.fr, 0): return "aujourd’hui"
        case (.fr, 1): return "demain"
        case (.fr, _): return "dans \(days) jours"
        case (.nl, 0): return "vandaag"
        case (.nl, 1): return "morgen"
        case (.nl, _): return "over \(days) dagen"
        }
    }

    /// The daemon's `STATUS=` line: `Next: 30. Jahrestag … in 12 Tagen`.
    public func nextStatus(title: String, days: Int) -> String {
        let word: String
        switch language {
        case .de: word = "Nächste"
        case .en: word = "Next"
        case .fr: word = "Prochain"
        case .nl: word = "Volgende"
        }
        return "\(word): \(title) \(countdown(days: days))"
    }
}

extension Texts {
    /// The heading of a digest: `5 Erinnerungen, die während einer Unterbrechung fällig wurden`.
    public func digestHeading(count: Int) -> String {
        switch (language, count == 1) {
        case (.de, false): "\(count) Erinnerungen, die fällig wurden, während partnerd nicht lief"
        case (.de, true): "1 Erinnerung, die fällig wurde, während partnerd nicht lief"
        case (.en, false): "\(count) reminders that fell due while partnerd was not running"
        case (.en, true): "1 reminder that fell due while partnerd was not running"
        case (.fr, false): "\(count) rappels arrivés à échéance pendant l’arrêt de partnerd"
        case (.fr, true): "1 rappel arrivé à échéance pendant l’arrêt de partnerd"
        case (.nl, false): "\(count) herinneringen die verliepen terwijl partnerd niet draaide"
        case (.nl, true): "1 herinnering die verliep terwijl partnerd niet draaide"
        }
    }

    /// The text of `partnerctl test`'s message.
    public func testMessage(channel: String) -> String {
        switch language {
        case .de: "Testnachricht von partnerd über den Kanal „\(channel)“: die Zustellung funktioniert."
        case .en: "Test message from partnerd through the channel “\(channel)”: delivery works."
        case .fr: "Message de test de partnerd par le canal « \(channel) » : la distribution fonctionne."
        case .nl: "Testbericht van partnerd via het kanaal ‘\(channel)’: de bezorging werkt."
        }
    }
}
