extension HolidayData {
    /// Indonesia: the national holidays (hari libur nasional) and the election days; not the joint leave days.
    static let indonesia = #"""
        code = "ID"
        language = "id"
        names = { id = "Indonesia", en = "Indonesia", de = "Indonesien", fr = "Indonésie", nl = "Indonesië" }

        # The national holidays of the presidential decrees (Keppres 24/1953, 251/1967, 10/1971, 3/1983, 19/2002,
        # 24/2013, 24/2016, 8/2024). The government's cuti bersama (joint leave days) are leave of the civil
        # service, not holidays: not listed. The religious holidays follow their calendars, as the Ministry of
        # Religious Affairs fixes them each year: tables.

        [[holiday]]
        id = "new-year"
        names = { id = "Tahun Baru Masehi", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"

        # From 2003 (Keppres 19/2002).
        [[holiday]]
        id = "chinese-new-year"
        names = { id = "Tahun Baru Imlek", en = "Chinese New Year", de = "Chinesisches Neujahr", fr = "Nouvel An chinois", nl = "Chinees Nieuwjaar" }
        table = "ID.lunar-new-year"
        from = 2003

        # 27 Rajab.
        [[holiday]]
        id = "isra-miraj"
        names = { id = "Isra Mikraj Nabi Muhammad", en = "Isra and Mi'raj", de = "Nachtreise und Himmelfahrt des Propheten", fr = "Isra et Miraj", nl = "Isra en Mi'raj" }
        table = "ID.isra-miraj"

        # The Balinese New Year (Saka), from 1983 (Keppres 3/1983).
        [[holiday]]
        id = "nyepi"
        names = { id = "Hari Suci Nyepi", en = "Day of Silence (Nyepi)", de = "Nyepi (Tag der Stille)", fr = "Nyepi (jour du silence)", nl = "Nyepi (Dag van de Stilte)" }
        table = "ID.nyepi"

        [[holiday]]
        id = "good-friday"
        names = { id = "Wafat Yesus Kristus", en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        # From 2024 (Keppres 8/2024).
        [[holiday]]
        id = "easter-sunday"
        names = { id = "Kebangkitan Yesus Kristus", en = "Easter Sunday", de = "Ostersonntag", fr = "Dimanche de Pâques", nl = "Paaszondag" }
        easter = 0
        from = 2024

        # Again from 2014 (Keppres 24/2013).
        [[holiday]]
        id = "labour-day"
        names = { id = "Hari Buruh Internasional", en = "International Labour Day", de = "Tag der Arbeit", fr = "Fête du Travail", nl = "Dag van de Arbeid" }
        date = "05-01"
        from = 2014

        [[holiday]]
        id = "ascension-day"
        names = { id = "Kenaikan Yesus Kristus", en = "Ascension Day", de = "Christi Himmelfahrt", fr = "Ascension", nl = "Hemelvaartsdag" }
        easter = 39

        # The full moon of Vaisakha, from 1983 (Keppres 3/1983).
        [[holiday]]
        id = "vesak"
        names = { id = "Hari Raya Waisak", en = "Vesak", de = "Vesakh", fr = "Vesak", nl = "Vesak" }
        table = "ID.vesak"

        # From 2016 (Keppres 24/2016, of 1 June 2016).
        [[holiday]]
        id = "pancasila-day"
        names = { id = "Hari Lahir Pancasila", en = "Pancasila Day", de = "Tag der Pancasila", fr = "Jour de la Pancasila", nl = "Pancasiladag" }
        date = "06-01"
        from = 2016

        # 1 and 2 Shawwal.
        [[holiday]]
        id = "eid-al-fitr"
        names = { id = "Hari Raya Idul Fitri", en = "Eid al-Fitr", de = "Fest des Fastenbrechens", fr = "Aïd el-Fitr", nl = "Suikerfeest" }
        table = "ID.eid-al-fitr"

        [[holiday]]
        id = "eid-al-fitr-second-day"
        names = { id = "Hari kedua Hari Raya Idul Fitri", en = "Eid al-Fitr (second day)", de = "Fest des Fastenbrechens (zweiter Tag)", fr = "Aïd el-Fitr (deuxième jour)", nl = "Suikerfeest (tweede dag)" }
        table = "ID.eid-al-fitr-second-day"

        # Idul Fitri 1425 began on a Sunday: the government added Tuesday 16 November 2004.
        [[holiday]]
        id = "eid-al-fitr-substitute-2004"
        names = { id = "Hari libur pengganti Idul Fitri", en = "Eid al-Fitr (substitute day)", de = "Fest des Fastenbrechens (Ersatzfeiertag)", fr = "Aïd el-Fitr (jour de remplacement)", nl = "Suikerfeest (vervangende dag)" }
        dates = [2004-11-16]

        # 10 Dhu al-Hijjah.
        [[holiday]]
        id = "eid-al-adha"
        names = { id = "Hari Raya Idul Adha", en = "Eid al-Adha", de = "Opferfest", fr = "Aïd el-Kébir", nl = "Offerfeest" }
        table = "ID.eid-al-adha"

        # 1 Muharram.
        [[holiday]]
        id = "islamic-new-year"
        names = { id = "Tahun Baru Islam", en = "Islamic New Year", de = "Islamisches Neujahr", fr = "Nouvel An islamique", nl = "Islamitisch Nieuwjaar" }
        table = "ID.islamic-new-year"

        [[holiday]]
        id = "independence-day"
        names = { id = "Hari Kemerdekaan Republik Indonesia", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Fête de l'indépendance", nl = "Onafhankelijkheidsdag" }
        date = "08-17"

        # 12 Rabi' al-awwal.
        [[holiday]]
        id = "mawlid"
        names = { id = "Maulid Nabi Muhammad", en = "Prophet's Birthday", de = "Geburtstag des Propheten", fr = "Mawlid", nl = "Mawlid" }
        table = "ID.mawlid"

        [[holiday]]
        id = "christmas"
        names = { id = "Hari Raya Natal", en = "Christmas Day", de = "Weihnachten", fr = "Noël", nl = "Kerstmis" }
        date = "12-25"

        # Election days, each by its own decree.
        [[holiday]]
        id = "legislative-election"
        names = { id = "Hari Pemilihan Umum Legislatif", en = "Legislative Election Day", de = "Parlamentswahl", fr = "Élections législatives", nl = "Parlementsverkiezingen" }
        dates = [1999-06-07, 2004-04-05, 2009-04-09, 2014-04-09]

        [[holiday]]
        id = "presidential-election"
        names = { id = "Hari Pemilihan Umum Presiden", en = "Presidential Election Day", de = "Präsidentschaftswahl", fr = "Élection présidentielle", nl = "Presidentsverkiezingen" }
        dates = [2004-07-05, 2004-09-20, 2009-07-08, 2014-07-09]

        # The legislative and presidential elections on one day.
        [[holiday]]
        id = "general-election"
        names = { id = "Hari Pemilihan Umum", en = "General Election Day", de = "Parlaments- und Präsidentschaftswahl", fr = "Élections générales", nl = "Algemene verkiezingen" }
        dates = [2019-04-17, 2024-02-14]

        [[holiday]]
        id = "regional-election"
        names = { id = "Hari Pemilihan Kepala Daerah", en = "Regional Election Day", de = "Regionalwahl", fr = "Élections régionales", nl = "Regionale verkiezingen" }
        dates = [2015-12-09, 2017-02-15, 2018-06-27, 2020-12-09, 2024-11-27]
        """#
}
