extension HolidayData {
    /// Argentina: to be written; the New Year alone until then.
    static let argentina = #"""
        code = "AR"
        language = "es"
        names = { es = "Argentina", en = "Argentina", de = "Argentinien", fr = "Argentine", nl = "Argentinië" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
