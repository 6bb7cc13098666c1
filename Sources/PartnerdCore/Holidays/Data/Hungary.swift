extension HolidayData {
    /// Hungary: the public holidays (munkaszüneti napok) and the bridge days decreed in exchange for a Saturday.
    static let hungary = #"""
        code = "HU"
        language = "hu"
        names = { hu = "Magyarország", en = "Hungary", de = "Ungarn", fr = "Hongrie", nl = "Hongarije" }

        [[holiday]]
        id = "ujev"
        names = { hu = "Újév", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        [[holiday]]
        id = "marcius-15"
        names = { hu = "Az 1848-as forradalom és szabadságharc ünnepe", en = "National Day (1848 Revolution)", de = "Nationalfeiertag (Revolution von 1848)", fr = "Fête nationale (révolution de 1848)", nl = "Nationale feestdag (revolutie van 1848)" }
        date = "03-15"
        from = 1989

        [[holiday]]
        id = "tanacskoztarsasag"
        names = { hu = "A Tanácsköztársaság kikiáltásának ünnepe", en = "Proclamation of the Hungarian Soviet Republic Day", de = "Jahrestag der Ausrufung der Räterepublik", fr = "Anniversaire de la proclamation de la République des conseils", nl = "Verjaardag van de uitroeping van de Radenrepubliek" }
        date = "03-21"
        from = 1950
        until = 1989

        [[holiday]]
        id = "nagypentek"
        names = { hu = "Nagypéntek", en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2
        from = 2017

        [[holiday]]
        id = "husvetvasarnap"
        names = { hu = "Húsvétvasárnap", en = "Easter Sunday", de = "Ostersonntag", fr = "Dimanche de Pâques", nl = "Paaszondag" }
        easter = 0

        [[holiday]]
        id = "husvethetfo"
        names = { hu = "Húsvéthétfő", en = "Easter Monday", de = "Ostermontag", fr = "Lundi de Pâques", nl = "Paasmaandag" }
        easter = 1
        except_years = [1955]

        [[holiday]]
        id = "felszabadulas"
        names = { hu = "A felszabadulás ünnepe", en = "Liberation Day", de = "Tag der Befreiung", fr = "Fête de la Libération", nl = "Bevrijdingsdag" }
        date = "04-04"
        from = 1950
        until = 1989

        [[holiday]]
        id = "munka-unnepe"
        names = { hu = "A munka ünnepe", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        from = 1946

        [[holiday]]
        id = "punkosdvasarnap"
        names = { hu = "Pünkösdvasárnap", en = "Whit Sunday", de = "Pfingstsonntag", fr = "Dimanche de Pentecôte", nl = "Pinksterzondag" }
        easter = 49

        [[holiday]]
        id = "punkosdhetfo"
        names = { hu = "Pünkösdhétfő", en = "Whit Monday", de = "Pfingstmontag", fr = "Lundi de Pentecôte", nl = "Pinkstermaandag" }
        easter = 50
        from = 1992

        [[holiday]]
        id = "alkotmany-napja"
        names = { hu = "Az alkotmány napja", en = "Constitution Day", de = "Tag der Verfassung", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "08-20"
        from = 1950
        until = 1989

        [[holiday]]
        id = "honfoglalas-1100"
        names = { hu = "A honfoglalás 1100. évfordulójának emléknapja", en = "1100th Anniversary of the Hungarian Conquest Memorial Day", de = "Gedenktag zum 1100. Jahrestag der Landnahme", fr = "Journée du 1100e anniversaire de la conquête du bassin des Carpates", nl = "Gedenkdag van de 1100e verjaardag van de landname" }
        dates = [1996-08-19]

        [[holiday]]
        id = "allamalapitas"
        names = { hu = "Az államalapítás ünnepe", en = "State Foundation Day", de = "Tag der Staatsgründung", fr = "Fête de la fondation de l'État", nl = "Dag van de Staatsstichting" }
        date = "08-20"
        from = 1990

        [[holiday]]
        id = "oktober-23"
        names = { hu = "Az 1956-os forradalom és szabadságharc ünnepe", en = "National Day (1956 Revolution)", de = "Nationalfeiertag (Revolution von 1956)", fr = "Fête nationale (révolution de 1956)", nl = "Nationale feestdag (revolutie van 1956)" }
        date = "10-23"
        from = 1991

        [[holiday]]
        id = "mindenszentek"
        names = { hu = "Mindenszentek", en = "All Saints' Day", de = "Allerheiligen", fr = "Toussaint", nl = "Allerheiligen" }
        date = "11-01"
        from = 1999

        [[holiday]]
        id = "oktoberi-forradalom"
        names = { hu = "A nagy októberi szocialista forradalom ünnepe", en = "Great October Socialist Revolution Day", de = "Jahrestag der Großen Sozialistischen Oktoberrevolution", fr = "Anniversaire de la grande révolution socialiste d'Octobre", nl = "Verjaardag van de Grote Socialistische Oktoberrevolutie" }
        date = "11-07"
        from = 1950
        until = 1988
        except_years = [1956]

        [[holiday]]
        id = "szenteste"
        names = { hu = "Szenteste", en = "Christmas Eve", de = "Heiligabend", fr = "Veille de Noël", nl = "Kerstavond" }
        date = "12-24"
        from = 2026

        [[holiday]]
        id = "karacsony"
        names = { hu = "Karácsony", en = "Christmas Day", de = "Erster Weihnachtstag", fr = "Noël", nl = "Eerste Kerstdag" }
        date = "12-25"

        [[holiday]]
        id = "karacsony-masnapja"
        names = { hu = "Karácsony másnapja", en = "Second Day of Christmas", de = "Zweiter Weihnachtstag", fr = "Lendemain de Noël", nl = "Tweede Kerstdag" }
        date = "12-26"
        except_years = [1955]

        [[holiday]]
        id = "athelyezett-pihenonap"
        names = { hu = "Áthelyezett pihenőnap", en = "Bridge day", de = "Brückentag", fr = "Jour de pont", nl = "Brugdag" }
        dates = [
            1991-08-19, 1992-08-21, 1992-12-24, 1993-12-24, 1994-03-14, 1997-05-02,
            1997-10-24, 1997-12-24, 1998-01-02, 1998-08-21, 1998-12-24, 1999-12-24,
            2001-03-16, 2001-04-30, 2001-10-22, 2001-11-02, 2001-12-24, 2001-12-31,
            2002-08-19, 2002-12-24, 2003-05-02, 2003-10-24, 2003-12-24, 2004-01-02,
            2004-12-24, 2005-03-14, 2005-10-31, 2007-03-16, 2007-04-30, 2007-10-22,
            2007-11-02, 2007-12-24, 2007-12-31, 2008-05-02, 2008-10-24, 2008-12-24,
            2009-01-02, 2009-08-21, 2009-12-24, 2010-12-24, 2011-03-14, 2011-10-31,
            2012-03-16, 2012-04-30, 2012-10-22, 2012-11-02, 2012-12-24, 2012-12-31,
            2013-08-19, 2013-12-24, 2013-12-27, 2014-05-02, 2014-10-24, 2014-12-24,
            2015-01-02, 2015-08-21, 2015-12-24, 2016-03-14, 2016-10-31, 2018-03-16,
            2018-04-30, 2018-10-22, 2018-11-02, 2018-12-24, 2018-12-31, 2019-08-19,
            2019-12-24, 2019-12-27, 2020-08-21, 2020-12-24, 2021-12-24, 2022-03-14,
            2022-10-31, 2024-08-19, 2024-12-24, 2024-12-27, 2025-05-02, 2025-10-24,
            2025-12-24, 2026-01-02, 2026-08-21,
        ]
        """#
}
