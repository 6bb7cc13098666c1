extension HolidayData {
    /// France: the eleven public holidays of metropolitan France (without the two extra days of Alsace-Moselle).
    static let france = #"""
        code = "FR"
        language = "fr"
        names = { fr = "France", en = "France", de = "Frankreich", nl = "Frankrijk" }

        [[holiday]]
        id = "jour-de-l-an"
        names = { fr = "Jour de l'an", en = "New Year's Day", de = "Neujahr", nl = "Nieuwjaarsdag" }
        date = "01-01"
        from = 1811

        [[holiday]]
        id = "lundi-de-paques"
        names = { fr = "Lundi de Pâques", en = "Easter Monday", de = "Ostermontag", nl = "Paasmaandag" }
        easter = 1
        from = 1886

        [[holiday]]
        id = "fete-du-travail"
        names = { fr = "Fête du Travail", en = "Labour Day", de = "Tag der Arbeit", nl = "Dag van de Arbeid" }
        date = "05-01"
        from = 1919

        [[holiday]]
        id = "victoire-1945-ancienne"
        names = { fr = "Fête de la Victoire", en = "Victory in Europe Day", de = "Tag des Sieges", nl = "Dag van de Overwinning" }
        date = "05-08"
        from = 1953
        until = 1959

        [[holiday]]
        id = "victoire-1945"
        names = { fr = "Fête de la Victoire", en = "Victory in Europe Day", de = "Tag des Sieges", nl = "Dag van de Overwinning" }
        date = "05-08"
        from = 1982

        [[holiday]]
        id = "ascension"
        names = { fr = "Ascension", en = "Ascension Day", de = "Christi Himmelfahrt", nl = "Hemelvaartsdag" }
        easter = 39

        [[holiday]]
        id = "lundi-de-pentecote"
        names = { fr = "Lundi de Pentecôte", en = "Whit Monday", de = "Pfingstmontag", nl = "Pinkstermaandag" }
        easter = 50
        from = 1886
        except_years = [2005, 2006, 2007]

        [[holiday]]
        id = "fete-nationale"
        names = { fr = "Fête nationale", en = "Bastille Day", de = "Nationalfeiertag", nl = "Nationale feestdag" }
        date = "07-14"
        from = 1880

        [[holiday]]
        id = "assomption"
        names = { fr = "Assomption", en = "Assumption Day", de = "Mariä Himmelfahrt", nl = "Maria-Tenhemelopneming" }
        date = "08-15"

        [[holiday]]
        id = "toussaint"
        names = { fr = "Toussaint", en = "All Saints' Day", de = "Allerheiligen", nl = "Allerheiligen" }
        date = "11-01"

        [[holiday]]
        id = "armistice"
        names = { fr = "Armistice de 1918", en = "Armistice Day", de = "Waffenstillstand von 1918", nl = "Wapenstilstand van 1918" }
        date = "11-11"
        from = 1922

        [[holiday]]
        id = "noel"
        names = { fr = "Noël", en = "Christmas Day", de = "Weihnachten", nl = "Kerstmis" }
        date = "12-25"
        """#
}
