"""Row 12's Python peers: tomllib (the standard library) or rtoml (toml-rs under Python) reading the same TOML files
as toml-bench. The files are decoded once; each round parses all of them, and the values are counted as toml-bench
counts them (every scalar, in tables and arrays alike).

Usage: toml_parse.py --module tomllib|rtoml FILE... [--rounds N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import pathlib
import time


def leaves(value) -> int:
    if isinstance(value, dict):
        return sum(leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(leaves(item) for item in value)
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", choices=["tomllib", "rtoml"], required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    arguments = parser.parse_args()
    module = importlib.import_module(arguments.module)
    texts = [path.read_bytes().decode("utf-8") for path in arguments.files]
    seconds, values = [], 0
    for _ in range(arguments.rounds):
        began = time.perf_counter()
        values = sum(leaves(module.loads(text)) for text in texts)
        seconds.append(time.perf_counter() - began)
    print(json.dumps({"seconds": seconds, "values": values,
                      "bytes": sum(len(text.encode("utf-8")) for text in texts)}))


if __name__ == "__main__":
    main()
