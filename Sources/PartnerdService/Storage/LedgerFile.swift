import Foundation

/// The ledger's file in the state directory (`ledger.json`), read at start and rewritten after each change.
public struct LedgerFile: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = "\(stateDirectory)/ledger.json"
    }

    /// What reading the ledger found.
    public enum LoadOutcome: Sendable {
        /// No ledger yet: a first start.
        case fresh
        case loaded(DeliveryLedger)
        /// The file was unreadable or of another version; it was renamed to `movedTo`.
        case corrupt(reason: String, movedTo: String?)
    }

    public func load(now: Instant) -> LoadOutcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FileManager.default.fileExists(atPath: path)
                ? setAside(reason: "it cannot be read", now: now) : .fresh
        }
        do {
            let ledger = try JSONDecoder().decode(DeliveryLedger.self, from: data)
            guard ledger.version == DeliveryLedger.currentVersion else {
                return setAside(reason: "it has version \(ledger.version), not \(DeliveryLedger.currentVersion)", now: now)
            }
            return .loaded(ledger)
        } catch {
            return setAside(reason: "it is not a valid ledger (\(error))", now: now)
        }
    }

    private func setAside(reason: String, now: Instant) -> LoadOutcome {
        let target = "\(path).corrupt-\(now.secondsSinceEpoch)"
        let moved = (try? FileManager.default.moveItem(atPath: path, toPath: target)) != nil
        return .corrupt(reason: reason, movedTo: moved ? target : nil)
    }

    public func save(_ ledger: DeliveryLedger) throws(AtomicFile.WriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(ledger)
        } catch {
            throw AtomicFile.WriteError(path: path, reason: "cannot encode the ledger: \(error)")
        }
        try AtomicFile.write(Array(data), to: path)
    }
}
