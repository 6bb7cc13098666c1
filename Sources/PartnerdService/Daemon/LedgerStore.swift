import PartnerdCore

/// Where the engine persists the ledger: ``LedgerFile`` in production, memory in tests.
package protocol LedgerStore: Sendable {
    /// Stores `ledger` crash-safely, replacing what was stored.
    func save(_ ledger: DeliveryLedger) throws
}

extension LedgerFile: LedgerStore {}
