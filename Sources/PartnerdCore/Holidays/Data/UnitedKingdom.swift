extension HolidayData {
    /// United Kingdom: to be written; the New Year alone until then.
    static let unitedKingdom = #"""
        code = "GB"
        language = "en"
        names = { en = "United Kingdom", de = "Vereinigtes Königreich", fr = "Royaume-Uni", nl = "Verenigd Koninkrijk" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
