import Foundation

/// A document that the daemon keeps in its state directory, as JSON with a top-level `version`.
///
/// The version lets a newer partnerd migrate an older file, and an older partnerd refuse a newer file instead of
/// misreading it.
package protocol VersionedDocument: Codable, Sendable {
    /// The version this build writes.
    static var formatVersion: Int { get }
    /// The versions this build reads; older ones are migrated while decoding.
    static var readableVersions: ClosedRange<Int> { get }
    /// The document as the JSON the encoder would write (keys sorted, slashes unescaped), when the document writes
    /// it faster itself; `nil` to use `JSONEncoder`.
    func encodedJSON() -> [UInt8]?
}

extension VersionedDocument {
    package func encodedJSON() -> [UInt8]? { nil }
}

/// One JSON file in the state directory (`ledger.json`, `feed-revisions.json`): read whole with a size limit,
/// checked for its version, written crash-safely through ``AtomicFile``, set aside when it cannot be used.
package struct StateFile<Document: VersionedDocument>: Sendable {
    package let path: String
    /// The largest file that is read; a larger one is refused as corrupt rather than read into memory.
    package let sizeLimit: Int

    package init(stateDirectory: String, name: String, sizeLimit: Int = 256 << 20) {
        path = stateDirectory.hasSuffix("/") ? stateDirectory + name : "\(stateDirectory)/\(name)"
        self.sizeLimit = sizeLimit
    }

    /// Why a stored document could not be used.
    package struct LoadError: Error, Sendable, CustomStringConvertible {
        package let path: String
        /// Why, in words: "it cannot be read: …", "it has version 9; this partnerd reads 1 to 2", …
        package let reason: String
        package var description: String { "\(path): \(reason)" }
    }

    /// The stored document; `nil` when there is none yet.
    package func load() throws(LoadError) -> Document? {
        let bytes: [UInt8]?
        do {
            bytes = try Posix.readFile(path, limit: sizeLimit)
        } catch {
            throw LoadError(path: path, reason: "it cannot be read: \(error.reason)")
        }
        guard let bytes else { return nil }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        guard let probe = try? decoder.decode(VersionProbe.self, from: data) else {
            throw LoadError(path: path, reason: "it is not a JSON object with a version")
        }
        let readable = Document.readableVersions
        guard readable.contains(probe.version) else {
            throw LoadError(
                path: path,
                reason: "it has version \(probe.version); this partnerd reads "
                    + (readable.count == 1 ? "\(readable.lowerBound)" : "\(readable.lowerBound) to \(readable.upperBound)"))
        }
        do {
            return try decoder.decode(Document.self, from: data)
        } catch {
            throw LoadError(path: path, reason: "it is not valid (\(error))")
        }
    }

    /// Stores `document` crash-safely, creating the state directory when it is missing (it may have been removed
    /// while the daemon ran). Keys are sorted, so an unchanged document gives unchanged bytes.
    package func save(_ document: Document) throws(AtomicFile.WriteError) {
        var bytes: [UInt8]
        if let written = document.encodedJSON() {
            bytes = written
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            do {
                bytes = Array(try encoder.encode(document))
            } catch {
                throw AtomicFile.WriteError(path: path, reason: "cannot encode it: \(error)")
            }
        }
        bytes.append(0x0A)
        try AtomicFile.makeDirectory(path.directoryPart)
        try AtomicFile.write(bytes, to: path)
    }

    /// Renames a file that cannot be used to `<path>.corrupt-<seconds>`, so that it is kept for inspection and a
    /// new one can start; returns the new name, or `nil` when the rename failed.
    package func setAside(now: Instant) -> String? {
        let target = "\(path).corrupt-\(now.secondsSinceEpoch)"
        return rename(path, target) == 0 ? target : nil
    }

    private struct VersionProbe: Decodable {
        var version: Int
    }
}
