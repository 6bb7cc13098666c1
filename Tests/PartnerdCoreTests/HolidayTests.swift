import Testing
@testable import PartnerdCore

/// Easter by Gauss's method, a second computation beside ``Easter``'s (Meeus's arithmetic): the Gregorian form with
/// its two exceptions, and the Julian form, whose date is then carried into the Gregorian calendar.
private func gaussEaster(_ year: Int, orthodox: Bool) -> LocalDate {
    let a = year % 19
    let b = year % 4
    let c = year % 7
    var m = 15
    var n = 6
    if !orthodox {
        let k = year / 100
        let p = (13 + 8 * k) / 25
        let q = k / 4
        m = (15 - p + k - q) % 30
        n = (4 + k - q) % 7
    }
    let d = (19 * a + m) % 30
    let e = (2 * b + 4 * c + 6 * d + n) % 7
    var march = 22 + d + e
    if !orthodox {
        if d == 29 && e == 6 { march = 50 }
        if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 { march = 49 }
    }
    let date = march > 31 ? LocalDate(year: year, month: 4, day: march - 31)! : LocalDate(year: year, month: 3, day: march)!
    // Julian to Gregorian for a date after 28 February: the difference grows by one each century not divisible by 400.
    return orthodox ? date.adding(days: year / 100 - year / 400 - 2) : date
}

@Suite("Public holidays: Easter, rule kinds, substitute days, the data")
struct HolidayTests {
    @Test("Easter of both churches, 1900 to 2100, as Gauss computes it")
    func easterTables() {
        for year in 1900...2100 {
            #expect(Easter.western(year) == gaussEaster(year, orthodox: false), "Western Easter \(year)")
            #expect(Easter.orthodox(year) == gaussEaster(year, orthodox: true), "Orthodox Easter \(year)")
        }
        #expect(Easter.western(2026).description == "2026-04-05")
        #expect(Easter.orthodox(2026).description == "2026-04-12")
        #expect(Easter.western(2025) == Easter.orthodox(2025))
        #expect(Easter.julian(year: 2026, month: 12, day: 25).description == "2027-01-07")
    }

    private func country(_ holidays: String, weekend: String = "") throws -> HolidayCountry {
        try HolidayData.read(
            "code = \"XX\"\nlanguage = \"en\"\n\(weekend)names = { en = \"Testland\" }\n"
                + "subdivisions = { A = { en = \"A\" }, B = { en = \"B\" } }\n" + holidays)
    }

    private func dates(_ country: HolidayCountry, _ year: Int, _ subdivision: String? = nil) -> [String] {
        country.holidays(years: year...year, subdivision: subdivision).map(\.date.description)
    }

