extension HolidayData {
    /// Germany: the federal holidays and those of the 16 Länder, from 1991, the first full year after unification.
    static let germany = #"""
        code = "DE"
        language = "de"
        since = 1991
        names = { de = "Deutschland", en = "Germany", fr = "Allemagne", nl = "Duitsland" }

        [subdivisions]
        BB = { de = "Brandenburg", en = "Brandenburg", fr = "Brandebourg", nl = "Brandenburg" }
        BE = { de = "Berlin", en = "Berlin", fr = "Berlin", nl = "Berlijn" }
        BW = { de = "Baden-Württemberg", en = "Baden-Württemberg", fr = "Bade-Wurtemberg", nl = "Baden-Württemberg" }
        BY = { de = "Bayern", en = "Bavaria", fr = "Bavière", nl = "Beieren" }
        HB = { de = "Bremen", en = "Bremen", fr = "Brême", nl = "Bremen" }
        HE = { de = "Hessen", en = "Hesse", fr = "Hesse", nl = "Hessen" }
        HH = { de = "Hamburg", en = "Hamburg", fr = "Hambourg", nl = "Hamburg" }
        MV = { de = "Mecklenburg-Vorpommern", en = "Mecklenburg-Western Pomerania", fr = "Mecklembourg-Poméranie-Occidentale", nl = "Mecklenburg-Voor-Pommeren" }
        NI = { de = "Niedersachsen", en = "Lower Saxony", fr = "Basse-Saxe", nl = "Nedersaksen" }
        NW = { de = "Nordrhein-Westfalen", en = "North Rhine-Westphalia", fr = "Rhénanie-du-Nord-Westphalie", nl = "Noordrijn-Westfalen" }
        RP = { de = "Rheinland-Pfalz", en = "Rhineland-Palatinate", fr = "Rhénanie-Palatinat", nl = "Rijnland-Palts" }
        SH = { de = "Schleswig-Holstein", en = "Schleswig-Holstein", fr = "Schleswig-Holstein", nl = "Sleeswijk-Holstein" }
        SL = { de = "Saarland", en = "Saarland", fr = "Sarre", nl = "Saarland" }
        SN = { de = "Sachsen", en = "Saxony", fr = "Saxe", nl = "Saksen" }
        ST = { de = "Sachsen-Anhalt", en = "Saxony-Anhalt", fr = "Saxe-Anhalt", nl = "Saksen-Anhalt" }
        TH = { de = "Thüringen", en = "Thuringia", fr = "Thuringe", nl = "Thüringen" }

