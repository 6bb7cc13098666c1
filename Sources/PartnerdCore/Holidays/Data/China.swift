extension HolidayData {
    /// China: to be written; the New Year alone until then.
    static let china = #"""
        code = "CN"
        language = "zh"
        names = { zh = "中国", en = "China", de = "China", fr = "Chine", nl = "China" }

        [[holiday]]
        id = "new-year"
        names = { en = "New Year's Day" }
        date = "01-01"
        """#
}