    @Test("each kind of day: fixed, Easter offsets, Julian, nth and last weekday, on or after, before")
    func ruleKinds() throws {
        let data = try country(
            """
            [[holiday]]
            id = "fixed"
            names = { en = "Fixed" }
            date = "10-03"
            [[holiday]]
            id = "good-friday"
            names = { en = "Good Friday" }
            easter = -2
            [[holiday]]
            id = "orthodox-monday"
            names = { en = "Orthodox Easter Monday" }
            orthodox_easter = 1
            [[holiday]]
            id = "julian-christmas"
            names = { en = "Christmas (Julian)" }
            julian = "12-25"
            [[holiday]]
            id = "thanksgiving"
            names = { en = "Thanksgiving" }
            weekday = "thu"
            month = 11
            nth = 4
            [[holiday]]
            id = "memorial"
            names = { en = "Memorial" }
            weekday = "mon"
            month = 5
            nth = -1
            [[holiday]]
            id = "midsummer"
            names = { en = "Midsummer" }
            weekday = "sat"
            on_or_after = "06-20"
            [[holiday]]
            id = "repentance"
            names = { en = "Repentance" }
            weekday = "wed"
            before = "11-23"
            """)
        #expect(
            dates(data, 2026) == [
                "2026-01-07", "2026-04-03", "2026-04-13", "2026-05-25", "2026-06-20", "2026-10-03", "2026-11-18",
                "2026-11-26",
            ])
        // 23 November 2022 was a Wednesday: the Wednesday before it is the 16th, not the 23rd.
        #expect(dates(data, 2022).contains("2022-11-16"))
        #expect(!dates(data, 2022).contains("2022-11-23"))
    }

    @Test("years, subdivisions, days in a row, one-off dates and since")
    func scope() throws {
        let data = try HolidayData.read(
            """
            code = "XX"
            language = "en"
            since = 2000
            names = { en = "Testland" }
            subdivisions = { A = { en = "A" }, B = { en = "B" } }
            [[holiday]]
            id = "new-law"
            names = { en = "New" }
            date = "03-08"
            from = 2019
            [[holiday]]
            id = "only-a"
            names = { en = "A's" }
            date = "08-15"
            in = ["A"]
            [[holiday]]
            id = "festival"
            names = { en = "Festival" }
            date = "02-10"
            days = 3
            [[holiday]]
            id = "once"
            names = { en = "Once" }
            dates = [2025-05-08]
            [[holiday]]
            id = "skipped"
            names = { en = "Skipped" }
            date = "12-01"
            except_years = [2025]
            """)
        #expect(dates(data, 2018) == ["2018-02-10", "2018-02-11", "2018-02-12", "2018-12-01"])
        #expect(dates(data, 2025) == ["2025-02-10", "2025-02-11", "2025-02-12", "2025-03-08", "2025-05-08"])
        #expect(dates(data, 2025, "A").contains("2025-08-15"))
        #expect(!dates(data, 2025, "B").contains("2025-08-15"))
        #expect(dates(data, 1999).isEmpty)
    }

    @Test("substitute days: a shift to Friday or Monday, the next free weekday, a holiday moved to Monday")
    func substitutes() throws {
        let data = try country(
            """
            [[holiday]]
            id = "independence"
            names = { en = "Independence" }
            date = "07-04"
            observed = { sat = -1, sun = 1 }
            [[holiday]]
            id = "christmas"
            names = { en = "Christmas" }
            date = "12-25"
            observed = "next-free"
            [[holiday]]
            id = "boxing"
            names = { en = "Boxing" }
            date = "12-26"
            observed = "next-free"
            [[holiday]]
            id = "moved"
            names = { en = "Moved" }
            date = "10-12"
            shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
            shift_from = 2017
            """)
        // 2021: 4 July a Sunday → Monday 5; Christmas Saturday → Monday 27, Boxing Day Sunday → Tuesday 28.
        let holidays = data.holidays(years: 2021...2021)
        #expect(holidays.filter(\.isSubstitute).map(\.date.description) == ["2021-07-05", "2021-12-27", "2021-12-28"])
        #expect(dates(data, 2021).contains("2021-12-25"))
        // 12 October 2023 was a Thursday: moved to Monday 16; in 2016 (a Wednesday) not yet.
        #expect(dates(data, 2023).contains("2023-10-16"))
        #expect(!dates(data, 2023).contains("2023-10-12"))
        #expect(dates(data, 2016).contains("2016-10-12"))
        // 4 July 2026 is a Saturday: Friday 3 July.
        #expect(dates(data, 2026).contains("2026-07-03"))
    }

    @Test("a substitute day in the year before its holiday belongs to that year")
    func substituteAcrossTheNewYear() throws {
        let data = try country(
            "[[holiday]]\nid = \"new-year\"\nnames = { en = \"New Year\" }\ndate = \"01-01\"\nobserved = { sat = -1 }\n")
        // 1 January 2022 was a Saturday.
        #expect(dates(data, 2021) == ["2021-01-01", "2021-12-31"])
        #expect(dates(data, 2022) == ["2022-01-01"])
    }

    @Test("a day between two holidays becomes one")
    func between() throws {
        let data = try country(
            """
            [[holiday]]
            id = "one"
            names = { en = "One" }
            date = "05-03"
            [[holiday]]
            id = "two"
            names = { en = "Two" }
            date = "05-05"
            [[holiday]]
            id = "citizens"
            names = { en = "Citizens' Holiday" }
            between = true
            """)
        #expect(dates(data, 2027) == ["2027-05-03", "2027-05-04", "2027-05-05"])
    }

    @Test("data errors name the country, the holiday and the key")
    func dataErrors() {
        #expect(throws: HolidayData.DataError.self) {
            try country("[[holiday]]\nid = \"x\"\nnames = { en = \"X\" }\ndate = \"13-01\"\n")
        }
        do {
            _ = try country("[[holiday]]\nid = \"x\"\nnames = { en = \"X\" }\ndate = \"01-01\"\nin = [\"Q\"]\n")
            Issue.record("an unknown subdivision was accepted")
        } catch {
            #expect("\(error)" == "holiday data XX: holiday x: in names a subdivision the country does not list")
        }
    }

    @Test("every country's data reads, names each holiday in its own language and in English, and covers the sample")
    func shippedData() throws {
        var codes: [String] = []
        for source in HolidayData.sources {
            let country = try HolidayData.read(source)
            codes.append(country.code)
            #expect(country.names[country.language] != nil || country.language == "en", "\(country.code)")
            for rule in country.rules {
                #expect(rule.names[country.language] != nil, "\(country.code) \(rule.id) has no \(country.language) name")
                #expect(rule.names["en"] != nil, "\(country.code) \(rule.id) has no English name")
                #expect(rule.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(rule.id)")
            }
        }
        let wanted = [
            "DE", "BE", "FR", "ES", "TR", "PL", "RU", "HU", "UZ", "MX", "CN", "JP", "ID", "AR", "CZ", "NA", "GB", "US",
            "IL", "UA",
        ]
        #expect(Set(codes) == Set(wanted))
        #expect(codes.count == wanted.count)
        #expect(HolidayData.countries["DE"]?.subdivisions.count == 16)
    }

    @Test("regions: codes in any case, with or without a subdivision")
    func regions() {
        #expect(HolidayRegion(code: "de-be") == HolidayRegion(country: "DE", subdivision: "BE"))
        #expect(HolidayRegion(code: "BE") == HolidayRegion(country: "BE"))
        #expect(HolidayRegion(code: "Deutschland") == nil)
        #expect(HolidayRegion(code: "DE-") == nil)
        #expect(HolidayData.country(HolidayRegion(country: "DE", subdivision: "XX")) == nil)
        #expect(HolidayData.holidays(on: LocalDate(year: 2027, month: 5, day: 17)!, in: HolidayRegion(country: "DE"))
            .map { $0.name(in: "de") } == ["Pfingstmontag"])
        #expect(HolidayData.holidays(on: LocalDate(year: 2027, month: 7, day: 21)!, in: HolidayRegion(country: "BE"))
            .map { $0.name(in: "fr") } == ["Fête nationale"])
    }
}
