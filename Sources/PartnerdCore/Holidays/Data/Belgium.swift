extension HolidayData {
    /// Belgium: the ten legal holidays, and Easter and Whit Sunday, which fall on a Sunday anyway.
    static let belgium = #"""
        code = "BE"
        language = "nl"
        names = { nl = "België", fr = "Belgique", de = "Belgien", en = "Belgium" }

        [[holiday]]
        id = "nieuwjaar"
        names = { nl = "Nieuwjaar", fr = "Nouvel An", de = "Neujahr", en = "New Year's Day" }
        date = "01-01"

        [[holiday]]
        id = "pasen"
        names = { nl = "Pasen", fr = "Pâques", de = "Ostern", en = "Easter Sunday" }
        easter = 0

        [[holiday]]
        id = "paasmaandag"
        names = { nl = "Paasmaandag", fr = "Lundi de Pâques", de = "Ostermontag", en = "Easter Monday" }
        easter = 1

        [[holiday]]
        id = "dag-van-de-arbeid"
        names = { nl = "Dag van de Arbeid", fr = "Fête du Travail", de = "Tag der Arbeit", en = "Labour Day" }
        date = "05-01"

        [[holiday]]
        id = "hemelvaart"
        names = { nl = "Onze-Lieve-Heer-Hemelvaart", fr = "Ascension", de = "Christi Himmelfahrt", en = "Ascension Day" }
        easter = 39

        [[holiday]]
        id = "pinksteren"
        names = { nl = "Pinksteren", fr = "Pentecôte", de = "Pfingsten", en = "Whit Sunday" }
        easter = 49

        [[holiday]]
        id = "pinkstermaandag"
        names = { nl = "Pinkstermaandag", fr = "Lundi de Pentecôte", de = "Pfingstmontag", en = "Whit Monday" }
        easter = 50

        [[holiday]]
        id = "nationale-feestdag"
        names = { nl = "Nationale feestdag", fr = "Fête nationale", de = "Nationalfeiertag", en = "National Day" }
        date = "07-21"

        [[holiday]]
        id = "onze-lieve-vrouw-hemelvaart"
        names = { nl = "Onze-Lieve-Vrouw-Hemelvaart", fr = "Assomption", de = "Mariä Himmelfahrt", en = "Assumption Day" }
        date = "08-15"

        [[holiday]]
        id = "allerheiligen"
        names = { nl = "Allerheiligen", fr = "Toussaint", de = "Allerheiligen", en = "All Saints' Day" }
        date = "11-01"

        [[holiday]]
        id = "wapenstilstand"
        names = { nl = "Wapenstilstand", fr = "Armistice", de = "Waffenstillstand", en = "Armistice Day" }
        date = "11-11"

        [[holiday]]
        id = "kerstmis"
        names = { nl = "Kerstmis", fr = "Noël", de = "Weihnachten", en = "Christmas Day" }
        date = "12-25"
        """#
}
