extension HolidayData {
    /// Spain: to be written; the New Year alone until then.
    static let spain = #"""
        code = "ES"
        language = "es"
        names = { es = "España", en = "Spain", de = "Spanien", fr = "Espagne", nl = "Spanje" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
