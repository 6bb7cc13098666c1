extension HolidayData {
    /// The countries' documents, one per country (see ``HolidayData`` for the format).
    static let sources: [String] = [
        germany, belgium, france, spain, turkey, poland,
        russia, hungary, uzbekistan, mexico, china, japan,
        indonesia, argentina, czechia, namibia, unitedKingdom, unitedStates,
        israel, ukraine,
    ]
}
