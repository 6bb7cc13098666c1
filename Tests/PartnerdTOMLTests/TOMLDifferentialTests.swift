import Foundation
import PartnerdTOML
import Testing

/// partnerd's reader against Python's tomllib and rtoml on thousands of generated and edited documents.
///
/// `Tests/Oracles/toml_oracle.py` writes the cases (`make test` runs it with a fixed seed); name the file with
/// `PARTNERD_TOML_ORACLE`, or the test is skipped. tomllib decides: where it reads a document, partnerd must read
/// the same tree (toml-test's comparison rules); where it refuses one, partnerd must refuse it too, with a position.
/// rtoml's disagreements with tomllib are printed, not judged.
@Suite("TOML against tomllib and rtoml")
struct TOMLDifferentialTests {
    struct Case {
        let number: Int
        let kind: String
        let text: String
        let expected: TaggedJSON?
        /// tomllib's own answer, before the correction for integers beyond 64 bits.
        let tomllib: TaggedJSON?
        let rtoml: TaggedJSON?
        let reason: String?
    }

    static func cases() throws -> [Case]? {
        guard let path = ProcessInfo.processInfo.environment["PARTNERD_TOML_ORACLE"] else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            Issue.record("\(path) is not a list of cases")
            return []
        }
        return list.enumerated().map { number, object in
            func verdict(_ name: String) -> TaggedJSON? {
                guard let answer = object[name] as? [String: Any], let tree = answer["ok"] else { return nil }
                return TaggedJSON(json: tree)
            }
            let reason = object["reason"] as? String
            return Case(
                number: number, kind: object["kind"] as? String ?? "?", text: object["text"] as? String ?? "",
                expected: object["expect"] as? String == "error" ? nil : verdict("tomllib"), tomllib: verdict("tomllib"),
                rtoml: verdict("rtoml"),
                reason: reason)
        }
    }

    @Test("every document reads as tomllib reads it")
    func agreement() throws {
        guard let cases = try Self.cases() else { return }
        #expect(cases.count >= 1000, "the oracle file holds only \(cases.count) cases")
        var read = 0
        var refused = 0
        var corrected = 0
        var failures: [String] = []
        var rtomlDisagreements: [Int] = []
        for item in cases {
            let ours: Result<TOMLTable, TOMLError> = Result { () throws(TOMLError) in
                try TOMLReader.parse(Array(item.text.utf8))
            }
            if item.reason != nil { corrected += 1 }
            switch (ours, item.expected) {
            case (.success(let table), .some(let expected)):
                // tomllib keeps microseconds; the comparison cuts partnerd's nanoseconds to match.
                let tree = TaggedJSON(table).truncatedToMicroseconds()
                if tree == expected {
                    read += 1
                } else {
                    failures.append("case \(item.number) (\(item.kind)): partnerd read \(tree), tomllib \(expected)")
                }
            case (.success(let table), .none):
                failures.append(
                    "case \(item.number) (\(item.kind)): partnerd read \(TaggedJSON(table)), tomllib "
                        + "\(item.reason ?? "refused it")")
            case (.failure(let error), .some):
                failures.append("case \(item.number) (\(item.kind)): partnerd refused it (\(error)), tomllib read it")
            case (.failure(let error), .none):
                if error.position.line >= 1 && error.position.column >= 1 {
                    refused += 1
                } else {
                    failures.append("case \(item.number): refused without a position: \(error)")
                }
            }
            if (item.rtoml == nil) != (item.tomllib == nil)
                || (item.rtoml != nil && item.tomllib != nil && item.rtoml != item.tomllib)
            {
                rtomlDisagreements.append(item.number)
            }
        }
        for failure in failures.prefix(10) {
            Issue.record("\(failure)\n--- the document:\n\(cases[Int(failure.split(separator: " ")[1])!].text)")
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) documents read differently")
        print(
            "TOML differential: \(cases.count) documents; \(read) read to the same tree, \(refused) refused by both "
                + "(\(corrected) of them corrected for tomllib's 64-bit departure); rtoml departs from tomllib on "
                + "\(rtomlDisagreements.count): \(rtomlDisagreements.prefix(10).map(String.init).joined(separator: ", "))")
    }
}
