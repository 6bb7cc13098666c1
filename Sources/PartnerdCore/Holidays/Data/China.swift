extension HolidayData {
    /// China: the statutory holidays of the whole country and the days off of the State Council's yearly notices.
    static let china = #"""
        code = "CN"
        language = "zh"
        names = { zh = "中国", en = "China", de = "China", fr = "Chine", nl = "China" }

        # The statutory days (全国年节及纪念日放假办法, 1949, revised 1999, 2007, 2013 and 2024). A statutory day on a
        # Saturday or Sunday gives the next working day off (补假), from 2000, the first year of the "golden weeks";
        # the State Council's notices add the days off swapped with working weekend days (below). For the years
        # after the last notice, that is an estimate.

        [[holiday]]
        id = "new-year"
        names = { zh = "元旦", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = "next-free"
        observed_from = 2000

        # New Year's Eve of the lunar calendar: a statutory day 2008–2013 (in place of the third day of the Spring
        # Festival) and again from 2025.
        [[holiday]]
        id = "spring-festival-eve"
        names = { zh = "农历除夕", en = "Chinese New Year's Eve", fr = "Réveillon du Nouvel An chinois" }
        table = "CN.spring-festival-eve"
        observed = "next-free"
        observed_from = 2000

        # The first three days of the first lunar month; the first two only 2008–2013.
        [[holiday]]
        id = "spring-festival"
        names = { zh = "春节", en = "Spring Festival", de = "Frühlingsfest", fr = "Fête du Printemps", nl = "Lentefeest" }
        table = "CN.spring-festival"
        observed = "next-free"
        observed_from = 2000

        # The solar term Qingming (about 5 April), statutory from 2008.
        [[holiday]]
        id = "qingming"
        names = { zh = "清明节", en = "Qingming Festival", de = "Qingming-Fest", fr = "Fête de Qingming", nl = "Qingmingfestival" }
        table = "CN.qingming"
        from = 2008
        observed = "next-free"

        [[holiday]]
        id = "labour-day"
        names = { zh = "劳动节", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        observed = "next-free"
        observed_from = 2000

        # The 1999 revision made Labour Day three days; the 2007 revision took the two back.
        [[holiday]]
        id = "labour-day-golden-week"
        names = { zh = "劳动节", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-02"
        days = 2
        from = 2000
        until = 2007
        observed = "next-free"

        # The 2024 revision gave 2 May back.
        [[holiday]]
        id = "labour-day-second-day"
        names = { zh = "劳动节", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-02"
        from = 2025
        observed = "next-free"

        # The fifth day of the fifth lunar month, statutory from 2008. In 2012 (on a Saturday) the notice gave the
        # Friday before instead of the Monday after: the substitute rule starts with 2013, and the notices' days for
        # 2008 and 2012 are among the substitute days off below.
        [[holiday]]
        id = "dragon-boat-festival"
        names = { zh = "端午节", en = "Dragon Boat Festival", de = "Drachenbootfest", fr = "Fête des bateaux-dragons", nl = "Drakenbootfestival" }
        table = "CN.dragon-boat"
        from = 2008
        observed = "next-free"
        observed_from = 2013

        # The fifteenth day of the eighth lunar month, statutory from 2008. In 2015 (on a Sunday) the notice gave no
        # Monday after but a day of the National Day week: the substitute rule starts with 2016, and the notices'
        # days for 2008–2015 are among the substitute days off below.
        [[holiday]]
        id = "mid-autumn-festival"
        names = { zh = "中秋节", en = "Mid-Autumn Festival", de = "Mondfest", fr = "Fête de la mi-automne", nl = "Midherfstfestival" }
        table = "CN.mid-autumn"
        from = 2008
        observed = "next-free"
        observed_from = 2016

        [[holiday]]
        id = "national-day"
        names = { zh = "国庆节", en = "National Day", de = "Nationalfeiertag", fr = "Fête nationale", nl = "Nationale feestdag" }
        date = "10-01"
        days = 2
        observed = "next-free"
        observed_from = 2000

        # The third day, from the 1999 revision.
        [[holiday]]
        id = "national-day-third-day"
        names = { zh = "国庆节", en = "National Day", de = "Nationalfeiertag", fr = "Fête nationale", nl = "Nationale feestdag" }
        date = "10-03"
        from = 1999
        observed = "next-free"
        observed_from = 2000

        # The days off the State Council's yearly notice (国务院办公厅关于…部分节假日安排的通知) swaps with working
        # Saturdays or Sundays (调休), 2001–2026: decreed year by year, no rule; a table, like the lunar dates.
        [[holiday]]
        id = "day-off"
        names = { zh = "调休放假", en = "Day off (swapped with a working weekend day)", de = "Freier Tag (getauscht mit einem Arbeitstag am Wochenende)", fr = "Jour de congé (échangé contre un jour travaillé le week-end)", nl = "Vrije dag (geruild met een werkdag in het weekend)" }
        table = "CN.day-off"

        # The substitute days off the notices decreed where the substitute rule above does not give them: for the
        # Dragon Boat Festival 2008 and 2012, the Mid-Autumn Festival 2008, 2009, 2012 and 2015, and the
        # Mid-Autumn Festival 2020, which fell on National Day. 2020-01-30 was swapped with Saturday 1 February,
        # which the extension of the Spring Festival made a day off too.
        [[holiday]]
        id = "substitute-day-off"
        names = { zh = "补假", en = "Substitute day off", de = "Ersatzfeiertag", fr = "Jour férié de remplacement", nl = "Vervangende vrije dag" }
        dates = [
            2008-06-09, 2008-09-15, 2009-10-05, 2012-06-22, 2012-10-04, 2015-10-06,
            2020-01-30, 2020-10-06,
        ]

        # The Spring Festival 2020 lengthened by three days against COVID-19 (国务院办公厅, 26 January 2020).
        [[holiday]]
        id = "spring-festival-extension"
        names = { zh = "春节延长假期", en = "Spring Festival extended holiday", de = "Verlängerung der Frühlingsfestferien", fr = "Prolongation des congés de la fête du Printemps", nl = "Verlenging van de Lentefeestvakantie" }
        dates = [2020-01-31, 2020-02-01, 2020-02-02]

        # 3 September 2015, once (国务院, May 2015).
        [[holiday]]
        id = "victory-day-70th-anniversary"
        names = { zh = "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日", en = "70th Anniversary of the Victory of the Chinese People's War of Resistance against Japanese Aggression and the World Anti-Fascist War", de = "70. Jahrestag des Sieges im Widerstandskrieg des chinesischen Volkes gegen die japanische Aggression und im antifaschistischen Weltkrieg", fr = "70e anniversaire de la victoire de la guerre de résistance du peuple chinois contre l'agression japonaise et de la guerre mondiale antifasciste" }
        dates = [2015-09-03]
        """#
}
