extension HolidayData {
    /// Poland: to be written; the New Year alone until then.
    static let poland = #"""
        code = "PL"
        language = "pl"
        names = { pl = "Polska", en = "Poland", de = "Polen", fr = "Pologne", nl = "Polen" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
