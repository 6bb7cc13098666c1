extension HolidayData {
    /// United States: to be written; the New Year alone until then.
    static let unitedStates = #"""
        code = "US"
        language = "en"
        names = { en = "United States", de = "Vereinigte Staaten", fr = "États-Unis", nl = "Verenigde Staten" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
