extension HolidayData {
    /// Namibia: the holidays of the Public Holidays Act 1990 and the days declared under it, from 1991.
    static let namibia = #"""
        code = "NA"
        language = "en"
        since = 1991
        names = { en = "Namibia", de = "Namibia", fr = "Namibie", nl = "Namibië" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = { sun = 1 }

        [[holiday]]
        id = "walvis-bay-reintegration"
        names = { en = "Walvis Bay Reintegration Day" }
        dates = [1994-03-01]

        [[holiday]]
        id = "independence-day"
        names = { en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "03-21"
        observed = { sun = 1 }

        [[holiday]]
        id = "good-friday"
        names = { en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        [[holiday]]
        id = "easter-monday"
        names = { en = "Easter Monday", de = "Ostermontag", fr = "Lundi de Pâques", nl = "Paasmaandag" }
        easter = 1

        [[holiday]]
        id = "workers-day"
        names = { en = "Workers' Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        observed = { sun = 1 }

        [[holiday]]
        id = "cassinga-day"
        names = { en = "Cassinga Day", de = "Cassinga-Tag" }
        date = "05-04"
        observed = { sun = 1 }

        [[holiday]]
        id = "africa-day"
        names = { en = "Africa Day", de = "Afrikatag", fr = "Journée de l'Afrique", nl = "Afrikadag" }
        date = "05-25"
        observed = { sun = 1 }

        [[holiday]]
        id = "genocide-remembrance-day"
        names = { en = "Genocide Remembrance Day" }
        date = "05-28"
        from = 2025

        [[holiday]]
        id = "ascension-day"
        names = { en = "Ascension Day", de = "Christi Himmelfahrt", fr = "Ascension", nl = "Hemelvaartsdag" }
        easter = 39

        [[holiday]]
        id = "heroes-day"
        names = { en = "Heroes' Day", de = "Heldentag", fr = "Journée des héros", nl = "Heldendag" }
        date = "08-26"
        observed = { sun = 1 }

        [[holiday]]
        id = "human-rights-day"
        names = { en = "International Human Rights Day", de = "Tag der Menschenrechte", fr = "Journée des droits de l'homme", nl = "Dag van de Rechten van de Mens" }
        date = "12-10"
        until = 2004
        observed = { sun = 1 }

        [[holiday]]
        id = "namibian-women-and-human-rights-day"
        names = { en = "Day of the Namibian Women and International Human Rights Day" }
        date = "12-10"
        from = 2005
        observed = { sun = 1 }

        [[holiday]]
        id = "christmas"
        names = { en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"

        [[holiday]]
        id = "family-day"
        names = { en = "Family Day", de = "Familientag", fr = "Journée de la famille", nl = "Familiedag" }
        date = "12-26"
        observed = { sun = 1 }

        [[holiday]]
        id = "general-election-day"
        names = { en = "General Election Day" }
        dates = [1994-12-07, 1999-11-30, 2014-11-28, 2019-11-27, 2024-11-27]

        [[holiday]]
        id = "regional-election-day"
        names = { en = "Regional Election Day" }
        dates = [1998-11-30, 2015-11-27, 2020-11-25, 2025-11-26]

        [[holiday]]
        id = "united-nations-fiftieth-anniversary"
        names = { en = "Public Holiday (50th anniversary of the United Nations)" }
        dates = [1995-10-24]

        [[holiday]]
        id = "mourning-moses-garoeb"
        names = { en = "Day of Mourning for Honourable Moses Garoeb" }
        dates = [1997-09-26]

        [[holiday]]
        id = "y2k-changeover"
        names = { en = "Y2K Changeover" }
        dates = [1999-12-31, 2000-01-03]

        [[holiday]]
        id = "burial-hage-geingob"
        names = { en = "Burial Ceremony of Dr. Hage Gottfried Geingob" }
        dates = [2024-02-25]

        [[holiday]]
        id = "burial-sam-nujoma"
        names = { en = "Burial Ceremony of Dr. Sam Shafiishuna Nujoma" }
        dates = [2025-03-01]
        """#
}
