import Testing
@testable import PartnerdCore

private func calendar(_ body: String, crlf: Bool = true) -> [UInt8] {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//test//EN\n" + body + "END:VCALENDAR\n"
    return Array((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8)
}

private func read(_ body: String, zone: String = "Europe/Berlin", crlf: Bool = true) throws -> ImportedCalendar {
    try ImportedCalendar.read(calendar(body, crlf: crlf), defaultZone: Zone(identifier: zone)!)
}

private func utc(_ text: String) -> Instant {
    Zone.utc.instant(for: LocalDateTime(isoText: text)!)
}

private func starts(_ calendar: ImportedCalendar, from: String = "2020-01-01T00:00:00", to: String = "2030-01-01T00:00:00")
    -> [String]
{
    calendar.occurrences(from: utc(from), to: utc(to)).map { Zone.utc.isoString($0.startInstant) }
}

@Suite("Reading iCalendar: lines, parameters, components, errors")
struct ICalendarReaderTests {
    @Test("unfolding, quoted and caret-encoded parameters, escapes, a BOM and bare LF")
    func lines() throws {
        let text = "\u{FEFF}BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Konzert\\, Jazz\\; Berlin\\nBrüssel\n"
            + "LOCATION;ALTREP=\"http://x/a:b\";X-NOTE=Caf^'e^n^^:Haus der\n  Statistik\nDTSTART:20270601T180000Z\n"
            + "END:VEVENT\nEND:VCALENDAR\n"
        let document = try ICalendarReader.read(Array(text.utf8))
        let event = try #require(document.components.first?.subcomponents("VEVENT").first)
        let location = try #require(event.first("LOCATION"))
        #expect(location.value == "Haus der Statistik")
        #expect(location.parameter("ALTREP") == "http://x/a:b")
        #expect(location.parameter("X-NOTE") == "Caf\"e\n^")
        #expect(ICalendarValues.text(event.first("SUMMARY")!.value) == "Konzert, Jazz; Berlin\nBrüssel")
        #expect(location.line == 5)
        #expect(ICalendarValues.textList("Berlin,Jazz\\,Blues, Konzert") == ["Berlin", "Jazz,Blues", "Konzert"])
    }

    @Test("errors name the line: an END that closes another component, a missing colon, an open component")
    func errors() {
        func message(_ text: String) -> String {
            do {
                _ = try ICalendarReader.read(Array(text.utf8))
                return "read"
            } catch {
                return error.description
            }
        }
        #expect(message("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n") == "line 3: END:VTODO where BEGIN:VEVENT of line 2 is open")
        // A broken line inside a component is skipped with a warning; the calendar stays.
        let broken = try? ICalendarReader.read(Array("BEGIN:VCALENDAR\r\nSUMMARY Konzert\r\nX;Y=\"open:\r\nEND:VCALENDAR\r\n".utf8))
        #expect(broken?.warnings.map(\.description) == [
            "line 2: SUMMARY has no ':' before its value: the line is skipped",
            "line 3: a quoted value of X;Y that is not closed: the line is skipped",
        ])
        #expect(message("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n") == "line 2: the calendar ends inside BEGIN:VEVENT of line 2")
        #expect(message("END:VEVENT\r\n") == "line 1: END:VEVENT closes nothing that was opened")
        let deep = String(repeating: "BEGIN:X\r\n", count: 40)
        #expect(message(deep) == "line 17: components nested more than 16 deep")
        let long = "BEGIN:VCALENDAR\r\nX:" + String(repeating: "a", count: ICalendarReader.maximumLineBytes) + "\r\n"
        #expect(message(long).hasPrefix("line 2: a content line longer than"))
    }

    @Test("values: dates, date-times, VALUE=DATE with a time, durations, offsets")
    func values() {
        #expect(ICalendarValues.time("20270601", asDate: false) == .date(LocalDate(year: 2027, month: 6, day: 1)!))
        #expect(ICalendarValues.time("20270601T100000", asDate: true) == .date(LocalDate(year: 2027, month: 6, day: 1)!))
        #expect(ICalendarValues.time("20270601T100000Z", asDate: false) == .utc(LocalDateTime(isoText: "2027-06-01T10:00:00")!))
        #expect(ICalendarValues.time("20270231", asDate: false) == nil)
        #expect(ICalendarValues.time("2027060", asDate: false) == nil)
        #expect(ICalendarValues.duration("PT1H30M") == 5400)
        #expect(ICalendarValues.duration("P1W") == 604_800)
        #expect(ICalendarValues.duration("-P1DT2H") == -93_600)
        #expect(ICalendarValues.duration("P") == nil)
        #expect(ICalendarValues.duration("PT") == nil)
        #expect(ICalendarValues.duration("P99999999999D") == nil)
        #expect(ICalendarValues.utcOffset("+0530") == 19_800)
        #expect(ICalendarValues.utcOffset("-023045") == -9045)
        #expect(ICalendarValues.utcOffset("+2500") == nil)
    }
}

