extension HolidayData {
    /// Mexico: to be written; the New Year alone until then.
    static let mexico = #"""
        code = "MX"
        language = "es"
        names = { es = "México", en = "Mexico", de = "Mexiko", fr = "Mexique", nl = "Mexico" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
