#!/usr/bin/env python3
"""TOML documents read by Python's tomllib and by rtoml, for the differential test of partnerd's reader.

    toml_oracle.py --seed N --count 4000 --out FILE

Writes JSON: a list of cases, each with the document's text and what each oracle made of it, as toml-test's tagged
JSON (`{"type": ..., "value": ...}` for every scalar) or the error it gave. `TOMLDifferentialTests.swift` reads the
file (named by $PARTNERD_TOML_ORACLE) and compares partnerd's reader case by case.

How the cases are made, deterministically from the seed:

* Half are generated documents: a random tree of tables, arrays of tables, arrays and inline tables with every
  kind of scalar (the four string kinds with escapes and non-ASCII text, integers in four bases with underscores
  and at the 64-bit edges, floats with exponents, inf and nan, booleans, the four kinds of dates and times),
  written with random choices of syntax (bare, quoted and literal keys, dotted keys, headers or inline tables,
  comments, blank lines, CRLF). Each must read the same in all readers.
* The other half are the same kind of documents with one to three edits (a character deleted, inserted or
  doubled, a line doubled or moved, two lines swapped). Most become invalid; the readers must agree on which.

tomllib decides the expected verdict (it passes toml-test, like partnerd). rtoml's answer is kept beside it and
its disagreements are reported apart. One known departure of tomllib from TOML 1.0.0 is corrected in the file:
it reads integers beyond 64 bits as Python integers, where the specification says they are an error; such cases
carry `"expect": "error"` and the reason.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import pathlib
import random
import string
import tomllib

import rtoml

INT64 = (-(2**63), 2**63 - 1)


# ----------------------------------------------------------------------------------------------------------------
# Tagged JSON


def tagged(value):
    if isinstance(value, dict):
        return {key: tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tagged(item) for item in value]
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        text = "nan" if math.isnan(value) else repr(value)
        return {"type": "float", "value": text}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        kind = "datetime" if value.tzinfo is not None else "datetime-local"
        return {"type": kind, "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": value.isoformat()}
    raise TypeError(f"no tagged form for {type(value)}")


def wide_integer(value) -> bool:
    if isinstance(value, dict):
        return any(wide_integer(item) for item in value.values())
    if isinstance(value, list):
        return any(wide_integer(item) for item in value)
    return isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]


def read(loads, text: str) -> dict:
    try:
        return {"ok": tagged(loads(text))}
    except Exception as error:  # noqa: BLE001 (every refusal counts, whatever its class)
        return {"error": f"{type(error).__name__}: {error}"[:300]}


# ----------------------------------------------------------------------------------------------------------------
# Documents


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def key(self) -> str:
        r = self.rng
        choice = r.random()
        if choice < 0.7:
            alphabet = string.ascii_letters + string.digits + "-_"
            return "".join(r.choice(alphabet) for _ in range(r.randint(1, 8)))
        if choice < 0.85:
            return '"' + self.basic_body(r.randint(0, 6), multiline=False) + '"'
        return "'" + "".join(r.choice(string.ascii_letters + " .#=[]\"é") for _ in range(r.randint(0, 6))) + "'"

    def basic_body(self, length: int, multiline: bool) -> str:
        r = self.rng
        pieces = []
        for _ in range(length):
            choice = r.random()
            if choice < 0.55:
                pieces.append(r.choice(string.ascii_letters + string.digits + " .,;:-#=[]{}'"))
            elif choice < 0.7:
                pieces.append(r.choice(["\\n", "\\t", "\\\\", '\\"', "\\b", "\\f", "\\r"]))
            elif choice < 0.8:
                pieces.append(r.choice(["\\u00e9", "\\u20AC", "\\U0001F600", "\\u0000", "\\U0010FFFF"]))
            elif choice < 0.92:
                pieces.append(r.choice(["é", "ß", "Ü", "€", "文", "😀", "\u00a0"]))
            elif multiline:
                pieces.append(r.choice(["\n", '"', '""', "\\\n   ", "\t"]))
            else:
                pieces.append("\t")
        return "".join(pieces)

    def string_value(self) -> str:
        r = self.rng
        kind = r.randrange(4)
        if kind == 0:
            return '"' + self.basic_body(r.randint(0, 12), multiline=False) + '"'
        if kind == 1:
            return '"""' + r.choice(["", "\n"]) + self.basic_body(r.randint(0, 14), multiline=True) + '"""'
        literal = "".join(r.choice(string.ascii_letters + ' \\"#=é€\t') for _ in range(r.randint(0, 12)))
        if kind == 2:
            return "'" + literal + "'"
        body = literal + r.choice(["", "\n", "''", "\nline two\n"])
        return "'''" + r.choice(["", "\n"]) + body + "'''"

    def integer_value(self) -> str:
        r = self.rng
        choice = r.random()
        if choice < 0.1:
            return r.choice(["9223372036854775807", "-9223372036854775808", "+0", "-0", "0",
                             "9223372036854775808", "0x7fffffffffffffff", "0xFFFFFFFFFFFFFFFF"])
        number = r.randint(0, 10 ** r.randint(1, 12))
        base = r.randrange(4)
        if base == 0:
            text = str(number)
            if len(text) > 3 and r.random() < 0.3:
                text = text[0] + "_" + text[1:]
            return r.choice(["", "+", "-"]) + text
        if base == 1:
            return "0x" + format(number, r.choice(["x", "X"]))
        if base == 2:
            return "0o" + format(number, "o")
        return "0b" + format(number % 4096, "b")

    def float_value(self) -> str:
        r = self.rng
        choice = r.random()
        if choice < 0.15:
            return r.choice(["inf", "+inf", "-inf", "nan", "+nan", "-nan", "0.0", "-0.0", "1e308", "5e-324"])
        mantissa = f"{r.randint(0, 99999)}"
        if r.random() < 0.7:
            mantissa += "." + str(r.randint(0, 999999)).zfill(r.randint(1, 6))
        if r.random() < 0.4 or "." not in mantissa:
            mantissa += r.choice(["e", "E"]) + r.choice(["", "+", "-"]) + str(r.randint(0, 300))
        return r.choice(["", "+", "-"]) + mantissa

    def date_value(self) -> str:
        r = self.rng
        year, month = r.randint(1, 9999), r.randint(1, 12)
        day = r.randint(1, 28) if r.random() < 0.9 else r.choice([29, 30, 31])
        date = f"{year:04d}-{month:02d}-{day:02d}"
        hour, minute = r.randint(0, 23), r.randint(0, 59)
        second = r.randint(0, 59)
        time = f"{hour:02d}:{minute:02d}:{second:02d}"
        if r.random() < 0.3:
            time += "." + str(r.randint(0, 999999)).zfill(r.randint(1, 6))
        kind = r.randrange(4)
        if kind == 0:
            return date
        if kind == 1:
            return time
        separator = r.choice(["T", "t", " "])
        if kind == 2:
            return date + separator + time
        offset = r.choice(["Z", "z", "+00:00", "-05:30", "+14:00", "+01:00"])
        return date + separator + time + offset

    def scalar(self) -> str:
        r = self.rng
        return r.choice([self.string_value, self.integer_value, self.float_value, self.date_value,
                         lambda: r.choice(["true", "false"])])()

    def inline_value(self, depth: int) -> str:
        r = self.rng
        choice = r.random()
        if depth < 4 and choice < 0.12:
            items = [self.inline_value(depth + 1) for _ in range(r.randint(0, 4))]
            space = r.choice(["", " ", "\n  "])
            trailing = "," if items and r.random() < 0.3 else ""
            comment = " # note\n" if r.random() < 0.1 else ""
            return "[" + comment + space + ("," + space).join(items) + trailing + space + "]"
        if depth < 4 and choice < 0.2:
            keys = self.distinct_keys(r.randint(0, 3))
            pairs = [f"{key} = {self.inline_value(depth + 1)}" for key in keys]
            return "{" + r.choice(["", " "]) + ", ".join(pairs) + r.choice(["", " "]) + "}"
        return self.scalar()

    def distinct_keys(self, count: int) -> list[str]:
        keys, seen = [], set()
        while len(keys) < count:
            key = self.key()
            try:
                name = next(iter(tomllib.loads(f"{key} = 1")))
            except tomllib.TOMLDecodeError:
                continue
            if name not in seen:
                seen.add(name)
                keys.append(key)
        return keys

    def pairs(self, count: int) -> list[str]:
        r = self.rng
        lines = []
        for key in self.distinct_keys(count):
            if r.random() < 0.15:
                subkeys = self.distinct_keys(r.randint(1, 3))
                lines += [f"{key}.{sub} = {self.inline_value(0)}" for sub in subkeys]
            else:
                lines.append(f"{key}{r.choice(['=', ' = ', '  =  '])}{self.inline_value(0)}")
            if r.random() < 0.15:
                lines[-1] += r.choice([" # comment", "\t# ü", "#"])
        return lines

    def document(self) -> str:
        r = self.rng
        lines = self.pairs(r.randint(0, 5))
        for header in self.distinct_keys(r.randint(0, 5)):
            path = header
            if r.random() < 0.3:
                path += "." + self.distinct_keys(1)[0]
            if r.random() < 0.3:
                for _ in range(r.randint(1, 3)):
                    lines += ["", f"[[{path}]]", *self.pairs(r.randint(0, 3))]
            else:
                lines += ["", r.choice([f"[{path}]", f"[ {path} ]"]), *self.pairs(r.randint(0, 4))]
            if r.random() < 0.1:
                lines.append("# a comment line")
        newline = "\r\n" if r.random() < 0.1 else "\n"
        return newline.join(lines) + (newline if r.random() < 0.8 else "")


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        choice = rng.randrange(6)
        if choice == 0 and text:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + 1:]
        elif choice == 1:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice('=.,[]{}"\'#\n \t\\_+-:0Ze\x7f\x00\r') + text[at:]
        elif choice == 2 and text:
            at = rng.randrange(len(text))
            text = text[:at] + text[at] + text[at:]
        elif choice == 3 and lines:
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            text = "\n".join(lines)
        elif choice == 4 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif lines:
            line = lines.pop(rng.randrange(len(lines)))
            lines.insert(rng.randrange(len(lines) + 1), line)
            text = "\n".join(lines)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=4000)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    writer = Writer(rng)
    cases = []
    for number in range(arguments.count):
        text = writer.document()
        kind = "generated"
        if number % 2 == 1:
            text, kind = mutate(rng, text), "edited"
        case = {"kind": kind, "text": text, "tomllib": read(tomllib.loads, text), "rtoml": read(rtoml.loads, text)}
        if "ok" in case["tomllib"] and wide_integer(tomllib.loads(text)):
            case["expect"] = "error"
            case["reason"] = "an integer beyond 64 bits: TOML 1.0.0 makes it an error, tomllib reads it"
        cases.append(case)
    arguments.out.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    accepted = sum("ok" in case["tomllib"] for case in cases)
    print(f"toml oracle: {len(cases)} documents, {accepted} valid for tomllib")


if __name__ == "__main__":
    main()
