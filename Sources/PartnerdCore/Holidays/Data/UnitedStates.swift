extension HolidayData {
    /// United States: the federal holidays of 5 U.S.C. 6103, from 1971, when the Uniform Monday Holiday Act took effect.
    static let unitedStates = #"""
        code = "US"
        language = "en"
        since = 1971
        names = { en = "United States", de = "Vereinigte Staaten", fr = "États-Unis", nl = "Verenigde Staten" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = { sat = -1, sun = 1 }

        [[holiday]]
        id = "martin-luther-king-day"
        names = { en = "Martin Luther King Jr. Day" }
        weekday = "mon"
        month = 1
        nth = 3
        from = 1986

        [[holiday]]
        id = "washingtons-birthday"
        names = { en = "Washington's Birthday", de = "Washingtons Geburtstag", fr = "Anniversaire de Washington", nl = "Washingtons verjaardag" }
        weekday = "mon"
        month = 2
        nth = 3

        [[holiday]]
        id = "memorial-day"
        names = { en = "Memorial Day" }
        weekday = "mon"
        month = 5
        nth = -1

        [[holiday]]
        id = "juneteenth"
        names = { en = "Juneteenth National Independence Day" }
        date = "06-19"
        from = 2021
        observed = { sat = -1, sun = 1 }

        [[holiday]]
        id = "independence-day"
        names = { en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "07-04"
        observed = { sat = -1, sun = 1 }

        [[holiday]]
        id = "labor-day"
        names = { en = "Labor Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        weekday = "mon"
        month = 9
        nth = 1

        [[holiday]]
        id = "columbus-day"
        names = { en = "Columbus Day" }
        weekday = "mon"
        month = 10
        nth = 2

        [[holiday]]
        id = "veterans-day-october"
        names = { en = "Veterans Day" }
        weekday = "mon"
        month = 10
        nth = 4
        until = 1977

        [[holiday]]
        id = "veterans-day"
        names = { en = "Veterans Day" }
        date = "11-11"
        from = 1978
        observed = { sat = -1, sun = 1 }

        [[holiday]]
        id = "thanksgiving"
        names = { en = "Thanksgiving Day", fr = "Action de grâce" }
        weekday = "thu"
        month = 11
        nth = 4

        [[holiday]]
        id = "christmas"
        names = { en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"
        observed = { sat = -1, sun = 1 }
        """#
}
