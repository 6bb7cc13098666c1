import Foundation
import Testing
@testable import PartnerdCore

/// Every input that once crashed a fuzzer (`Tests/Fuzz/Crashers`) is now refused like any broken config: each error
/// names the file, line and column, and says how to fix it.
@Suite("Config: former crashers get clear errors")
struct ConfigurationCrasherTests {
    static let crashers: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Crashers")
        var paths: [String] = []
        for target in ["configuration", "toml"] {
            let directory = folder.appendingPathComponent(target).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            paths += names.filter { !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
        }
        return paths
    }()

    @Test("each crasher is refused with a positioned error and a fix")
    func crashers() throws {
        #expect(Self.crashers.count >= 7)
        for path in Self.crashers {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            let result = load(text)
            #expect(result.configuration == nil, "\(path) was accepted")
            let errors = result.errors
            #expect(!errors.isEmpty, "\(path)")
            for error in errors {
                #expect(error.line != nil && error.column != nil, "\(path): \(error.rendered)")
                #expect(error.hint != nil, "\(path): \(error.rendered)")
                #expect(error.rendered.hasPrefix("etc/partnerd.toml:"), "\(error.rendered)")
            }
        }
    }
}
