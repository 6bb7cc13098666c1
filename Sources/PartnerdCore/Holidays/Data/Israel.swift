extension HolidayData {
    /// Israel: the statutory days of rest of the Hebrew calendar and Independence Day, 1990 to 2100 (tables).
    static let israel = #"""
        code = "IL"
        language = "he"
        weekend = ["fri", "sat"]
        names = { he = "ישראל", en = "Israel", de = "Israel", fr = "Israël", nl = "Israël" }

        # Every holiday follows the Hebrew calendar: its dates are tables (scripts/holiday-tables.d/IL.txt).

        # 1 and 2 Tishrei.
        [[holiday]]
        id = "rosh-hashanah"
        names = { he = "ראש השנה", en = "Rosh Hashanah", de = "Rosch ha-Schana", fr = "Roch Hachana", nl = "Rosj Hasjana" }
        table = "IL.rosh-hashanah"

        # 10 Tishrei.
        [[holiday]]
        id = "yom-kippur"
        names = { he = "יום הכיפורים", en = "Yom Kippur", de = "Jom Kippur", fr = "Yom Kippour", nl = "Jom Kipoer" }
        table = "IL.yom-kippur"

        # 15 Tishrei.
        [[holiday]]
        id = "sukkot"
        names = { he = "סוכות", en = "Sukkot", de = "Sukkot (Laubhüttenfest)", fr = "Souccot", nl = "Soekot (Loofhuttenfeest)" }
        table = "IL.sukkot"

        # 22 Tishrei.
        [[holiday]]
        id = "simchat-torah"
        names = { he = "שמיני עצרת / שמחת תורה", en = "Shemini Atzeret / Simchat Torah", de = "Schemini Azeret / Simchat Tora", fr = "Chemini Atseret / Sim'hat Torah", nl = "Sjemini Atseret / Simchat Tora" }
        table = "IL.simchat-torah"

        # 15 Nisan.
        [[holiday]]
        id = "pesach"
        names = { he = "פסח", en = "Passover", de = "Pessach", fr = "Pessa'h", nl = "Pesach" }
        table = "IL.pesach"

        # 21 Nisan.
        [[holiday]]
        id = "shvii-shel-pesach"
        names = { he = "שביעי של פסח", en = "Seventh Day of Passover", de = "Siebter Tag von Pessach", fr = "Septième jour de Pessa'h", nl = "Zevende dag van Pesach" }
        table = "IL.shvii-shel-pesach"

        # 5 Iyar, kept on the Thursday before when it falls on a Friday or Saturday, and from 2004 on the Tuesday
        # when it falls on a Monday (so that Memorial Day, the day before, does not fall right after the Sabbath).
        [[holiday]]
        id = "yom-haatzmaut"
        names = { he = "יום העצמאות", en = "Independence Day", de = "Unabhängigkeitstag", fr = "Jour de l'Indépendance", nl = "Onafhankelijkheidsdag" }
        table = "IL.yom-haatzmaut"

        # 6 Sivan.
        [[holiday]]
        id = "shavuot"
        names = { he = "שבועות", en = "Shavuot", de = "Schawuot", fr = "Chavouot", nl = "Sjavoeot" }
        table = "IL.shavuot"
        """#
}
