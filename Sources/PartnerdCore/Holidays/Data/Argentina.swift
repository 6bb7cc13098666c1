extension HolidayData {
    /// Argentina: the national holidays and non-working days, with their traslados to Monday, from 1988 (Law 23.555).
    static let argentina = #"""
        code = "AR"
        language = "es"
        names = { es = "Argentina", en = "Argentina", de = "Argentinien", fr = "Argentine", nl = "Argentinië" }

        # Movable holidays (feriados trasladables) move to a Monday: from a Tuesday or Wednesday to the Monday before,
        # from a Thursday or Friday to the Monday after. Law 23.555 from 1988; Law 27.399 again from 2017.

        [[holiday]]
        id = "ano-nuevo"
        names = { es = "Año Nuevo", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        # Carnival: restored by Decree 1584/2010.
        [[holiday]]
        id = "carnaval-lunes"
        names = { es = "Lunes de Carnaval", en = "Carnival Monday", de = "Rosenmontag", fr = "Lundi de Carnaval", nl = "Carnavalsmaandag" }
        easter = -48
        from = 2011

        [[holiday]]
        id = "carnaval-martes"
        names = { es = "Martes de Carnaval", en = "Carnival Tuesday", de = "Faschingsdienstag", fr = "Mardi gras", nl = "Carnavalsdinsdag" }
        easter = -47
        from = 2011

        # Law 26.085, not movable.
        [[holiday]]
        id = "memoria"
        names = { es = "Día Nacional de la Memoria por la Verdad y la Justicia", en = "National Day of Remembrance for Truth and Justice", de = "Nationaler Gedenktag für Wahrheit und Gerechtigkeit", fr = "Journée nationale de la mémoire pour la vérité et la justice", nl = "Nationale Dag van de Herinnering voor Waarheid en Gerechtigheid" }
        date = "03-24"
        from = 2006

        # Law 24.160: movable until Law 26.110 made it fixed from 2007.
        [[holiday]]
        id = "veterano-de-guerra"
        names = { es = "Día del Veterano de Guerra", en = "War Veterans' Day", de = "Tag der Kriegsveteranen", fr = "Journée des anciens combattants", nl = "Dag van de Oorlogsveteranen" }
        date = "04-02"
        from = 1993
        until = 2000
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }

        # Renamed by Law 25.370, which also abolished 10 June; 2020 see malvinas-traslado.
        [[holiday]]
        id = "malvinas"
        names = { es = "Día del Veterano y de los Caídos en la Guerra de Malvinas", en = "Day of the Veterans and the Fallen of the Malvinas War", de = "Tag der Veteranen und Gefallenen des Falklandkriegs", fr = "Journée des vétérans et des morts de la guerre des Malouines", nl = "Dag van de Veteranen en Gevallenen van de Falklandoorlog" }
        date = "04-02"
        from = 2001
        except_years = [2020]
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
        shift_until = 2006

        # One-off: 2 April 2020 moved to 31 March by Decree 297/2020 (the first lockdown).
        [[holiday]]
        id = "malvinas-traslado"
        names = { es = "Día del Veterano y de los Caídos en la Guerra de Malvinas", en = "Day of the Veterans and the Fallen of the Malvinas War", de = "Tag der Veteranen und Gefallenen des Falklandkriegs", fr = "Journée des vétérans et des morts de la guerre des Malouines", nl = "Dag van de Veteranen en Gevallenen van de Falklandoorlog" }
        dates = [2020-03-31]

        # A non-working day (día no laborable) since Decree 1584/2010.
        [[holiday]]
        id = "jueves-santo"
        names = { es = "Jueves Santo", en = "Maundy Thursday", de = "Gründonnerstag", fr = "Jeudi saint", nl = "Witte Donderdag" }
        easter = -3
        from = 2011

        [[holiday]]
        id = "viernes-santo"
        names = { es = "Viernes Santo", en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        [[holiday]]
        id = "dia-del-trabajador"
        names = { es = "Día del Trabajador", en = "Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"

        [[holiday]]
        id = "revolucion-de-mayo"
        names = { es = "Día de la Revolución de Mayo", en = "May Revolution Day", de = "Tag der Mairevolution", fr = "Jour de la révolution de Mai", nl = "Dag van de Meirevolutie" }
        date = "05-25"

        # Decree 901/1984; movable by Law 23.555; merged into 2 April by Law 25.370.
        [[holiday]]
        id = "afirmacion-derechos-malvinas"
        names = { es = "Día de la Afirmación de los Derechos Argentinos sobre las Malvinas, Islas y Sector Antártico", en = "Day of the Affirmation of Argentine Rights over the Malvinas, Islands and Antarctic Sector", de = "Tag der Bekräftigung der argentinischen Rechte auf die Falklandinseln, die Inseln und den Antarktissektor", fr = "Journée de l'affirmation des droits argentins sur les Malouines, les îles et le secteur antarctique", nl = "Dag van de Bevestiging van de Argentijnse Rechten op de Falklandeilanden, de Eilanden en de Antarctische Sector" }
        date = "06-10"
        from = 1984
        until = 2000
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
        shift_from = 1988

        # Law 27.258: moves to a Monday, but stays on a Friday, the Monday after being 20 June.
        [[holiday]]
        id = "guemes"
        names = { es = "Paso a la Inmortalidad del General Martín Miguel de Güemes", en = "Anniversary of the Death of General Martín Miguel de Güemes", de = "Todestag von General Martín Miguel de Güemes", fr = "Anniversaire de la mort du général Martín Miguel de Güemes", nl = "Sterfdag van generaal Martín Miguel de Güemes" }
        date = "06-17"
        from = 2016
        shift = { tue = -1, wed = -2, thu = 4 }

        # Flag Day: movable by Law 23.555, fixed by Law 24.023 (1992), the third Monday of June by Law 24.445
        # (1995-2010, see belgrano-lunes), fixed again by Decree 1584/2010.
        [[holiday]]
        id = "belgrano"
        names = { es = "Paso a la Inmortalidad del General Manuel Belgrano", en = "Anniversary of the Death of General Manuel Belgrano", de = "Todestag von General Manuel Belgrano", fr = "Anniversaire de la mort du général Manuel Belgrano", nl = "Sterfdag van generaal Manuel Belgrano" }
        date = "06-20"
        except_years = [1995, 1996, 1997, 1998, 1999, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010]
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
        shift_from = 1988
        shift_until = 1991

        [[holiday]]
        id = "belgrano-lunes"
        names = { es = "Paso a la Inmortalidad del General Manuel Belgrano", en = "Anniversary of the Death of General Manuel Belgrano", de = "Todestag von General Manuel Belgrano", fr = "Anniversaire de la mort du général Manuel Belgrano", nl = "Sterfdag van generaal Manuel Belgrano" }
        weekday = "mon"
        month = 6
        nth = 3
        from = 1995
        until = 2010

        [[holiday]]
        id = "independencia"
        names = { es = "Día de la Independencia", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Fête de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        date = "07-09"

        # Movable by Law 23.555 and again by Law 27.399 (2017); the third Monday of August in between
        # (Law 24.445, see san-martin-lunes).
        [[holiday]]
        id = "san-martin"
        names = { es = "Paso a la Inmortalidad del General José de San Martín", en = "Anniversary of the Death of General José de San Martín", de = "Todestag von General José de San Martín", fr = "Anniversaire de la mort du général José de San Martín", nl = "Sterfdag van generaal José de San Martín" }
        date = "08-17"
        except_years = [1995, 1996, 1997, 1998, 1999, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016]
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
        shift_from = 1988

        [[holiday]]
        id = "san-martin-lunes"
        names = { es = "Paso a la Inmortalidad del General José de San Martín", en = "Anniversary of the Death of General José de San Martín", de = "Todestag von General José de San Martín", fr = "Anniversaire de la mort du général José de San Martín", nl = "Sterfdag van generaal José de San Martín" }
        weekday = "mon"
        month = 8
        nth = 3
        from = 1995
        until = 2016
        except_years = [2011]

        # One-off: moved to 22 August 2011 by Decree 521/2011, away from the primary elections of 14 August.
        [[holiday]]
        id = "san-martin-traslado"
        names = { es = "Paso a la Inmortalidad del General José de San Martín", en = "Anniversary of the Death of General José de San Martín", de = "Todestag von General José de San Martín", fr = "Anniversaire de la mort du général José de San Martín", nl = "Sterfdag van generaal José de San Martín" }
        dates = [2011-08-22]

        # Restored by Law 22.655, movable by Law 23.555; the second Monday of October from 2008
        # (see dia-de-la-raza-lunes); renamed by Decree 1584/2010 (see diversidad-cultural).
        [[holiday]]
        id = "dia-de-la-raza"
        names = { es = "Día de la Raza", en = "Columbus Day", de = "Kolumbustag", fr = "Jour de la Race", nl = "Columbusdag" }
        date = "10-12"
        until = 2007
        except_years = [2001, 2002]
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }
        shift_from = 1988

        # One-offs: 8 October 2001 by Law 25.442, 14 October 2002 by Decree 1932/2002.
        [[holiday]]
        id = "dia-de-la-raza-traslado"
        names = { es = "Día de la Raza", en = "Columbus Day", de = "Kolumbustag", fr = "Jour de la Race", nl = "Columbusdag" }
        dates = [2001-10-08, 2002-10-14]

        [[holiday]]
        id = "dia-de-la-raza-lunes"
        names = { es = "Día de la Raza", en = "Columbus Day", de = "Kolumbustag", fr = "Jour de la Race", nl = "Columbusdag" }
        weekday = "mon"
        month = 10
        nth = 2
        from = 2008
        until = 2009

        [[holiday]]
        id = "diversidad-cultural-lunes"
        names = { es = "Día del Respeto a la Diversidad Cultural", en = "Day of Respect for Cultural Diversity", de = "Tag des Respekts vor der kulturellen Vielfalt", fr = "Journée du respect de la diversité culturelle", nl = "Dag van het Respect voor Culturele Diversiteit" }
        weekday = "mon"
        month = 10
        nth = 2
        from = 2010
        until = 2016

        [[holiday]]
        id = "diversidad-cultural"
        names = { es = "Día del Respeto a la Diversidad Cultural", en = "Day of Respect for Cultural Diversity", de = "Tag des Respekts vor der kulturellen Vielfalt", fr = "Journée du respect de la diversité culturelle", nl = "Dag van het Respect voor Culturele Diversiteit" }
        date = "10-12"
        from = 2017
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }

        # The fourth Monday of November by Decree 1584/2010; 2015 see soberania-nacional-traslado; movable from
        # 20 November by Law 27.399.
        [[holiday]]
        id = "soberania-nacional-lunes"
        names = { es = "Día de la Soberanía Nacional", en = "National Sovereignty Day", de = "Tag der nationalen Souveränität", fr = "Journée de la souveraineté nationale", nl = "Dag van de Nationale Soevereiniteit" }
        weekday = "mon"
        month = 11
        nth = 4
        from = 2010
        until = 2016
        except_years = [2015]

        # One-off: moved to Friday 27 November 2015 by Decree 2226/2015.
        [[holiday]]
        id = "soberania-nacional-traslado"
        names = { es = "Día de la Soberanía Nacional", en = "National Sovereignty Day", de = "Tag der nationalen Souveränität", fr = "Journée de la souveraineté nationale", nl = "Dag van de Nationale Soevereiniteit" }
        dates = [2015-11-27]

        [[holiday]]
        id = "soberania-nacional"
        names = { es = "Día de la Soberanía Nacional", en = "National Sovereignty Day", de = "Tag der nationalen Souveränität", fr = "Journée de la souveraineté nationale", nl = "Dag van de Nationale Soevereiniteit" }
        date = "11-20"
        from = 2017
        shift = { tue = -1, wed = -2, thu = 4, fri = 3 }

        # Restored by Law 24.445.
        [[holiday]]
        id = "inmaculada-concepcion"
        names = { es = "Inmaculada Concepción de María", en = "Immaculate Conception", de = "Mariä Empfängnis", fr = "Immaculée Conception", nl = "Onbevlekte Ontvangenis" }
        date = "12-08"
        from = 1995

        [[holiday]]
        id = "navidad"
        names = { es = "Navidad", en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"

        # One-off days, each declared by its own law or decree.

        # Decree 615/2010.
        [[holiday]]
        id = "bicentenario-revolucion-de-mayo"
        names = { es = "Bicentenario de la Revolución de Mayo", en = "Bicentenary of the May Revolution", de = "200. Jahrestag der Mairevolution", fr = "Bicentenaire de la révolution de Mai", nl = "200e verjaardag van de Meirevolutie" }
        dates = [2010-05-24]

        # Joint Resolution 1159/2010.
        [[holiday]]
        id = "censo-2010"
        names = { es = "Censo Nacional 2010", en = "National Census 2010", de = "Volkszählung 2010", fr = "Recensement national 2010", nl = "Volkstelling 2010" }
        dates = [2010-10-27]

        # Law 26.721.
        [[holiday]]
        id = "bicentenario-bandera"
        names = { es = "Bicentenario de la Creación y Primera Jura de la Bandera Nacional", en = "Bicentenary of the Creation and First Oath of the National Flag", de = "200. Jahrestag der Schaffung und ersten Vereidigung der Nationalflagge", fr = "Bicentenaire de la création et du premier serment du drapeau national", nl = "200e verjaardag van de invoering en de eerste eed op de nationale vlag" }
        dates = [2012-02-27]

        # Law 26.763.
        [[holiday]]
        id = "bicentenario-batalla-de-tucuman"
        names = { es = "Bicentenario de la Batalla de Tucumán", en = "Bicentenary of the Battle of Tucumán", de = "200. Jahrestag der Schlacht von Tucumán", fr = "Bicentenaire de la bataille de Tucumán", nl = "200e verjaardag van de Slag bij Tucumán" }
        dates = [2012-09-24]

        # Law 26.840.
        [[holiday]]
        id = "bicentenario-asamblea-del-ano-xiii"
        names = { es = "Bicentenario de la Sesión Inaugural de la Asamblea General Constituyente de 1813", en = "Bicentenary of the Inaugural Session of the General Constituent Assembly of 1813", de = "200. Jahrestag der Eröffnungssitzung der Verfassunggebenden Generalversammlung von 1813", fr = "Bicentenaire de la séance inaugurale de l'Assemblée générale constituante de 1813", nl = "200e verjaardag van de openingszitting van de Algemene Grondwetgevende Vergadering van 1813" }
        dates = [2013-01-31]

        # Law 26.837.
        [[holiday]]
        id = "bicentenario-batalla-de-salta"
        names = { es = "Bicentenario de la Batalla de Salta", en = "Bicentenary of the Battle of Salta", de = "200. Jahrestag der Schlacht von Salta", fr = "Bicentenaire de la bataille de Salta", nl = "200e verjaardag van de Slag bij Salta" }
        dates = [2013-02-20]

        # Decree 42/2022.
        [[holiday]]
        id = "censo-2022"
        names = { es = "Censo Nacional 2022", en = "National Census 2022", de = "Volkszählung 2022", fr = "Recensement national 2022", nl = "Volkstelling 2022" }
        dates = [2022-05-18]

        # Decree 842/2022: the welcome of the world champions.
        [[holiday]]
        id = "campeones-del-mundo-2022"
        names = { es = "Celebración de la Selección Argentina Campeona del Mundo 2022", en = "Celebration of Argentina's 2022 FIFA World Cup Victory", de = "Feier des Fußball-Weltmeistertitels 2022", fr = "Célébration de la victoire à la Coupe du monde de la FIFA 2022", nl = "Viering van het wereldkampioenschap voetbal 2022" }
        dates = [2022-12-20]

        # Decree 1103/2026.
        [[holiday]]
        id = "visita-papal-2026"
        names = { es = "Visita de Su Santidad el Papa León XIV", en = "Visit of Pope Leo XIV", de = "Besuch von Papst Leo XIV.", fr = "Visite du pape Léon XIV", nl = "Bezoek van paus Leo XIV" }
        dates = [2026-11-09]

        # Bridge days (días no laborables / feriados con fines turísticos): decreed year by year, no rule;
        # Decrees 1585/2010 (2011-2013), 1768/2013 (2014-2016), 923/2017 (2018-2019; none in 2017), 717/2019,
        # 947/2020, 789/2021, 764/2022, 106/2023, 1027/2024 and Resolution 164/2025 (2026).
        [[holiday]]
        id = "feriado-puente"
        names = { es = "Feriado puente turístico", en = "Bridge holiday", de = "Brückentag", fr = "Jour de pont", nl = "Brugdag" }
        dates = [
            2011-03-25, 2011-12-09,
            2012-04-30, 2012-12-24,
            2013-04-01, 2013-06-21,
            2014-05-02, 2014-12-26,
            2015-03-23, 2015-12-07,
            2016-07-08, 2016-12-09,
            2018-04-30, 2018-12-24, 2018-12-31,
            2019-07-08, 2019-08-19, 2019-10-14,
            2020-03-23, 2020-07-10, 2020-12-07,
            2021-05-24, 2021-10-08, 2021-11-22,
            2022-10-07, 2022-11-21, 2022-12-09,
            2023-05-26, 2023-06-19, 2023-10-13,
            2024-04-01, 2024-06-21, 2024-10-11,
            2025-05-02, 2025-08-15, 2025-11-21,
            2026-03-23, 2026-07-10, 2026-12-07,
        ]
        """#
}
