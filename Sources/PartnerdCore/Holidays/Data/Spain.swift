extension HolidayData {
    /// Spain: the national holidays, from 2008 (without those the autonomous communities add or move).
    static let spain = #"""
        code = "ES"
        language = "es"
        since = 2008
        names = { es = "España", en = "Spain", de = "Spanien", fr = "Espagne", nl = "Spanje" }

        [[holiday]]
        id = "ano-nuevo"
        names = { es = "Año Nuevo", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "epifania"
        names = { es = "Epifanía del Señor", en = "Epiphany", de = "Heilige Drei Könige", fr = "Épiphanie", nl = "Driekoningen" }
        date = "01-06"

        [[holiday]]
        id = "viernes-santo"
        names = { es = "Viernes Santo", en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        [[holiday]]
        id = "fiesta-del-trabajo"
        names = { es = "Fiesta del Trabajo", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"

        [[holiday]]
        id = "asuncion"
        names = { es = "Asunción de la Virgen", en = "Assumption Day", de = "Mariä Himmelfahrt", fr = "Assomption", nl = "Maria-Tenhemelopneming" }
        date = "08-15"

        [[holiday]]
        id = "fiesta-nacional"
        names = { es = "Fiesta Nacional de España", en = "National Day of Spain", de = "Spanischer Nationalfeiertag", fr = "Fête nationale de l'Espagne", nl = "Nationale feestdag van Spanje" }
        date = "10-12"

        [[holiday]]
        id = "todos-los-santos"
        names = { es = "Todos los Santos", en = "All Saints' Day", de = "Allerheiligen", fr = "Toussaint", nl = "Allerheiligen" }
        date = "11-01"

        [[holiday]]
        id = "constitucion"
        names = { es = "Día de la Constitución Española", en = "Constitution Day", de = "Tag der Verfassung", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "12-06"

        [[holiday]]
        id = "inmaculada-concepcion"
        names = { es = "Inmaculada Concepción", en = "Immaculate Conception", de = "Mariä Empfängnis", fr = "Immaculée Conception", nl = "Onbevlekte Ontvangenis" }
        date = "12-08"

        [[holiday]]
        id = "navidad"
        names = { es = "Natividad del Señor", en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"
        """#
}
