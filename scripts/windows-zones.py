#!/usr/bin/env python3
"""Writes Sources/PartnerdCore/ICalendar/Reading/WindowsZones.swift: which tz database zone each Windows time zone
name stands for (Outlook and Exchange write `TZID=W. Europe Standard Time`). The pairs are the Unicode CLDR's
windowsZones table (territory 001), as the python `icalendar` package of the test venv carries it; facts, kept as
data. Run it with the test venv: .venv/bin/python scripts/windows-zones.py
"""
import pathlib

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

REPO = pathlib.Path(__file__).resolve().parent.parent
OUT = REPO / "Sources" / "PartnerdCore" / "ICalendar" / "Reading" / "WindowsZones.swift"


def main() -> None:
    lines = [
        f"// Made by scripts/windows-zones.py from the CLDR table in python icalendar {icalendar.__version__};"
        " run it again rather than edit.",
        "",
        "/// The tz database zone of each Windows time zone name (CLDR windowsZones, territory 001).",
        "enum WindowsZones {",
        "    static let tzdb: [String: String] = [",
    ]
    for windows, tzdb in sorted(WINDOWS_TO_OLSON.items()):
        lines.append(f'        "{windows}": "{tzdb}",')
    lines += ["    ]", "}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(WINDOWS_TO_OLSON)} names")


if __name__ == "__main__":
    main()
