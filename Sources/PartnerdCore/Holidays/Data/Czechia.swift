extension HolidayData {
    /// Czechia: to be written; the New Year alone until then.
    static let czechia = #"""
        code = "CZ"
        language = "cs"
        names = { cs = "Česko", en = "Czechia", de = "Tschechien", fr = "Tchéquie", nl = "Tsjechië" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
