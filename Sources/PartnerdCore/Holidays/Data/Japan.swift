extension HolidayData {
    /// Japan: to be written; the New Year alone until then.
    static let japan = #"""
        code = "JP"
        language = "ja"
        names = { ja = "日本", en = "Japan", de = "Japan", fr = "Japon", nl = "Japan" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
