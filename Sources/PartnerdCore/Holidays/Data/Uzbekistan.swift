extension HolidayData {
    /// Uzbekistan: the holidays of the Labour Code from 1992, with the two hayits; substitute days from 2023.
    static let uzbekistan = #"""
        code = "UZ"
        language = "uz"
        since = 1992
        names = { uz = "Oʻzbekiston", en = "Uzbekistan", de = "Usbekistan", fr = "Ouzbékistan", nl = "Oezbekistan" }

        [[holiday]]
        id = "yangi-yil"
        names = { uz = "Yangi yil", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "xotin-qizlar-kuni"
        names = { uz = "Xotin-qizlar kuni", en = "International Women's Day", de = "Internationaler Frauentag", fr = "Journée internationale des femmes", nl = "Internationale Vrouwendag" }
        date = "03-08"
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "navroz-bayrami"
        names = { uz = "Navroʻz bayrami", en = "Nowruz", de = "Nouruz", fr = "Norouz", nl = "Nowruz" }
        date = "03-21"
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "galaba-kuni"
        names = { uz = "Gʻalaba kuni", en = "Victory Day", de = "Tag des Sieges", fr = "Jour de la Victoire", nl = "Dag van de Overwinning" }
        date = "05-09"
        until = 1998

        [[holiday]]
        id = "xotira-va-qadrlash-kuni"
        names = { uz = "Xotira va qadrlash kuni", en = "Day of Remembrance and Honour", de = "Tag der Erinnerung und Ehrung", fr = "Jour du souvenir et de l'honneur", nl = "Dag van Herdenking en Eer" }
        date = "05-09"
        from = 1999
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "mustaqillik-kuni"
        names = { uz = "Mustaqillik kuni", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Fête de l'indépendance", nl = "Onafhankelijkheidsdag" }
        date = "09-01"
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "oqituvchi-va-murabbiylar-kuni"
        names = { uz = "Oʻqituvchi va murabbiylar kuni", en = "Teachers' and Mentors' Day", de = "Tag der Lehrer und Mentoren", fr = "Journée des enseignants et des mentors", nl = "Dag van de Leraren en Mentoren" }
        date = "10-01"
        from = 1997
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "konstitutsiya-kuni"
        names = { uz = "Oʻzbekiston Respublikasi Konstitutsiyasi kuni", en = "Constitution Day", de = "Tag der Verfassung", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "12-08"
        from = 1993
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "roza-hayit"
        names = { uz = "Roʻza hayit", en = "Eid al-Fitr", de = "Fest des Fastenbrechens", fr = "Aïd el-Fitr", nl = "Suikerfeest" }
        table = "UZ.roza-hayit"
        observed = "next-free"
        observed_from = 2023

        [[holiday]]
        id = "qurbon-hayit"
        names = { uz = "Qurbon hayit", en = "Eid al-Adha", de = "Opferfest", fr = "Aïd el-Kébir", nl = "Offerfeest" }
        table = "UZ.qurbon-hayit"
        observed = "next-free"
        observed_from = 2023
        """#
}
