// Row 12 of the benchmarks: read TOML files with PartnerdTOML, the config reader of partnerd.
//
// The files are read into memory once; each round then parses every one of them and is timed on its own. The
// rounds and the number of values found (every string, number, boolean and date in the tree, counted in tables and
// arrays alike) are printed as one JSON object on stdout, so that the caller can check that the peers read the
// same documents.
//
// Usage: toml-bench FILE... [--rounds N]

import Foundation
import PartnerdTOML

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("toml-bench: \(message)\n".utf8))
    exit(2)
}

func leaves(of value: TOMLValue) -> Int {
    switch value {
    case .table(let table): table.reduce(0) { $0 + leaves(of: $1.value) }
    case .array(let array): array.reduce(0) { $0 + leaves(of: $1) }
    default: 1
    }
}

var paths: [String] = []
var rounds = 5
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--rounds" {
        guard let text = arguments.popFirst(), let count = Int(text), count > 0 else { fail("--rounds needs a count") }
        rounds = count
    } else if argument.hasPrefix("-") {
        fail("unexpected option \(argument)")
    } else {
        paths.append(argument)
    }
}
if paths.isEmpty { fail("usage: toml-bench FILE... [--rounds N]") }

let documents: [[UInt8]] = paths.map { path in
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

var seconds: [Double] = []
var values = 0
for _ in 0..<rounds {
    let began = ContinuousClock.now
    var found = 0
    for (index, bytes) in documents.enumerated() {
        do {
            found += leaves(of: .table(try TOMLReader.parse(bytes)))
        } catch {
            fail("\(paths[index]): \(error)")
        }
    }
    let elapsed = ContinuousClock.now - began
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    values = found
}
let bytes = documents.reduce(0) { $0 + $1.count }
let list = seconds.map { String($0) }.joined(separator: ", ")
print("{\"seconds\": [\(list)], \"values\": \(values), \"bytes\": \(bytes)}")
