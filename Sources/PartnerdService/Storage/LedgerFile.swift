/// The ledger's file in the state directory (`ledger.json`), read at start and rewritten when the scheduler asks.
package typealias LedgerFile = StateFile<DeliveryLedger>

extension DeliveryLedger: VersionedDocument {
    package static var formatVersion: Int { currentVersion }
}

extension StateFile where Document == DeliveryLedger {
    package init(stateDirectory: String) {
        self.init(stateDirectory: stateDirectory, name: "ledger.json")
    }

    /// What reading the ledger found.
    package enum LoadOutcome: Sendable {
        /// No ledger yet: a first start.
        case fresh
        case loaded(DeliveryLedger)
        /// The file was unreadable or of another version; it was renamed to `movedTo`.
        case corrupt(reason: String, movedTo: String?)
    }

    /// The ledger, or why it could not be used (it is then set aside: a new ledger starts, the old one is kept).
    package func load(now: Instant) -> LoadOutcome {
        do {
            return try load().map(LoadOutcome.loaded) ?? .fresh
        } catch {
            return .corrupt(reason: error.reason, movedTo: setAside(now: now))
        }
    }
}
