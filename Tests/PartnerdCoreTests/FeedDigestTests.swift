import Foundation
import Testing

@testable import PartnerdCore

@Suite("Revision digests")
struct FeedDigestTests {
    @Test("SHA-256 of known messages, written as the revision file has always written them")
    func knownDigests() {
        #expect(
            FeedDigest(hashing: Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            FeedDigest(hashing: []).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FeedDigest(hashing: Array("abc".utf8)).hex == SHA256.hexDigest(Array("abc".utf8)))
    }

    @Test("hexadecimal in and out; anything but 64 hex digits is refused")
    func hexadecimal() {
        let digest = FeedDigest(hashing: Array("Berlin–Brüssel".utf8))
        #expect(FeedDigest(hex: digest.hex) == digest)
        #expect(FeedDigest(hex: digest.hex.uppercased()) == digest)
        #expect(FeedDigest(hex: String(digest.hex.dropLast())) == nil)
        #expect(FeedDigest(hex: digest.hex + "0") == nil)
        #expect(FeedDigest(hex: String(digest.hex.dropLast()) + "g") == nil)
        #expect(FeedDigest(hex: "") == nil)
        #expect(digest != FeedDigest(hashing: Array("Berlin–Paris".utf8)))
    }

    @Test("a revision file reads back to the same table, and one with a bad digest is refused")
    func storedForm() throws {
        var table = FeedRevisionTable()
        let now = Instant(secondsSinceEpoch: 1_715_342_400)
        _ = table.record(
            uid: "a@partnerd", schedule: FeedDigest(hashing: [1]), content: FeedDigest(hashing: [2]), at: now)
        let data = try JSONEncoder().encode(table)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(FeedDigest(hashing: [1]).hex))
        #expect(try JSONDecoder().decode(FeedRevisionTable.self, from: data) == table)
        let broken = text.replacingOccurrences(of: FeedDigest(hashing: [2]).hex, with: "not-a-digest")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeedRevisionTable.self, from: Data(broken.utf8))
        }
    }
}
