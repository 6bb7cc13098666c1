extension HolidayData {
    /// United Kingdom: the bank holidays all four nations share, from the Banking and Financial Dealings Act 1971.
    static let unitedKingdom = #"""
        code = "GB"
        language = "en"
        since = 1971
        names = { en = "United Kingdom", de = "Vereinigtes Königreich", fr = "Royaume-Uni", nl = "Verenigd Koninkrijk" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day", de = "Neujahr", fr = "Jour de l'an", nl = "Nieuwjaarsdag" }
        date = "01-01"
        from = 1974
        observed = "next-free"

        [[holiday]]
        id = "good-friday"
        names = { en = "Good Friday", de = "Karfreitag", fr = "Vendredi saint", nl = "Goede Vrijdag" }
        easter = -2

        [[holiday]]
        id = "early-may-bank-holiday"
        names = { en = "Early May Bank Holiday" }
        weekday = "mon"
        month = 5
        nth = 1
        from = 1978
        except_years = [1995, 2020]

        [[holiday]]
        id = "early-may-bank-holiday-ve-day"
        names = { en = "Early May Bank Holiday (VE Day)" }
        dates = [1995-05-08, 2020-05-08]

        [[holiday]]
        id = "spring-bank-holiday"
        names = { en = "Spring Bank Holiday" }
        weekday = "mon"
        month = 5
        nth = -1
        except_years = [2002, 2012, 2022]

        [[holiday]]
        id = "spring-bank-holiday-jubilee"
        names = { en = "Spring Bank Holiday" }
        dates = [2002-06-04, 2012-06-04, 2022-06-02]

        [[holiday]]
        id = "silver-jubilee"
        names = { en = "Silver Jubilee of Queen Elizabeth II", de = "Silbernes Thronjubiläum von Königin Elisabeth II.", fr = "Jubilé d'argent de la reine Élisabeth II", nl = "Zilveren jubileum van koningin Elizabeth II" }
        dates = [1977-06-07]

        [[holiday]]
        id = "wedding-charles-diana"
        names = { en = "Wedding of Prince Charles and Lady Diana Spencer", de = "Hochzeit von Prinz Charles und Lady Diana Spencer", fr = "Mariage du prince Charles et de lady Diana Spencer", nl = "Huwelijk van prins Charles en lady Diana Spencer" }
        dates = [1981-07-29]

        [[holiday]]
        id = "millennium"
        names = { en = "Millennium Celebrations", de = "Millenniumsfeier", fr = "Célébrations du millénaire", nl = "Millenniumviering" }
        dates = [1999-12-31]

        [[holiday]]
        id = "golden-jubilee"
        names = { en = "Golden Jubilee of Queen Elizabeth II", de = "Goldenes Thronjubiläum von Königin Elisabeth II.", fr = "Jubilé d'or de la reine Élisabeth II", nl = "Gouden jubileum van koningin Elizabeth II" }
        dates = [2002-06-03]

        [[holiday]]
        id = "wedding-william-catherine"
        names = { en = "Wedding of Prince William and Catherine Middleton", de = "Hochzeit von Prinz William und Catherine Middleton", fr = "Mariage du prince William et de Catherine Middleton", nl = "Huwelijk van prins William en Catherine Middleton" }
        dates = [2011-04-29]

        [[holiday]]
        id = "diamond-jubilee"
        names = { en = "Diamond Jubilee of Queen Elizabeth II", de = "Diamantenes Thronjubiläum von Königin Elisabeth II.", fr = "Jubilé de diamant de la reine Élisabeth II", nl = "Diamanten jubileum van koningin Elizabeth II" }
        dates = [2012-06-05]

        [[holiday]]
        id = "platinum-jubilee"
        names = { en = "Platinum Jubilee of Queen Elizabeth II", de = "Platinjubiläum von Königin Elisabeth II.", fr = "Jubilé de platine de la reine Élisabeth II", nl = "Platina jubileum van koningin Elizabeth II" }
        dates = [2022-06-03]

        [[holiday]]
        id = "state-funeral-elizabeth"
        names = { en = "State Funeral of Queen Elizabeth II", de = "Staatsbegräbnis von Königin Elisabeth II.", fr = "Funérailles nationales de la reine Élisabeth II", nl = "Staatsbegrafenis van koningin Elizabeth II" }
        dates = [2022-09-19]

        [[holiday]]
        id = "coronation-charles"
        names = { en = "Coronation of King Charles III", de = "Krönung von König Charles III.", fr = "Couronnement du roi Charles III", nl = "Kroning van koning Charles III" }
        dates = [2023-05-08]

        [[holiday]]
        id = "christmas"
        names = { en = "Christmas Day", de = "Erster Weihnachtstag", fr = "Noël", nl = "Eerste Kerstdag" }
        date = "12-25"
        observed = "next-free"

        [[holiday]]
        id = "boxing-day"
        names = { en = "Boxing Day", de = "Zweiter Weihnachtstag", fr = "Lendemain de Noël", nl = "Tweede Kerstdag" }
        date = "12-26"
        observed = "next-free"
        """#
}
