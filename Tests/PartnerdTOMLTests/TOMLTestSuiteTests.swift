import Foundation
import PartnerdTOML
import Testing

/// The toml-test suite (Debian's `golang-github-burntsushi-toml-dev`, which `make test` installs): every valid case
/// must decode to its JSON expectation, every invalid one must be refused with a position.
@Suite("toml-test")
struct TOMLTestSuiteTests {
    static let directory: String? = {
        let candidates = [
            ProcessInfo.processInfo.environment["PARTNERD_TOML_TEST_DIR"],
            "/usr/share/gocode/src/github.com/BurntSushi/toml/internal/toml-test/tests",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/valid") }
    }()

    /// Cases of a later TOML than 1.0.0 (toml-test's own list for 1.0.0).
    static let excluded: Set<String> = ["valid/string/escape-esc"]

    static func cases(_ kind: String) -> [String] {
        guard let directory, let walker = FileManager.default.enumerator(atPath: directory + "/" + kind) else { return [] }
        var names: [String] = []
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".toml") else { continue }
            let name = kind + "/" + String(path.dropLast(5))
            if !excluded.contains(name) { names.append(name) }
        }
        return names.sorted()
    }

    static func requireSuite() {
        if directory == nil && ProcessInfo.processInfo.environment["PARTNERD_REQUIRE_TOML_TEST"] != nil {
            Issue.record("the toml-test suite is not installed (apt-get install golang-github-burntsushi-toml-dev)")
        }
    }

    @Test("every valid case decodes to its expectation")
    func valid() throws {
        Self.requireSuite()
        guard let directory = Self.directory else { return }
        let names = Self.cases("valid")
        #expect(names.count >= 90)
        var failures: [String] = []
        for name in names {
            let source = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).toml")))
            let expectation = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).json")), options: [.fragmentsAllowed])
            let expected = try #require(TaggedJSON(json: expectation), "\(name).json")
            do {
                let got = TaggedJSON(try TOMLReader.parse(source))
                if got != expected { failures.append("\(name): got \(got)\n  expected \(expected)") }
            } catch {
                failures.append("\(name): refused: \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(names.count) valid cases:\n\(failures.joined(separator: "\n"))")
    }

    @Test("every invalid case is refused with a position inside the document")
    func invalid() throws {
        Self.requireSuite()
        guard let directory = Self.directory else { return }
        let names = Self.cases("invalid")
        #expect(names.count >= 200)
        var accepted: [String] = []
        for name in names {
            let source = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).toml")))
            do {
                let got = TaggedJSON(try TOMLReader.parse(source))
                accepted.append("\(name): accepted as \(got)")
            } catch {
                #expect(error.position.offset <= source.count, "\(name): \(error)")
                #expect(error.position.line >= 1 && error.position.column >= 1, "\(name): \(error)")
                #expect(!error.hint.isEmpty, "\(name)")
            }
        }
        #expect(accepted.isEmpty, "\(accepted.count) of \(names.count) invalid cases:\n\(accepted.joined(separator: "\n"))")
    }
}
