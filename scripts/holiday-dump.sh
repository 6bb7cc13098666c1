#!/bin/sh
# Builds Tests/Oracles/HolidayDump (the holiday engine, its data and the TOML reader, nothing else) into DIR
# (default .build-holidays) and checks it against python holidays:
#   scripts/holiday-dump.sh [--dir DIR] [COUNTRY ...]
# `make test` checks partnerctl itself; this is the quick loop for work on a country's data.
set -eu
cd "$(dirname "$0")/.."
dir=.build-holidays
if [ "${1:-}" = --dir ]; then dir=$2; shift 2; fi
mkdir -p "$dir"
swiftc -Onone -parse-as-library -module-name PartnerdTOML -emit-module -emit-module-path "$dir/PartnerdTOML.swiftmodule" \
    -emit-library -static -o "$dir/libPartnerdTOML.a" Sources/PartnerdTOML/*.swift
swiftc -Onone -module-name PartnerdHolidays -I "$dir" -L "$dir" -lPartnerdTOML -o "$dir/holiday-dump" \
    Sources/PartnerdCore/Holidays/*.swift Sources/PartnerdCore/Holidays/Data/*.swift \
    Sources/PartnerdCore/Time/LocalDate.swift Sources/PartnerdCore/Time/Weekday.swift \
    Sources/PartnerdCore/Time/Digits.swift Sources/PartnerdCore/Time/LocalTime.swift \
    Sources/PartnerdCore/Time/LocalDateTime.swift Tests/Oracles/HolidayDump/main.swift
countries=""
for country in "$@"; do countries="$countries --country $country"; done
# shellcheck disable=SC2086  # one word per option
exec .venv/bin/python Tests/Oracles/holiday_oracle.py --tool "$dir/holiday-dump" $countries