        [[holiday]]
        id = "neujahr"
        names = { de = "Neujahr", en = "New Year's Day", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "heilige-drei-koenige"
        names = { de = "Heilige Drei Könige", en = "Epiphany", fr = "Épiphanie", nl = "Driekoningen" }
        date = "01-06"
        in = ["BW", "BY", "ST"]

        [[holiday]]
        id = "frauentag"
        names = { de = "Internationaler Frauentag", en = "International Women's Day", fr = "Journée internationale des femmes", nl = "Internationale Vrouwendag" }
        date = "03-08"
        in = ["BE"]
        from = 2019

        [[holiday]]
        id = "frauentag-mv"
        names = { de = "Internationaler Frauentag", en = "International Women's Day", fr = "Journée internationale des femmes", nl = "Internationale Vrouwendag" }
        date = "03-08"
        in = ["MV"]
        from = 2023

        [[holiday]]
        id = "karfreitag"
        names = { de = "Karfreitag", en = "Good Friday", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        [[holiday]]
        id = "ostersonntag"
        names = { de = "Ostersonntag", en = "Easter Sunday", fr = "Dimanche de Pâques", nl = "Paaszondag" }
        easter = 0
        in = ["BB"]

        [[holiday]]
        id = "ostermontag"
        names = { de = "Ostermontag", en = "Easter Monday", fr = "Lundi de Pâques", nl = "Paasmaandag" }
        easter = 1

        [[holiday]]
        id = "tag-der-arbeit"
        names = { de = "Tag der Arbeit", en = "Labour Day", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"

        [[holiday]]
        id = "befreiung"
        names = { de = "Jahrestag der Befreiung vom Nationalsozialismus", en = "Anniversary of the Liberation from National Socialism", fr = "Anniversaire de la libération du national-socialisme", nl = "Verjaardag van de bevrijding van het nationaalsocialisme" }
        dates = [2020-05-08, 2025-05-08]
        in = ["BE"]

        [[holiday]]
        id = "christi-himmelfahrt"
        names = { de = "Christi Himmelfahrt", en = "Ascension Day", fr = "Ascension", nl = "Hemelvaartsdag" }
        easter = 39

        [[holiday]]
        id = "pfingstsonntag"
        names = { de = "Pfingstsonntag", en = "Whit Sunday", fr = "Dimanche de Pentecôte", nl = "Pinksterzondag" }
        easter = 49
        in = ["BB"]

        [[holiday]]
        id = "pfingstmontag"
        names = { de = "Pfingstmontag", en = "Whit Monday", fr = "Lundi de Pentecôte", nl = "Pinkstermaandag" }
        easter = 50

        [[holiday]]
        id = "fronleichnam"
        names = { de = "Fronleichnam", en = "Corpus Christi", fr = "Fête-Dieu", nl = "Sacramentsdag" }
        easter = 60
        in = ["BW", "BY", "HE", "NW", "RP", "SL"]

        [[holiday]]
        id = "volksaufstand"
        names = { de = "Jahrestag des Volksaufstands vom 17. Juni 1953", en = "Anniversary of the uprising of 17 June 1953", fr = "Anniversaire du soulèvement du 17 juin 1953", nl = "Verjaardag van de volksopstand van 17 juni 1953" }
        dates = [2028-06-17]
        in = ["BE"]

        [[holiday]]
        id = "mariae-himmelfahrt"
        names = { de = "Mariä Himmelfahrt", en = "Assumption Day", fr = "Assomption", nl = "Maria-Tenhemelopneming" }
        date = "08-15"
        in = ["SL"]

        [[holiday]]
        id = "weltkindertag"
        names = { de = "Weltkindertag", en = "World Children's Day", fr = "Journée mondiale de l'enfance", nl = "Wereldkinderdag" }
        date = "09-20"
        in = ["TH"]
        from = 2019

        [[holiday]]
        id = "tag-der-deutschen-einheit"
        names = { de = "Tag der Deutschen Einheit", en = "German Unity Day", fr = "Jour de l'unité allemande", nl = "Dag van de Duitse Eenheid" }
        date = "10-03"

        [[holiday]]
        id = "reformationstag"
        names = { de = "Reformationstag", en = "Reformation Day", fr = "Fête de la Réformation", nl = "Hervormingsdag" }
        date = "10-31"
        in = ["BB", "MV", "SN", "ST", "TH"]

        [[holiday]]
        id = "reformationstag-nord"
        names = { de = "Reformationstag", en = "Reformation Day", fr = "Fête de la Réformation", nl = "Hervormingsdag" }
        date = "10-31"
        in = ["HB", "HH", "NI", "SH"]
        from = 2018

        [[holiday]]
        id = "reformationsjubilaeum"
        names = { de = "Reformationstag (500. Jahrestag)", en = "Reformation Day (500th anniversary)", fr = "Fête de la Réformation (500e anniversaire)", nl = "Hervormingsdag (500e verjaardag)" }
        dates = [2017-10-31]

        [[holiday]]
        id = "allerheiligen"
        names = { de = "Allerheiligen", en = "All Saints' Day", fr = "Toussaint", nl = "Allerheiligen" }
        date = "11-01"
        in = ["BW", "BY", "NW", "RP", "SL"]

        [[holiday]]
        id = "buss-und-bettag"
        names = { de = "Buß- und Bettag", en = "Day of Repentance and Prayer", fr = "Jour de pénitence et de prière", nl = "Boete- en biddag" }
        weekday = "wed"
        before = "11-23"
        until = 1994

        [[holiday]]
        id = "buss-und-bettag-sachsen"
        names = { de = "Buß- und Bettag", en = "Day of Repentance and Prayer", fr = "Jour de pénitence et de prière", nl = "Boete- en biddag" }
        weekday = "wed"
        before = "11-23"
        in = ["SN"]
        from = 1995

        [[holiday]]
        id = "erster-weihnachtstag"
        names = { de = "Erster Weihnachtstag", en = "Christmas Day", fr = "Noël", nl = "Eerste Kerstdag" }
        date = "12-25"

        [[holiday]]
        id = "zweiter-weihnachtstag"
        names = { de = "Zweiter Weihnachtstag", en = "Boxing Day", fr = "Lendemain de Noël", nl = "Tweede Kerstdag" }
        date = "12-26"
        """#
}
