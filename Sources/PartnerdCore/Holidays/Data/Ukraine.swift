extension HolidayData {
    /// Ukraine: to be written; the New Year alone until then.
    static let ukraine = #"""
        code = "UA"
        language = "uk"
        names = { uk = "Україна", en = "Ukraine", de = "Ukraine", fr = "Ukraine", nl = "Oekraïne" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
