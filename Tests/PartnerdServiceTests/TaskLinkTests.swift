import Foundation
import PartnerdCore
import Testing

@testable import PartnerdService

@Suite("Task links: signed, scoped to one item, expiring")
struct TaskLinkTests {
    private let key = TaskLinkKey(bytes: Array(repeating: 7, count: 32))
    private let item = TaskItemID(rawValue: "berlin-bruessel/hall/2032-06-01")
    private let now = Instant(secondsSinceEpoch: 1_900_000_000)

    @Test("a token names its item until it expires, and only for its key")
    func roundTrip() {
        let token = key.token(for: item, expires: now.adding(seconds: 60))
        #expect(key.verify(token, now: now) == item)
        #expect(key.verify(token, now: now.adding(seconds: 60)) == nil)
        #expect(TaskLinkKey(bytes: Array(repeating: 8, count: 32)).verify(token, now: now) == nil)
        #expect(!token.contains("/") && !token.contains("+") && !token.contains("="))
    }

    @Test("a changed byte anywhere, a missing part, or junk is refused")
    func tampered() {
        let token = key.token(for: item, expires: now.adding(seconds: 60))
        var characters = Array(token)
        for index in characters.indices where characters[index] != "." {
            let original = characters[index]
            characters[index] = original == "A" ? "B" : "A"
            #expect(key.verify(String(characters), now: now) == nil, "byte \(index)")
            characters[index] = original
        }
        for junk in ["", ".", "abc", "a.b.c", String(repeating: "A", count: 600), "%00.%00", token + "."] {
            #expect(key.verify(junk, now: now) == nil)
        }
        // Another item's payload under this item's MAC.
        let other = key.token(for: TaskItemID(rawValue: "berlin-paris/hall/2032-06-01"), expires: now.adding(seconds: 60))
        let spliced = other.split(separator: ".")[0] + "." + token.split(separator: ".")[1]
        #expect(key.verify(String(spliced), now: now) == nil)
    }

    @Test("the key is made once in the state directory, mode 0600, and read again")
    func keyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partnerd-links-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try TaskLinkKey.load(stateDirectory: directory, credentialsDirectory: nil)
        let second = try TaskLinkKey.load(stateDirectory: directory, credentialsDirectory: nil)
        let token = first.token(for: item, expires: now.adding(seconds: 60))
        #expect(second.verify(token, now: now) == item)
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(directory)/task-links.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
