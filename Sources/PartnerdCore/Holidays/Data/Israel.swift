extension HolidayData {
    /// Israel: to be written; the New Year alone until then.
    static let israel = #"""
        code = "IL"
        language = "he"
        names = { he = "ישראל", en = "Israel", de = "Israel", fr = "Israël", nl = "Israël" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
