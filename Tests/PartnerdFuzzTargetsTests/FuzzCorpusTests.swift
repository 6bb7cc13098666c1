import Foundation
import Testing

import PartnerdFuzzTargets

/// Every input in the fuzzers' seed corpus and every crasher they ever found, replayed through the same entry points
/// without libFuzzer: a crasher that comes back fails here, in every `make test`.
@Suite("Fuzz corpus and crashers, replayed")
struct FuzzCorpusTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The folder name of each target in `Corpus/` and `Crashers/`, and its entry point.
    static let targets: [(String, @Sendable ([UInt8]) -> Void)] = [
        ("configuration", FuzzTargets.configuration), ("toml", FuzzTargets.toml), ("recurrence", FuzzTargets.recurrence),
        ("request-head", FuzzTargets.requestHead), ("control-frame", FuzzTargets.controlFrame),
        ("icalendar", FuzzTargets.icalendar),
    ]

    static func inputs(_ kind: String, _ target: String) -> [URL] {
        let folder = fuzz.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("each target's seed corpus runs through without a trap", arguments: ["configuration", "toml", "recurrence", "request-head", "control-frame", "icalendar"])
    func corpus(target: String) throws {
        let run = try #require(Self.targets.first { $0.0 == target }?.1)
        let files = Self.inputs("Corpus", target)
        #expect(files.count >= 4, "the seed corpus of \(target) is missing")
        for file in files + Self.inputs("Crashers", target) {
            run(Array(try Data(contentsOf: file)))
        }
    }
}
