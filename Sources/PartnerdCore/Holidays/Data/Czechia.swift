extension HolidayData {
    /// Czechia: the state holidays and the other holidays, all days off (those of Czechoslovakia before 1993).
    static let czechia = #"""
        code = "CZ"
        language = "cs"
        names = { cs = "Česko", en = "Czechia", de = "Tschechien", fr = "Tchéquie", nl = "Tsjechië" }

        [[holiday]]
        id = "novy-rok"
        names = { cs = "Nový rok", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "den-obnovy-ceskeho-statu"
        names = { cs = "Den obnovy samostatného českého státu", en = "Restoration Day of the Independent Czech State", de = "Tag der Erneuerung des selbständigen tschechischen Staates", fr = "Jour de la restauration de l'État tchèque indépendant", nl = "Dag van het herstel van de onafhankelijke Tsjechische staat" }
        date = "01-01"
        from = 2000

        [[holiday]]
        id = "velky-patek"
        names = { cs = "Velký pátek", en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2
        from = 2016

        [[holiday]]
        id = "velikonocni-pondeli"
        names = { cs = "Velikonoční pondělí", en = "Easter Monday", de = "Ostermontag", fr = "Lundi de Pâques", nl = "Paasmaandag" }
        easter = 1

        [[holiday]]
        id = "svatek-prace"
        names = { cs = "Svátek práce", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"

        [[holiday]]
        id = "den-osvobozeni-9-kvetna"
        names = { cs = "Den osvobození od fašismu", en = "Liberation from Fascism Day", de = "Tag der Befreiung vom Faschismus", fr = "Jour de la libération du fascisme", nl = "Dag van de bevrijding van het fascisme" }
        date = "05-09"
        until = 1991

        [[holiday]]
        id = "den-osvobozeni-od-fasismu"
        names = { cs = "Den osvobození od fašismu", en = "Liberation from Fascism Day", de = "Tag der Befreiung vom Faschismus", fr = "Jour de la libération du fascisme", nl = "Dag van de bevrijding van het fascisme" }
        date = "05-08"
        from = 1992
        until = 2000

        [[holiday]]
        id = "den-osvobozeni"
        names = { cs = "Den osvobození", en = "Liberation Day", de = "Tag der Befreiung", fr = "Jour de la Libération", nl = "Bevrijdingsdag" }
        date = "05-08"
        from = 2001
        until = 2003

        [[holiday]]
        id = "den-vitezstvi"
        names = { cs = "Den vítězství", en = "Victory Day", de = "Tag des Sieges", fr = "Jour de la Victoire", nl = "Dag van de Overwinning" }
        date = "05-08"
        from = 2004

        [[holiday]]
        id = "cyril-a-metodej"
        names = { cs = "Den slovanských věrozvěstů Cyrila a Metoděje", en = "Saints Cyril and Methodius Day", de = "Tag der Slawenapostel Kyrill und Method", fr = "Fête des saints Cyrille et Méthode", nl = "Dag van de heiligen Cyrillus en Methodius" }
        date = "07-05"
        from = 1990

        [[holiday]]
        id = "jan-hus"
        names = { cs = "Den upálení mistra Jana Husa", en = "Jan Hus Day", de = "Jahrestag der Verbrennung von Jan Hus", fr = "Anniversaire du bûcher de Jan Hus", nl = "Herdenking van de verbranding van Jan Hus" }
        date = "07-06"
        from = 1990

        [[holiday]]
        id = "den-ceske-statnosti"
        names = { cs = "Den české státnosti", en = "Czech Statehood Day", de = "Tag der tschechischen Staatlichkeit", fr = "Jour de l'État tchèque", nl = "Dag van de Tsjechische staat" }
        date = "09-28"
        from = 2000

        [[holiday]]
        id = "den-vzniku-ceskoslovenska"
        names = { cs = "Den vzniku samostatného československého státu", en = "Independent Czechoslovak State Day", de = "Tag der Gründung des selbständigen tschechoslowakischen Staates", fr = "Jour de la fondation de l'État tchécoslovaque indépendant", nl = "Dag van de stichting van de onafhankelijke Tsjechoslowaakse staat" }
        date = "10-28"

        [[holiday]]
        id = "den-boje-za-svobodu"
        names = { cs = "Den boje za svobodu a demokracii", en = "Struggle for Freedom and Democracy Day", de = "Tag des Kampfes für Freiheit und Demokratie", fr = "Jour de la lutte pour la liberté et la démocratie", nl = "Dag van de strijd voor vrijheid en democratie" }
        date = "11-17"
        from = 1990
        until = 2018

        [[holiday]]
        id = "den-boje-za-svobodu-a-den-studentstva"
        names = { cs = "Den boje za svobodu a demokracii a Mezinárodní den studentstva", en = "Struggle for Freedom and Democracy Day and International Students' Day", de = "Tag des Kampfes für Freiheit und Demokratie und Internationaler Studententag", fr = "Jour de la lutte pour la liberté et la démocratie et Journée internationale des étudiants", nl = "Dag van de strijd voor vrijheid en democratie en Internationale Studentendag" }
        date = "11-17"
        from = 2019

        [[holiday]]
        id = "stedry-den"
        names = { cs = "Štědrý den", en = "Christmas Eve", de = "Heiligabend", fr = "Veille de Noël", nl = "Kerstavond" }
        date = "12-24"
        from = 1990

        [[holiday]]
        id = "prvni-svatek-vanocni"
        names = { cs = "1. svátek vánoční", en = "Christmas Day", de = "Erster Weihnachtstag", fr = "Noël", nl = "Eerste Kerstdag" }
        date = "12-25"

        [[holiday]]
        id = "druhy-svatek-vanocni"
        names = { cs = "2. svátek vánoční", en = "St Stephen's Day", de = "Zweiter Weihnachtstag", fr = "Saint-Étienne", nl = "Tweede Kerstdag" }
        date = "12-26"
        """#
}
