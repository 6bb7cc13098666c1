extension HolidayData {
    /// Uzbekistan: to be written; the New Year alone until then.
    static let uzbekistan = #"""
        code = "UZ"
        language = "uz"
        names = { uz = "Oʻzbekiston", en = "Uzbekistan", de = "Usbekistan", fr = "Ouzbékistan", nl = "Oezbekistan" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
