extension HolidayData {
    /// Namibia: to be written; the New Year alone until then.
    static let namibia = #"""
        code = "NA"
        language = "en"
        names = { en = "Namibia", de = "Namibia", fr = "Namibie", nl = "Namibië" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
