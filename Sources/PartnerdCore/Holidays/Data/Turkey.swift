extension HolidayData {
    /// Türkiye: to be written; the New Year alone until then.
    static let turkey = #"""
        code = "TR"
        language = "tr"
        names = { tr = "Türkiye", en = "Türkiye", de = "Türkei", fr = "Turquie", nl = "Turkije" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
