// Made by scripts/holiday-tables.py from python holidays 0.109, years 1990 to 2100; run it again rather than edit.

/// Dates of holidays of lunar and lunisolar calendars, by table name (`table = "…"` in a country's data).
enum HolidayTables {
    static func dates(_ name: String) -> [LocalDate]? {
        table[name].map { $0.split(separator: " ").compactMap { LocalDate(iso: $0) } }
    }

    static let table: [String: String] = [:]
}
