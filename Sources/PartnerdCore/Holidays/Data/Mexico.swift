extension HolidayData {
    /// Mexico: the obligatory days of rest of article 74 of the Federal Labour Law, from 1970, when it took effect.
    static let mexico = #"""
        code = "MX"
        language = "es"
        since = 1970
        names = { es = "México", en = "Mexico", de = "Mexiko", fr = "Mexique", nl = "Mexico" }

        [[holiday]]
        id = "ano-nuevo"
        names = { es = "Año Nuevo", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "dia-de-la-constitucion"
        names = { es = "Día de la Constitución", en = "Constitution Day", de = "Tag der Verfassung", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "02-05"
        shift = { tue = -1, wed = -2, thu = -3, fri = -4, sat = 2, sun = 1 }
        shift_from = 2006

        [[holiday]]
        id = "natalicio-de-benito-juarez"
        names = { es = "Natalicio de Benito Juárez", en = "Benito Juárez's Birthday", de = "Geburtstag von Benito Juárez", fr = "Anniversaire de Benito Juárez", nl = "Geboortedag van Benito Juárez" }
        date = "03-21"
        shift = { tue = -1, wed = -2, thu = -3, fri = -4, sat = -5, sun = -6 }
        shift_from = 2007

        [[holiday]]
        id = "dia-del-trabajo"
        names = { es = "Día del Trabajo", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"

        [[holiday]]
        id = "dia-de-la-independencia"
        names = { es = "Día de la Independencia", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "09-16"

        [[holiday]]
        id = "transmision-del-poder-ejecutivo"
        names = { es = "Transmisión del Poder Ejecutivo Federal", en = "Transfer of Federal Executive Power", fr = "Passation du pouvoir exécutif fédéral" }
        date = "12-01"
        years = [1970, 1976, 1982, 1988, 1994, 2000, 2006, 2012, 2018]

        [[holiday]]
        id = "transmision-del-poder-ejecutivo-octubre"
        names = { es = "Transmisión del Poder Ejecutivo Federal", en = "Transfer of Federal Executive Power", fr = "Passation du pouvoir exécutif fédéral" }
        date = "10-01"
        years = [2024, 2030, 2036, 2042, 2048, 2054, 2060, 2066, 2072, 2078, 2084, 2090, 2096]

        [[holiday]]
        id = "dia-de-la-revolucion"
        names = { es = "Día de la Revolución", en = "Revolution Day", de = "Tag der Revolution", fr = "Jour de la Révolution", nl = "Dag van de Revolutie" }
        date = "11-20"
        shift = { tue = -1, wed = -2, thu = -3, fri = -4, sat = -5, sun = 1 }
        shift_from = 2006

        [[holiday]]
        id = "navidad"
        names = { es = "Navidad", en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"
        """#
}
