extension HolidayData {
    /// Japan: the national holidays (国民の祝日), their substitute days, the citizens' holiday and the imperial days.
    static let japan = #"""
        code = "JP"
        language = "ja"
        names = { ja = "日本", en = "Japan", de = "Japan", fr = "Japon", nl = "Japan" }

        # A national holiday on a Sunday gives the next day that is no holiday off (振替休日, since 1973; until 2006
        # the Monday, which comes to the same for these holidays). A day between two holidays is one itself
        # (国民の休日, since 1985): 4 May until 2006, some Tuesdays in September since.

        [[holiday]]
        id = "new-year"
        names = { ja = "元日", en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "coming-of-age-day-jan-15"
        names = { ja = "成人の日", en = "Coming of Age Day", de = "Tag der Volljährigkeit", fr = "Jour de la majorité" }
        date = "01-15"
        until = 1999
        observed = "next-free"
        observed_weekdays = ["sun"]

        # The Happy Monday system (ハッピーマンデー制度): the second Monday of January from 2000.
        [[holiday]]
        id = "coming-of-age-day"
        names = { ja = "成人の日", en = "Coming of Age Day", de = "Tag der Volljährigkeit", fr = "Jour de la majorité" }
        weekday = "mon"
        month = 1
        nth = 2
        from = 2000

        [[holiday]]
        id = "foundation-day"
        names = { ja = "建国記念の日", en = "National Foundation Day", de = "Staatsgründungstag", fr = "Jour de la fondation de l'État" }
        date = "02-11"
        observed = "next-free"
        observed_weekdays = ["sun"]

        # Emperor Akihito's birthday until his abdication in 2019, a year without an emperor's birthday.
        [[holiday]]
        id = "emperors-birthday-heisei"
        names = { ja = "天皇誕生日", en = "The Emperor's Birthday", de = "Geburtstag des Kaisers", fr = "Anniversaire de l'empereur", nl = "Verjaardag van de keizer" }
        date = "12-23"
        until = 2018
        observed = "next-free"
        observed_weekdays = ["sun"]

        # Emperor Naruhito's birthday.
        [[holiday]]
        id = "emperors-birthday"
        names = { ja = "天皇誕生日", en = "The Emperor's Birthday", de = "Geburtstag des Kaisers", fr = "Anniversaire de l'empereur", nl = "Verjaardag van de keizer" }
        date = "02-23"
        from = 2020
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "vernal-equinox-day"
        names = { ja = "春分の日", en = "Vernal Equinox Day", de = "Frühlings-Tagundnachtgleiche", fr = "Équinoxe de printemps", nl = "Lente-equinox" }
        table = "JP.vernal-equinox"
        observed = "next-free"
        observed_weekdays = ["sun"]

        # 29 April, Emperor Shōwa's birthday, was Greenery Day 1989–2006 and is Shōwa Day since 2007.
        [[holiday]]
        id = "greenery-day-apr-29"
        names = { ja = "みどりの日", en = "Greenery Day", de = "Tag des Grüns", fr = "Jour de la verdure", nl = "Dag van het groen" }
        date = "04-29"
        until = 2006
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "showa-day"
        names = { ja = "昭和の日", en = "Shōwa Day", de = "Shōwa-Tag", fr = "Jour de Shōwa", nl = "Shōwadag" }
        date = "04-29"
        from = 2007
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "constitution-day"
        names = { ja = "憲法記念日", en = "Constitution Memorial Day", de = "Verfassungsgedenktag", fr = "Jour de la Constitution", nl = "Dag van de Grondwet" }
        date = "05-03"
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "greenery-day"
        names = { ja = "みどりの日", en = "Greenery Day", de = "Tag des Grüns", fr = "Jour de la verdure", nl = "Dag van het groen" }
        date = "05-04"
        from = 2007
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "childrens-day"
        names = { ja = "こどもの日", en = "Children's Day", de = "Kindertag", fr = "Jour des enfants", nl = "Kinderdag" }
        date = "05-05"
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "marine-day-jul-20"
        names = { ja = "海の日", en = "Marine Day", de = "Tag des Meeres", fr = "Jour de la mer", nl = "Dag van de zee" }
        date = "07-20"
        from = 1996
        until = 2002
        observed = "next-free"
        observed_weekdays = ["sun"]

        # The third Monday of July from 2003; moved for the Tokyo Olympics in 2020 and 2021 (below).
        [[holiday]]
        id = "marine-day"
        names = { ja = "海の日", en = "Marine Day", de = "Tag des Meeres", fr = "Jour de la mer", nl = "Dag van de zee" }
        weekday = "mon"
        month = 7
        nth = 3
        from = 2003
        except_years = [2020, 2021]

        # Moved next to the opening of the Olympic Games (東京オリンピック・パラリンピック特別措置法, amended 2018 and 2020).
        [[holiday]]
        id = "marine-day-olympics"
        names = { ja = "海の日", en = "Marine Day", de = "Tag des Meeres", fr = "Jour de la mer", nl = "Dag van de zee" }
        dates = [2020-07-23, 2021-07-22]

        [[holiday]]
        id = "mountain-day"
        names = { ja = "山の日", en = "Mountain Day", de = "Tag der Berge", fr = "Jour de la montagne", nl = "Dag van de bergen" }
        date = "08-11"
        from = 2016
        except_years = [2020, 2021]
        observed = "next-free"
        observed_weekdays = ["sun"]

        # Moved next to the closing of the Olympic Games, in 2020 and 2021.
        [[holiday]]
        id = "mountain-day-olympics"
        names = { ja = "山の日", en = "Mountain Day", de = "Tag der Berge", fr = "Jour de la montagne", nl = "Dag van de bergen" }
        dates = [2020-08-10, 2021-08-08]
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "respect-for-the-aged-day-sep-15"
        names = { ja = "敬老の日", en = "Respect for the Aged Day", de = "Tag der Achtung vor dem Alter", fr = "Jour du respect des personnes âgées", nl = "Dag van het respect voor ouderen" }
        date = "09-15"
        until = 2002
        observed = "next-free"
        observed_weekdays = ["sun"]

        # The third Monday of September from 2003.
        [[holiday]]
        id = "respect-for-the-aged-day"
        names = { ja = "敬老の日", en = "Respect for the Aged Day", de = "Tag der Achtung vor dem Alter", fr = "Jour du respect des personnes âgées", nl = "Dag van het respect voor ouderen" }
        weekday = "mon"
        month = 9
        nth = 3
        from = 2003

        [[holiday]]
        id = "autumnal-equinox-day"
        names = { ja = "秋分の日", en = "Autumnal Equinox Day", de = "Herbst-Tagundnachtgleiche", fr = "Équinoxe d'automne", nl = "Herfst-equinox" }
        table = "JP.autumnal-equinox"
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "health-and-sports-day-oct-10"
        names = { ja = "体育の日", en = "Health and Sports Day", de = "Tag des Sports", fr = "Journée de la santé et du sport" }
        date = "10-10"
        until = 1999
        observed = "next-free"
        observed_weekdays = ["sun"]

        # The second Monday of October from 2000.
        [[holiday]]
        id = "health-and-sports-day"
        names = { ja = "体育の日", en = "Health and Sports Day", de = "Tag des Sports", fr = "Journée de la santé et du sport" }
        weekday = "mon"
        month = 10
        nth = 2
        from = 2000
        until = 2019

        # Renamed from 2020; moved to the opening of the Olympic Games in 2020 and 2021 (below).
        [[holiday]]
        id = "sports-day"
        names = { ja = "スポーツの日", en = "Sports Day", de = "Tag des Sports", fr = "Journée du sport", nl = "Sportdag" }
        weekday = "mon"
        month = 10
        nth = 2
        from = 2020
        except_years = [2020, 2021]

        [[holiday]]
        id = "sports-day-olympics"
        names = { ja = "スポーツの日", en = "Sports Day", de = "Tag des Sports", fr = "Journée du sport", nl = "Sportdag" }
        dates = [2020-07-24, 2021-07-23]

        [[holiday]]
        id = "culture-day"
        names = { ja = "文化の日", en = "Culture Day", de = "Tag der Kultur", fr = "Jour de la culture", nl = "Dag van de cultuur" }
        date = "11-03"
        observed = "next-free"
        observed_weekdays = ["sun"]

        [[holiday]]
        id = "labour-thanksgiving-day"
        names = { ja = "勤労感謝の日", en = "Labour Thanksgiving Day", de = "Tag des Dankes für die Arbeit", fr = "Fête du remerciement pour le travail" }
        date = "11-23"
        observed = "next-free"
        observed_weekdays = ["sun"]

        # Days of the imperial house, each by its own law.
        [[holiday]]
        id = "enthronement-ceremony-1990"
        names = { ja = "即位礼正殿の儀", en = "Enthronement Ceremony", de = "Inthronisierungszeremonie", fr = "Cérémonie d'intronisation" }
        dates = [1990-11-12]

        [[holiday]]
        id = "crown-prince-wedding-1993"
        names = { ja = "皇太子徳仁親王の結婚の儀", en = "Wedding of Crown Prince Naruhito", de = "Hochzeit des Kronprinzen Naruhito", fr = "Mariage du prince héritier Naruhito", nl = "Huwelijk van kroonprins Naruhito" }
        dates = [1993-06-09]

        [[holiday]]
        id = "enthronement-day-2019"
        names = { ja = "天皇の即位の日", en = "Enthronement Day", de = "Tag der Thronbesteigung", fr = "Jour de l'accession au trône" }
        dates = [2019-05-01]

        [[holiday]]
        id = "enthronement-ceremony-2019"
        names = { ja = "即位礼正殿の儀の行われる日", en = "Enthronement Ceremony", de = "Inthronisierungszeremonie", fr = "Cérémonie d'intronisation" }
        dates = [2019-10-22]

        [[holiday]]
        id = "citizens-holiday"
        names = { ja = "国民の休日", en = "Citizens' Holiday", de = "Feiertag zwischen zwei Feiertagen", fr = "Jour férié entre deux jours fériés" }
        between = true
        from = 1986
        """#
}
