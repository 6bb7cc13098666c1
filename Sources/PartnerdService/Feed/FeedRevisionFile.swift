/// The feed's revision table in the state directory (`feed-revisions.json`): `SEQUENCE` and `DTSTAMP` of
/// every VEVENT, kept across restarts (RFC 5545 §3.8.7.4).
package typealias FeedRevisionFile = StateFile<FeedRevisionTable>

extension FeedRevisionTable: VersionedDocument {
    package static var formatVersion: Int { currentVersion }
    package static var readableVersions: ClosedRange<Int> { currentVersion...currentVersion }

    /// The bytes `JSONEncoder` writes for the table (sorted keys, slashes unescaped), written directly: with ten
    /// thousand partnerships the encoder built a tree of 110,000 entries (about 90 MB) for a 24 MB file.
    package func encodedJSON() -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(revisions.count * 220 + 32)
        out += Array(#"{"revisions":{"#.utf8)
        var first = true
        for uid in revisions.keys.sorted() {
            guard let revision = revisions[uid] else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            Self.appendString(uid, to: &out)
            out += Array(#":{"content":""#.utf8)
            out += Array(revision.content.hex.utf8)
            out += Array(#"","schedule":""#.utf8)
            out += Array(revision.schedule.hex.utf8)
            out += Array(#"","sequence":"#.utf8)
            out += Array(String(revision.sequence).utf8)
            out += Array(#","stamp":"#.utf8)
            out += Array(String(revision.stamp.secondsSinceEpoch).utf8)
            out.append(UInt8(ascii: "}"))
        }
        out += Array(#"},"version":"#.utf8)
        out += Array(String(Self.currentVersion).utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string as `JSONEncoder` writes it: quotes, backslashes and control characters escaped, the rest as is.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension StateFile where Document == FeedRevisionTable {
    /// The file's name inside the state directory.
    package static var fileName: String { "feed-revisions.json" }

    package init(stateDirectory: String) {
        self.init(stateDirectory: stateDirectory, name: Self.fileName, sizeLimit: 64 << 20)
    }
}
