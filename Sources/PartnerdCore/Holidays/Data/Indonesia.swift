extension HolidayData {
    /// Indonesia: to be written; the New Year alone until then.
    static let indonesia = #"""
        code = "ID"
        language = "id"
        names = { id = "Indonesia", en = "Indonesia", de = "Indonesien", fr = "Indonésie", nl = "Indonesië" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
