extension HolidayData {
    /// France: to be written; the New Year alone until then.
    static let france = #"""
        code = "FR"
        language = "fr"
        names = { fr = "France", en = "France", de = "Frankreich", fr = "France", nl = "Frankrijk" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
