import Synchronization

extension HolidayData {
    private static let cache = Mutex<[HolidayRegion: [Int: [Int: [PublicHoliday]]]]>([:])

    /// The public holidays of `region` on `date`, in the data's order; empty for a region the data lacks. Each year
    /// of each region is worked out once per process and kept (a few hundred bytes).
    public static func holidays(on date: LocalDate, in region: HolidayRegion) -> [PublicHoliday] {
        let day = date.daysSinceEpoch
        if let known = cache.withLock({ $0[region]?[date.year] }) { return known[day] ?? [] }
        var byDay: [Int: [PublicHoliday]] = [:]
        if let country = country(region) {
            for holiday in country.holidays(years: date.year...date.year, subdivision: region.subdivision) {
                byDay[holiday.date.daysSinceEpoch, default: []].append(holiday)
            }
        }
        cache.withLock { $0[region, default: [:]][date.year] = byDay }
        return byDay[day] ?? []
    }
}
