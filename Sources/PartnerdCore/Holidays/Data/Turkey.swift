extension HolidayData {
    /// Türkiye: the national holidays of Law 2429, with Ramazan and Kurban Bayramı from lunar tables.
    static let turkey = #"""
        code = "TR"
        language = "tr"
        names = { tr = "Türkiye", en = "Türkiye", de = "Türkei", fr = "Turquie", nl = "Turkije" }

        [[holiday]]
        id = "yilbasi"
        names = { tr = "Yılbaşı", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "ulusal-egemenlik-ve-cocuk-bayrami"
        names = { tr = "Ulusal Egemenlik ve Çocuk Bayramı", en = "National Sovereignty and Children's Day", de = "Tag der nationalen Souveränität und der Kinder", fr = "Fête de la souveraineté nationale et des enfants", nl = "Dag van de Nationale Soevereiniteit en het Kind" }
        date = "04-23"

        [[holiday]]
        id = "emek-ve-dayanisma-gunu"
        names = { tr = "Emek ve Dayanışma Günü", en = "Labour and Solidarity Day", de = "Tag der Arbeit und der Solidarität", fr = "Fête du travail et de la solidarité", nl = "Dag van de Arbeid en de Solidariteit" }
        date = "05-01"
        from = 2009

        [[holiday]]
        id = "ataturku-anma-genclik-ve-spor-bayrami"
        names = { tr = "Atatürk'ü Anma, Gençlik ve Spor Bayramı", en = "Commemoration of Atatürk, Youth and Sports Day", de = "Gedenktag für Atatürk, Tag der Jugend und des Sports", fr = "Commémoration d'Atatürk, fête de la jeunesse et des sports", nl = "Herdenking van Atatürk, Dag van de Jeugd en de Sport" }
        date = "05-19"

        [[holiday]]
        id = "demokrasi-ve-milli-birlik-gunu"
        names = { tr = "Demokrasi ve Millî Birlik Günü", en = "Democracy and National Unity Day", de = "Tag der Demokratie und der nationalen Einheit", fr = "Jour de la démocratie et de l'unité nationale", nl = "Dag van de Democratie en de Nationale Eenheid" }
        date = "07-15"
        from = 2017

        [[holiday]]
        id = "zafer-bayrami"
        names = { tr = "Zafer Bayramı", en = "Victory Day", de = "Tag des Sieges", fr = "Fête de la Victoire", nl = "Dag van de Overwinning" }
        date = "08-30"

        [[holiday]]
        id = "cumhuriyet-bayrami"
        names = { tr = "Cumhuriyet Bayramı", en = "Republic Day", de = "Tag der Republik", fr = "Fête de la République", nl = "Dag van de Republiek" }
        date = "10-29"

        [[holiday]]
        id = "ramazan-bayrami"
        names = { tr = "Ramazan Bayramı", en = "Eid al-Fitr", de = "Ramadanfest", fr = "Aïd el-Fitr", nl = "Suikerfeest" }
        table = "TR.ramazan-bayrami"

        [[holiday]]
        id = "kurban-bayrami"
        names = { tr = "Kurban Bayramı", en = "Eid al-Adha", de = "Opferfest", fr = "Aïd el-Kébir", nl = "Offerfeest" }
        table = "TR.kurban-bayrami"

        [[holiday]]
        id = "genel-tatil-1999"
        names = { tr = "Genel Tatil", en = "Public holiday", de = "Allgemeiner Feiertag", fr = "Jour férié", nl = "Algemene feestdag" }
        dates = [1999-12-31]
        """#
}
