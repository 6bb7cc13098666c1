#!/usr/bin/env python3
"""Writes Sources/PartnerdCore/Holidays/Data/HolidayTables.swift: the dates of holidays that follow a lunar or
lunisolar calendar (Chinese New Year, Eid al-Fitr, Rosh Hashanah, Nyepi, ...), 1990 to 2100, taken from the python
`holidays` package. Those dates are facts of astronomy and of religious authorities; partnerd's rules cannot compute
them, so they are a table.

Which holidays: scripts/holiday-tables.d/<CC>.txt, one table per line,

    <table name> <TAB> <ISO country code> <TAB> <regular expression on the holiday's English name>

for example `CN.spring-festival<TAB>CN<TAB>^Chinese New Year \\(Spring Festival\\)$`. A country's data names the table with
`table = "CN.spring-festival"`. Run it with the test venv: .venv/bin/python scripts/holiday-tables.py
"""
import pathlib
import re
import sys

import holidays

REPO = pathlib.Path(__file__).resolve().parent.parent
SPECS = REPO / "scripts" / "holiday-tables.d"
OUT = REPO / "Sources" / "PartnerdCore" / "Holidays" / "Data" / "HolidayTables.swift"
YEARS = range(1990, 2101)


def tables() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for spec in sorted(SPECS.glob("*.txt")):
        for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                name, country, pattern = line.split("\t")
            except ValueError:
                sys.exit(f"{spec.name}:{number}: want three fields separated by tabs")
            wanted = re.compile(pattern)
            dates = set()
            for year in YEARS:
                calendar = holidays.country_holidays(country, years=year, language="en_US")
                for date, names in calendar.items():
                    if any(wanted.search(part) for part in names.split("; ")):
                        dates.add(date.isoformat())
            if not dates:
                sys.exit(f"{spec.name}:{number}: no holiday of {country} matches {pattern!r}")
            if name in result:
                sys.exit(f"{spec.name}:{number}: table {name} twice")
            result[name] = sorted(dates)
    return result


def main() -> None:
    lines = [
        f"// Made by scripts/holiday-tables.py from python holidays {holidays.__version__}, years {YEARS[0]} to "
        f"{YEARS[-1]}; run it again rather than edit.",
        "",
        "/// Dates of holidays of lunar and lunisolar calendars, by table name (`table = \"…\"` in a country's data).",
        "enum HolidayTables {",
        "    static func dates(_ name: String) -> [LocalDate]? {",
        "        table[name].map { $0.split(separator: \" \").compactMap { LocalDate(iso: $0) } }",
        "    }",
        "",
        "    static let table: [String: String] = [",
    ]
    found = tables()
    for name, dates in sorted(found.items()):
        # One literal per table: string concatenation with + makes the type checker slow.
        lines.append(f"        \"{name}\": \"{' '.join(dates)}\",")
    if not found:
        lines[-1] = "    static let table: [String: String] = [:]"
    else:
        lines.append("    ]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(found)} tables")


if __name__ == "__main__":
    main()
