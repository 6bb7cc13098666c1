extension HolidayData {
    /// Hungary: to be written; the New Year alone until then.
    static let hungary = #"""
        code = "HU"
        language = "hu"
        names = { hu = "Magyarország", en = "Hungary", de = "Ungarn", fr = "Hongrie", nl = "Hongarije" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