@Suite("Imported calendars: zones, overrides, cancellations")
struct ImportedCalendarTests {
    @Test("TZID: a tz database name, one at the end of a path, a Windows name, UTC and floating times")
    func zones() throws {
        let imported = try read(
            """
            BEGIN:VEVENT
            UID:tzdb
            DTSTART;TZID=Europe/Brussels:20270601T100000
            END:VEVENT
            BEGIN:VEVENT
            UID:mozilla
            DTSTART;TZID=/mozilla.org/20050126_1/Europe/Brussels:20270601T110000
            END:VEVENT
            BEGIN:VEVENT
            UID:windows
            DTSTART;TZID="W. Europe Standard Time":20270601T120000
            END:VEVENT
            BEGIN:VEVENT
            UID:utc
            DTSTART:20270601T130000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:floating
            DTSTART:20270601T140000
            END:VEVENT

            """, zone: "America/New_York")
        #expect(imported.warnings.isEmpty)
        #expect(starts(imported) == [
            "2027-06-01T08:00:00+00:00", "2027-06-01T09:00:00+00:00", "2027-06-01T10:00:00+00:00",
            "2027-06-01T13:00:00+00:00", "2027-06-01T18:00:00+00:00",
        ])
    }

    @Test("X-WR-TIMEZONE gives floating times their zone, as Google writes them")
    func googleZone() throws {
        let imported = try read("X-WR-TIMEZONE:Asia/Tokyo\nBEGIN:VEVENT\nUID:g\nDTSTART:20270601T090000\nEND:VEVENT\n")
        #expect(starts(imported) == ["2027-06-01T00:00:00+00:00"])
    }

    @Test("a VTIMEZONE under its own name is matched to the tz database zone with the same changes")
    func matchedDefinition() throws {
        let imported = try read(
            """
            BEGIN:VTIMEZONE
            TZID:Mitteleuropäische Zeit
            BEGIN:STANDARD
            DTSTART:19701025T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19700329T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:m
            DTSTART;TZID=Mitteleuropäische Zeit:20270115T100000
            RRULE:FREQ=MONTHLY;COUNT=7
            END:VEVENT

            """, zone: "UTC")
        let event = try #require(imported.events.first)
        #expect(event.zone.offset(at: utc("2027-07-01T00:00:00")) == 7200)
        #expect(event.zone.offset(at: utc("2027-01-01T00:00:00")) == 3600)
        #expect(!event.zone.identifier.hasPrefix("VTIMEZONE/"))
        #expect(starts(imported).prefix(4) == [
            "2027-01-15T09:00:00+00:00", "2027-02-15T09:00:00+00:00", "2027-03-15T09:00:00+00:00",
            "2027-04-15T08:00:00+00:00",
        ])
    }

    @Test("a VTIMEZONE no tz database zone matches becomes a zone of its own")
    func ownDefinition() throws {
        let imported = try read(
            """
            BEGIN:VTIMEZONE
            TZID:Odd
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0317
            TZOFFSETTO:+0317
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:o
            DTSTART;TZID=Odd:20270601T031700
            END:VEVENT

            """)
        #expect(imported.events.first?.zone.identifier == "VTIMEZONE/Odd")
        #expect(starts(imported) == ["2027-06-01T00:00:00+00:00"])
    }

    @Test("an unknown TZID without a definition is read in the partnership's zone, with a warning that names the line")
    func unknownZone() throws {
        let imported = try read("BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Nowhere:20270601T100000\nEND:VEVENT\n")
        #expect(starts(imported) == ["2027-06-01T08:00:00+00:00"])
        #expect(imported.warnings.map(\.description) == [
            "line 6: TZID Nowhere is no zone partnerd knows and has no VTIMEZONE that defines it: its times are read in Europe/Berlin"
        ])
    }

    @Test("overrides move and cancel instances; one without its master stands alone; EXDATE in another zone; UNTIL in UTC")
    func overrides() throws {
        let imported = try read(
            """
            BEGIN:VEVENT
            UID:weekly
            DTSTART;TZID=Europe/Berlin:20270104T100000
            DTEND;TZID=Europe/Berlin:20270104T110000
            RRULE:FREQ=WEEKLY;UNTIL=20270201T090000Z
            EXDATE;TZID=America/New_York:20270111T040000
            SUMMARY:Jour fixe
            END:VEVENT
            BEGIN:VEVENT
            UID:weekly
            RECURRENCE-ID;TZID=Europe/Berlin:20270118T100000
            DTSTART;TZID=Europe/Berlin:20270119T150000
            SUMMARY:Jour fixe (verlegt)
            END:VEVENT
            BEGIN:VEVENT
            UID:weekly
            RECURRENCE-ID:20270125T090000Z
            DTSTART;TZID=Europe/Berlin:20270125T100000
            STATUS:CANCELLED
            END:VEVENT
            BEGIN:VEVENT
            UID:orphan
            RECURRENCE-ID;VALUE=DATE:20270301
            DTSTART;VALUE=DATE:20270302
            SUMMARY:Allein
            END:VEVENT
            BEGIN:VEVENT
            UID:gone
            DTSTART;VALUE=DATE:20270401
            STATUS:CANCELLED
            END:VEVENT

            """)
        let occurrences = imported.occurrences(from: utc("2027-01-01T00:00:00"), to: utc("2028-01-01T00:00:00"))
        #expect(occurrences.map { "\($0.uid) \($0.zone.isoString($0.startInstant)) \($0.title)" } == [
            "weekly 2027-01-04T10:00:00+01:00 Jour fixe",
            "weekly 2027-01-19T15:00:00+01:00 Jour fixe (verlegt)",
            "weekly 2027-02-01T10:00:00+01:00 Jour fixe",
            "orphan 2027-03-02T00:00:00+01:00 Allein",
        ])
        #expect(occurrences.first?.endInstant == utc("2027-01-04T10:00:00"))
        #expect(occurrences.last?.isAllDay == true)
    }

    @Test("what cannot be used is skipped with a warning that names its line, and the rest is kept")
    func skipped() throws {
        let imported = try read(
            """
            BEGIN:VEVENT
            UID:no-start
            END:VEVENT
            BEGIN:VEVENT
            UID:bad-rule
            DTSTART:20270601T100000Z
            RRULE:FREQ=SOMETIMES
            END:VEVENT
            BEGIN:VEVENT
            DTSTART:20270601T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:fine
            DTSTART:20270601T100000Z
            DURATION:PT2H
            END:VEVENT

            """)
        // The event without a UID is kept under one made from its start, summary and rule: the same at each refresh.
        #expect(imported.events.count == 2)
        #expect(imported.events[0].uidIsMade && imported.events[0].uid.hasPrefix("made-"))
        #expect(try read(
            "BEGIN:VEVENT\nDTSTART:20270601T100000Z\nEND:VEVENT\n").events.first?.uid == imported.events[0].uid)
        #expect(imported.events[1].uid == "fine")
        #expect(imported.warnings.count == 2)
        #expect(imported.warnings[0].description == "line 4: VEVENT: no DTSTART; the event is skipped")
        #expect(imported.warnings[1].description.hasPrefix("line 10: RRULE: "))
        #expect(imported.occurrences(from: utc("2027-06-01T00:00:00"), to: utc("2027-06-02T00:00:00")).first?.endInstant
            == utc("2027-06-01T12:00:00"))
    }

    @Test("a rule that repeats every second is cut at the limit, not expanded for ever")
    func bounded() throws {
        let imported = try read("BEGIN:VEVENT\nUID:s\nDTSTART:20270601T000000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\n")
        #expect(imported.occurrences(from: utc("2027-06-01T00:00:00"), to: utc("2028-06-01T00:00:00")).count
            <= ImportedCalendar.maximumOccurrencesPerEvent)
    }
}
