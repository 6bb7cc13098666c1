// Row 1 of the benchmarks: parse and expand a file of recurrence rules with PartnerdCore's RecurrenceSet.
//
// Input: one rule a line, `<DTSTART>\t<RRULE>`, DTSTART either `YYYY-MM-DD` (all-day) or
// `YYYY-MM-DDTHH:MM:SS` (floating wall time, expanded in UTC so that it matches python-dateutil's naive
// datetimes). Each round parses every rule and takes its first `--occurrences` occurrences; the rounds
// are timed one by one and printed as one JSON object on stdout. `--dump FILE` writes the occurrences
// once, before timing, so the caller can compare them with the peer's.
//
// Usage: recurrence-bench RULES [--occurrences N] [--rounds N] [--dump FILE]

import Foundation
import PartnerdCore

struct Options {
    var rulesPath = ""
    var occurrences = 100
    var rounds = 5
    var dumpPath: String?
}

struct Input {
    let start: RecurrenceStart
    let rule: String
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("recurrence-bench: \(message)\n".utf8))
    exit(2)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var index = 0
    func value(after flag: String) -> String {
        index += 1
        guard index < arguments.count else { fail("\(flag) needs a value") }
        return arguments[index]
    }
    while index < arguments.count {
        let argument = arguments[index]
        switch argument {
        case "--occurrences":
            guard let count = Int(value(after: argument)), count > 0 else { fail("--occurrences must be positive") }
            options.occurrences = count
        case "--rounds":
            guard let count = Int(value(after: argument)), count > 0 else { fail("--rounds must be positive") }
            options.rounds = count
        case "--dump":
            options.dumpPath = value(after: argument)
        default:
            guard options.rulesPath.isEmpty, !argument.hasPrefix("-") else { fail("unexpected argument \(argument)") }
            options.rulesPath = argument
        }
        index += 1
    }
    if options.rulesPath.isEmpty { fail("usage: recurrence-bench RULES [--occurrences N] [--rounds N] [--dump FILE]") }
    return options
}

func parseStart(_ text: Substring) -> RecurrenceStart? {
    let parts = text.split(separator: "T")
    guard let date = LocalDate(iso: parts[0]) else { return nil }
    if parts.count == 1 { return .date(date) }
    guard parts.count == 2, let time = LocalTime(text: parts[1]) else { return nil }
    return .dateTime(LocalDateTime(date: date, time: time))
}

func readInputs(_ path: String) -> [Input] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var inputs: [Input] = []
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
        let fields = line.split(separator: "\t")
        guard fields.count == 2, let start = parseStart(fields[0]) else {
            fail("\(path):\(number + 1): expected <DTSTART>\\t<RRULE>")
        }
        inputs.append(Input(start: start, rule: String(fields[1])))
    }
    return inputs
}

/// Parses and expands every rule; returns how many occurrences came out and, when asked, their text.
func expandAll(_ inputs: [Input], occurrences limit: Int, collect: Bool) -> (count: Int, lines: [String]) {
    var count = 0
    var lines: [String] = []
    for (index, input) in inputs.enumerated() {
        let rule: RecurrenceRule
        do {
            rule = try RecurrenceRule(parsing: input.rule)
        } catch {
            fail("rule \(index + 1) \"\(input.rule)\": \(error.reason)")
        }
        let set = RecurrenceSet(start: input.start, zone: .utc, rule: rule)
        var taken = 0
        for occurrence in set.occurrences {
            if collect { lines.append("\(index) \(occurrence)") }
            taken += 1
            if taken == limit { break }
        }
        count += taken
    }
    return (count, lines)
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let inputs = readInputs(options.rulesPath)

if let dumpPath = options.dumpPath {
    let lines = expandAll(inputs, occurrences: options.occurrences, collect: true).lines
    let text = lines.joined(separator: "\n") + "\n"
    guard FileManager.default.createFile(atPath: dumpPath, contents: Data(text.utf8)) else {
        fail("cannot write \(dumpPath)")
    }
}

let clock = ContinuousClock()
var seconds: [Double] = []
var produced = 0
for _ in 0..<options.rounds {
    let elapsed = clock.measure {
        produced = expandAll(inputs, occurrences: options.occurrences, collect: false).count
    }
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}

let roundsText = seconds.map { String(format: "%.6f", $0) }.joined(separator: ", ")
print("{\"rules\": \(inputs.count), \"occurrences\": \(produced), \"seconds\": [\(roundsText)]}")
