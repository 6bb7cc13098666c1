#!/usr/bin/env python3
"""Compares partnerd's public holidays with the python `holidays` package, region by region and year by year.

    holiday_oracle.py --tool .build/debug/partnerctl holidays [--from 1990] [--to 2100] [--country DE ...]

The tool is asked for its regions (`--list --json`) and, for each, for its holidays (`REGION --from A --to B --json`);
python holidays is asked for the same country and subdivision. Every date one has and the other lacks is a departure.
A departure is allowed only when Tests/Oracles/holiday-departures/<CC>.txt lists it with its reason, one per line:

    <region> <date or year or first..last year> <+ or -> <reason>

`+` partnerd has the day and python holidays does not, `-` the other way round; a region `DE-*` stands for the
country and all its subdivisions. A listed departure that does not occur is an error too, so the list stays true.
Exit status 0 when everything agrees or is listed, 1 otherwise.
"""
import argparse
import collections
import datetime
import json
import pathlib
import subprocess
import sys

import holidays

HERE = pathlib.Path(__file__).resolve().parent
DEPARTURES = HERE / "holiday-departures"


class Departure:
    def __init__(self, source: str, region: str, when: str, sign: str, reason: str):
        self.source, self.region, self.when, self.sign, self.reason = source, region, when, sign, reason
        self.used = 0
        if ".." in when:
            first, last = when.split("..")
            self.years = range(int(first), int(last) + 1)
            self.date = None
        elif len(when) == 4:
            self.years = range(int(when), int(when) + 1)
            self.date = None
        else:
            self.date = datetime.date.fromisoformat(when)
            self.years = range(self.date.year, self.date.year + 1)

    def covers(self, region: str, date: datetime.date, sign: str) -> bool:
        if sign != self.sign:
            return False
        if self.region.endswith("-*"):
            if region.split("-")[0] != self.region[:-2]:
                return False
        elif region != self.region:
            return False
        return date == self.date if self.date else date.year in self.years


def read_departures(countries: set[str]) -> list[Departure]:
    result = []
    for path in sorted(DEPARTURES.glob("*.txt")):
        if path.stem not in countries:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split(None, 3)
            if len(fields) < 4 or fields[2] not in "+-":
                sys.exit(f"{path.name}:{number}: want `<region> <date|year|a..b> <+|-> <reason>`")
            result.append(Departure(f"{path.name}:{number}", *fields))
    return result


def tool_json(tool: list[str], *arguments: str):
    output = subprocess.run([*tool, *arguments, "--json"], capture_output=True, text=True, timeout=300)
    if output.returncode != 0:
        sys.exit(f"{' '.join(tool)} {' '.join(arguments)}: exit {output.returncode}: {output.stderr.strip()}")
    return json.loads(output.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", nargs="+", required=True, help="the command that lists holidays")
    parser.add_argument("--from", dest="first", type=int, default=1990)
    parser.add_argument("--to", dest="last", type=int, default=2100)
    parser.add_argument("--country", action="append", help="only these countries")
    arguments = parser.parse_args()

    regions = [row["region"] for row in tool_json(arguments.tool, "--list")]
    if arguments.country:
        regions = [region for region in regions if region.split("-")[0] in arguments.country]
    countries = {region.split("-")[0] for region in regions}
    departures = read_departures(countries)
    years = range(arguments.first, arguments.last + 1)
    unlisted = []
    compared = 0
    for region in regions:
        country, _, subdivision = region.partition("-")
        try:
            oracle = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
        except NotImplementedError as error:
            unlisted.append(f"{region}: python holidays does not know it ({error})")
            continue
        theirs = set(oracle.keys())
        ours = {
            datetime.date.fromisoformat(row["date"])
            for row in tool_json(arguments.tool, region, "--from", str(years[0]), "--to", str(years[-1]))
        }
        compared += len(theirs | ours)
        for sign, dates in (("+", ours - theirs), ("-", theirs - ours)):
            for date in sorted(dates):
                matches = [departure for departure in departures if departure.covers(region, date, sign)]
                for departure in matches:
                    departure.used += 1
                if not matches:
                    name = oracle.get(date, "")
                    unlisted.append(f"{region} {date} {sign} {name}".rstrip())
    stale = [f"{departure.source}: {departure.region} {departure.when} {departure.sign} never occurs"
             for departure in departures if departure.used == 0]
    listed = sum(departure.used for departure in departures)
    print(f"holidays: {len(regions)} regions, {years[0]}-{years[-1]}, {compared} dates compared with python holidays "
          f"{holidays.__version__}; {listed} departures listed with their reason, {len(unlisted)} not listed, "
          f"{len(stale)} listed but not found")
    by_region = collections.Counter(line.split()[0] for line in unlisted)
    for line in unlisted[:400]:
        print("  unlisted:", line)
    if len(unlisted) > 400:
        print(f"  … and {len(unlisted) - 400} more ({dict(by_region)})")
    for line in stale:
        print("  stale:", line)
    return 1 if unlisted or stale else 0


if __name__ == "__main__":
    sys.exit(main())
