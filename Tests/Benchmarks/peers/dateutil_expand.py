"""The python-dateutil side of row 1: the same rules file and rounds as `recurrence-bench`, the same JSON out.

Each round parses every rule with `rrulestr` and takes its first N occurrences; DTSTART is a naive
datetime (a date becomes midnight), which is what the Swift side's floating times in UTC amount to.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import time

from dateutil import rrule


def read_rules(path: str) -> list[tuple[datetime.datetime, str]]:
    rules = []
    for line in open(path, encoding="utf-8"):
        start, rule = line.rstrip("\n").split("\t")
        rules.append((datetime.datetime.fromisoformat(start), rule))
    return rules


def expand_all(rules, limit: int, collect: bool) -> tuple[int, list[str]]:
    count = 0
    lines: list[str] = []
    for index, (start, text) in enumerate(rules):
        taken = list(itertools.islice(rrule.rrulestr(text, dtstart=start), limit))
        if collect:
            lines.extend(f"{index} {occurrence.isoformat()}" for occurrence in taken)
        count += len(taken)
    return count, lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rules")
    parser.add_argument("--occurrences", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dump")
    arguments = parser.parse_args()

    rules = read_rules(arguments.rules)
    if arguments.dump:
        with open(arguments.dump, "w", encoding="utf-8") as out:
            out.write("\n".join(expand_all(rules, arguments.occurrences, True)[1]) + "\n")
    seconds = []
    produced = 0
    for _ in range(arguments.rounds):
        began = time.perf_counter()
        produced, _ = expand_all(rules, arguments.occurrences, False)
        seconds.append(time.perf_counter() - began)
    print(json.dumps({"rules": len(rules), "occurrences": produced, "seconds": seconds}))


if __name__ == "__main__":
    main()
