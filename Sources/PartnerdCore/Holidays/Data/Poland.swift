extension HolidayData {
    /// Poland: the statutory days off (ustawa o dniach wolnych od pracy), in force for the whole country.
    static let poland = #"""
        code = "PL"
        language = "pl"
        names = { pl = "Polska", en = "Poland", de = "Polen", fr = "Pologne", nl = "Polen" }

        [[holiday]]
        id = "nowy-rok"
        names = { pl = "Nowy Rok", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "trzech-kroli"
        names = { pl = "Święto Trzech Króli", en = "Epiphany", de = "Heilige Drei Könige", fr = "Épiphanie", nl = "Driekoningen" }
        date = "01-06"
        from = 2011

        [[holiday]]
        id = "niedziela-wielkanocna"
        names = { pl = "Niedziela Wielkanocna", en = "Easter Sunday", de = "Ostersonntag", fr = "Dimanche de Pâques", nl = "Paaszondag" }
        easter = 0

        [[holiday]]
        id = "poniedzialek-wielkanocny"
        names = { pl = "Poniedziałek Wielkanocny", en = "Easter Monday", de = "Ostermontag", fr = "Lundi de Pâques", nl = "Paasmaandag" }
        easter = 1

        [[holiday]]
        id = "swieto-pracy"
        names = { pl = "Święto Pracy", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        from = 1950

        [[holiday]]
        id = "swieto-trzeciego-maja"
        names = { pl = "Święto Narodowe Trzeciego Maja", en = "Constitution Day (3 May)", de = "Tag der Verfassung vom 3. Mai", fr = "Fête de la Constitution du 3 mai", nl = "Dag van de Grondwet van 3 mei" }
        date = "05-03"
        from = 1990

        [[holiday]]
        id = "zielone-swiatki"
        names = { pl = "Zielone Świątki", en = "Whit Sunday", de = "Pfingstsonntag", fr = "Dimanche de Pentecôte", nl = "Pinksterzondag" }
        easter = 49

        [[holiday]]
        id = "boze-cialo"
        names = { pl = "Boże Ciało", en = "Corpus Christi", de = "Fronleichnam", fr = "Fête-Dieu", nl = "Sacramentsdag" }
        easter = 60

        [[holiday]]
        id = "swieto-odrodzenia-polski"
        names = { pl = "Narodowe Święto Odrodzenia Polski", en = "National Day of the Rebirth of Poland", de = "Nationalfeiertag der Wiedergeburt Polens", fr = "Fête nationale de la renaissance de la Pologne", nl = "Nationale feestdag van de wedergeboorte van Polen" }
        date = "07-22"
        from = 1945
        until = 1989

        [[holiday]]
        id = "wniebowziecie"
        names = { pl = "Wniebowzięcie Najświętszej Maryi Panny", en = "Assumption Day", de = "Mariä Himmelfahrt", fr = "Assomption", nl = "Maria-Tenhemelopneming" }
        date = "08-15"
        from = 1989

        [[holiday]]
        id = "wszystkich-swietych"
        names = { pl = "Wszystkich Świętych", en = "All Saints' Day", de = "Allerheiligen", fr = "Toussaint", nl = "Allerheiligen" }
        date = "11-01"

        [[holiday]]
        id = "swieto-niepodleglosci"
        names = { pl = "Narodowe Święto Niepodległości", en = "National Independence Day", de = "Nationaler Unabhängigkeitstag", fr = "Fête nationale de l'indépendance", nl = "Nationale Onafhankelijkheidsdag" }
        date = "11-11"
        from = 1989

        [[holiday]]
        id = "stulecie-niepodleglosci"
        names = { pl = "Dzień wolny z okazji 100. rocznicy odzyskania niepodległości", en = "Day off for the centenary of independence", de = "Freier Tag zum 100. Jahrestag der Unabhängigkeit", fr = "Jour chômé du centenaire de l'indépendance", nl = "Vrije dag voor de honderdste verjaardag van de onafhankelijkheid" }
        dates = [2018-11-12]

        [[holiday]]
        id = "wigilia"
        names = { pl = "Wigilia Bożego Narodzenia", en = "Christmas Eve", de = "Heiligabend", fr = "Veille de Noël", nl = "Kerstavond" }
        date = "12-24"
        from = 2025

        [[holiday]]
        id = "boze-narodzenie"
        names = { pl = "Pierwszy dzień Bożego Narodzenia", en = "Christmas Day", de = "Erster Weihnachtstag", fr = "Noël", nl = "Eerste Kerstdag" }
        date = "12-25"

        [[holiday]]
        id = "drugi-dzien-bozego-narodzenia"
        names = { pl = "Drugi dzień Bożego Narodzenia", en = "Second Day of Christmas", de = "Zweiter Weihnachtstag", fr = "Lendemain de Noël", nl = "Tweede Kerstdag" }
        date = "12-26"
        """#
}
