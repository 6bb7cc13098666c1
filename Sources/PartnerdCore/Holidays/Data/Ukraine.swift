extension HolidayData {
    /// Ukraine: the holidays of the Labour Code from 1991, each on a weekend with the next working day from 1999.
    static let ukraine = #"""
        code = "UA"
        language = "uk"
        since = 1991
        names = { uk = "Україна", en = "Ukraine", de = "Ukraine", fr = "Ukraine", nl = "Oekraïne" }

        [[holiday]]
        id = "new-year"
        names = { uk = "Новий рік", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "christmas-julian"
        names = { uk = "Різдво Христове", en = "Christmas Day (Julian calendar)", de = "Weihnachten (julianischer Kalender)", fr = "Noël (calendrier julien)", nl = "Kerstmis (juliaanse kalender)" }
        julian = "12-25"
        until = 2023
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "womens-day"
        names = { uk = "Міжнародний жіночий день", en = "International Women's Day", de = "Internationaler Frauentag", fr = "Journée internationale des femmes", nl = "Internationale Vrouwendag" }
        date = "03-08"
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "easter"
        names = { uk = "Великдень (Пасха)", en = "Orthodox Easter Sunday", de = "Orthodoxer Ostersonntag", fr = "Pâques orthodoxes", nl = "Orthodox Pasen" }
        orthodox_easter = 0
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "workers-solidarity-day"
        names = { uk = "День міжнародної солідарності трудящих", en = "International Workers' Solidarity Day", de = "Tag der internationalen Solidarität der Werktätigen", fr = "Journée de la solidarité internationale des travailleurs" }
        date = "05-01"
        days = 2
        until = 2017
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "labour-day"
        names = { uk = "День праці", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        from = 2018
        observed = "next-free"

        [[holiday]]
        id = "remembrance-and-victory-day"
        names = { uk = "День памʼяті та перемоги над нацизмом у Другій світовій війні 1939–1945 років", en = "Day of Remembrance and Victory over Nazism in World War II 1939–1945", de = "Tag der Erinnerung und des Sieges über den Nationalsozialismus im Zweiten Weltkrieg 1939–1945", fr = "Journée du souvenir et de la victoire sur le nazisme pendant la Seconde Guerre mondiale 1939-1945", nl = "Dag van Herdenking en Overwinning op het nazisme in de Tweede Wereldoorlog 1939-1945" }
        date = "05-08"
        from = 2024
        observed = "next-free"

        [[holiday]]
        id = "victory-day"
        names = { uk = "День Перемоги", en = "Victory Day", de = "Tag des Sieges", fr = "Jour de la Victoire", nl = "Dag van de Overwinning" }
        date = "05-09"
        until = 2015
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "victory-over-nazism-day"
        names = { uk = "День перемоги над нацизмом у Другій світовій війні (День перемоги)", en = "Day of Victory over Nazism in World War II (Victory Day)", de = "Tag des Sieges über den Nationalsozialismus im Zweiten Weltkrieg (Tag des Sieges)", fr = "Jour de la victoire sur le nazisme pendant la Seconde Guerre mondiale (Jour de la Victoire)", nl = "Dag van de Overwinning op het nazisme in de Tweede Wereldoorlog (Dag van de Overwinning)" }
        date = "05-09"
        from = 2016
        until = 2023
        observed = "next-free"

        [[holiday]]
        id = "trinity"
        names = { uk = "Трійця", en = "Orthodox Pentecost (Trinity Sunday)", de = "Orthodoxes Pfingsten (Dreifaltigkeit)", fr = "Pentecôte orthodoxe (Trinité)", nl = "Orthodox Pinksteren (Drievuldigheid)" }
        orthodox_easter = 49
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "constitution-day"
        names = { uk = "День Конституції України", en = "Constitution Day", de = "Tag der Verfassung", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "06-28"
        from = 1997
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "statehood-day"
        names = { uk = "День Української Державності", en = "Ukrainian Statehood Day", de = "Tag der ukrainischen Staatlichkeit", fr = "Jour de l'État ukrainien" }
        date = "07-15"
        from = 2024
        observed = "next-free"

        [[holiday]]
        id = "independence-day-1991"
        names = { uk = "День незалежності України", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "07-16"
        until = 1991

        [[holiday]]
        id = "statehood-day-july-28"
        names = { uk = "День Української Державності", en = "Ukrainian Statehood Day", de = "Tag der ukrainischen Staatlichkeit", fr = "Jour de l'État ukrainien" }
        date = "07-28"
        from = 2022
        until = 2023
        observed = "next-free"

        [[holiday]]
        id = "independence-day"
        names = { uk = "День незалежності України", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "08-24"
        from = 1992
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "defenders-day"
        names = { uk = "День захисників і захисниць України", en = "Day of Defenders of Ukraine", de = "Tag der Verteidiger und Verteidigerinnen der Ukraine", fr = "Journée des défenseurs et défenseuses de l'Ukraine", nl = "Dag van de Verdedigers van Oekraïne" }
        date = "10-01"
        from = 2023
        observed = "next-free"

        [[holiday]]
        id = "defender-of-ukraine-day"
        names = { uk = "День захисника України", en = "Defender of Ukraine Day", de = "Tag des Verteidigers der Ukraine", fr = "Journée du défenseur de l'Ukraine", nl = "Dag van de Verdediger van Oekraïne" }
        date = "10-14"
        from = 2015
        until = 2020
        observed = "next-free"

        [[holiday]]
        id = "defenders-day-october-14"
        names = { uk = "День захисників і захисниць України", en = "Day of Defenders of Ukraine", de = "Tag der Verteidiger und Verteidigerinnen der Ukraine", fr = "Journée des défenseurs et défenseuses de l'Ukraine", nl = "Dag van de Verdedigers van Oekraïne" }
        date = "10-14"
        from = 2021
        until = 2022
        observed = "next-free"

        [[holiday]]
        id = "october-revolution-anniversary"
        names = { uk = "Річниця Великої Жовтневої соціалістичної революції", en = "Anniversary of the Great October Socialist Revolution", de = "Jahrestag der Großen Sozialistischen Oktoberrevolution", fr = "Anniversaire de la Grande Révolution socialiste d'Octobre", nl = "Verjaardag van de Grote Socialistische Oktoberrevolutie" }
        date = "11-07"
        days = 2
        until = 1999
        observed = "next-free"
        observed_from = 1999

        [[holiday]]
        id = "christmas"
        names = { uk = "Різдво Христове", en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"
        from = 2017
        observed = "next-free"
        """#
}
