extension HolidayData {
    /// Russia: the non-working holidays of the Labour Code from 1991, each on a weekend with the next working day.
    static let russia = #"""
        code = "RU"
        language = "ru"
        since = 1991
        names = { ru = "Россия", en = "Russia", de = "Russland", fr = "Russie", nl = "Rusland" }

        [[holiday]]
        id = "new-year"
        names = { ru = "Новый год", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = "next-free"
        observed_until = 2012

        [[holiday]]
        id = "new-year-second-day"
        names = { ru = "Новый год (второй день)", en = "New Year (second day)", de = "Neujahr (zweiter Tag)", fr = "Nouvel An (deuxième jour)", nl = "Nieuwjaar (tweede dag)" }
        date = "01-02"
        from = 1993
        until = 2004
        observed = "next-free"

        [[holiday]]
        id = "new-year-holidays"
        names = { ru = "Новогодние каникулы", en = "New Year holidays", de = "Neujahrsferien", fr = "Vacances du Nouvel An", nl = "Nieuwjaarsvakantie" }
        date = "01-02"
        days = 4
        from = 2005
        observed = "next-free"
        observed_until = 2012

        [[holiday]]
        id = "new-year-holidays-jan-6"
        names = { ru = "Новогодние каникулы", en = "New Year holidays", de = "Neujahrsferien", fr = "Vacances du Nouvel An", nl = "Nieuwjaarsvakantie" }
        date = "01-06"
        from = 2013

        [[holiday]]
        id = "orthodox-christmas"
        names = { ru = "Рождество Христово", en = "Orthodox Christmas Day", de = "Orthodoxes Weihnachtsfest", fr = "Noël orthodoxe", nl = "Orthodoxe Kerstmis" }
        julian = "12-25"
        observed = "next-free"
        observed_until = 2012

        [[holiday]]
        id = "new-year-holidays-jan-8"
        names = { ru = "Новогодние каникулы", en = "New Year holidays", de = "Neujahrsferien", fr = "Vacances du Nouvel An", nl = "Nieuwjaarsvakantie" }
        date = "01-08"
        from = 2013

        [[holiday]]
        id = "defender-of-the-fatherland-day"
        names = { ru = "День защитника Отечества", en = "Defender of the Fatherland Day", de = "Tag des Verteidigers des Vaterlandes", fr = "Journée du défenseur de la patrie", nl = "Dag van de Verdediger van het Vaderland" }
        date = "02-23"
        from = 2002
        observed = "next-free"

        [[holiday]]
        id = "womens-day"
        names = { ru = "Международный женский день", en = "International Women's Day", de = "Internationaler Frauentag", fr = "Journée internationale des femmes", nl = "Internationale Vrouwendag" }
        date = "03-08"
        observed = "next-free"

        [[holiday]]
        id = "workers-solidarity-day"
        names = { ru = "День международной солидарности трудящихся", en = "International Workers' Solidarity Day", de = "Tag der internationalen Solidarität der Werktätigen", fr = "Journée de la solidarité internationale des travailleurs" }
        date = "05-01"
        days = 2
        until = 1991

        [[holiday]]
        id = "spring-and-labour-day"
        names = { ru = "Праздник Весны и Труда", en = "Spring and Labour Day", de = "Fest des Frühlings und der Arbeit", fr = "Fête du Printemps et du Travail", nl = "Feest van de Lente en de Arbeid" }
        date = "05-01"
        from = 1992
        observed = "next-free"

        [[holiday]]
        id = "spring-and-labour-day-second-day"
        names = { ru = "Праздник Весны и Труда (второй день)", en = "Spring and Labour Day (second day)", de = "Fest des Frühlings und der Arbeit (zweiter Tag)", fr = "Fête du Printemps et du Travail (deuxième jour)", nl = "Feest van de Lente en de Arbeid (tweede dag)" }
        date = "05-02"
        from = 1992
        until = 2004
        observed = "next-free"

        [[holiday]]
        id = "victory-day"
        names = { ru = "День Победы", en = "Victory Day", de = "Tag des Sieges", fr = "Jour de la Victoire", nl = "Dag van de Overwinning" }
        date = "05-09"
        observed = "next-free"

        [[holiday]]
        id = "sovereignty-declaration-day"
        names = { ru = "День принятия Декларации о государственном суверенитете Российской Федерации", en = "Day of the Adoption of the Declaration of State Sovereignty of the Russian Federation", de = "Tag der Annahme der Erklärung über die staatliche Souveränität der Russischen Föderation", fr = "Jour de l'adoption de la déclaration de souveraineté de la Fédération de Russie" }
        date = "06-12"
        from = 1992
        until = 2001
        observed = "next-free"

        [[holiday]]
        id = "russia-day"
        names = { ru = "День России", en = "Russia Day", de = "Tag Russlands", fr = "Jour de la Russie", nl = "Dag van Rusland" }
        date = "06-12"
        from = 2002
        observed = "next-free"

        [[holiday]]
        id = "unity-day"
        names = { ru = "День народного единства", en = "National Unity Day", de = "Tag der Einheit des Volkes", fr = "Jour de l'unité nationale", nl = "Dag van de Nationale Eenheid" }
        date = "11-04"
        from = 2005
        observed = "next-free"

        [[holiday]]
        id = "october-revolution-anniversary"
        names = { ru = "Годовщина Великой Октябрьской социалистической революции", en = "Anniversary of the Great October Socialist Revolution", de = "Jahrestag der Großen Sozialistischen Oktoberrevolution", fr = "Anniversaire de la Grande Révolution socialiste d'Octobre", nl = "Verjaardag van de Grote Socialistische Oktoberrevolutie" }
        date = "11-07"
        until = 1995
        observed = "next-free"

        [[holiday]]
        id = "october-revolution-anniversary-second-day"
        names = { ru = "Годовщина Великой Октябрьской социалистической революции (второй день)", en = "Anniversary of the Great October Socialist Revolution (second day)", de = "Jahrestag der Großen Sozialistischen Oktoberrevolution (zweiter Tag)", fr = "Anniversaire de la Grande Révolution socialiste d'Octobre (deuxième jour)", nl = "Verjaardag van de Grote Socialistische Oktoberrevolutie (tweede dag)" }
        date = "11-08"
        until = 1991

        [[holiday]]
        id = "accord-and-reconciliation-day"
        names = { ru = "День согласия и примирения", en = "Day of Accord and Reconciliation", de = "Tag der Eintracht und Versöhnung", fr = "Jour de la concorde et de la réconciliation", nl = "Dag van Eendracht en Verzoening" }
        date = "11-07"
        from = 1996
        until = 2004
        observed = "next-free"

        [[holiday]]
        id = "constitution-day"
        names = { ru = "День Конституции Российской Федерации", en = "Constitution Day", de = "Tag der Verfassung der Russischen Föderation", fr = "Jour de la Constitution de la Fédération de Russie", nl = "Dag van de Grondwet van de Russische Federatie" }
        date = "12-12"
        from = 1994
        until = 2004
        observed = "next-free"
        """#
}
