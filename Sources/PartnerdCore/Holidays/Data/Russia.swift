extension HolidayData {
    /// Russia: to be written; the New Year alone until then.
    static let russia = #"""
        code = "RU"
        language = "ru"
        names = { ru = "Россия", en = "Russia", de = "Russland", fr = "Russie", nl = "Rusland" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
