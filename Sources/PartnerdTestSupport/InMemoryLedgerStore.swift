import PartnerdService
import Synchronization

/// A ``LedgerStore`` that keeps every saved ledger in memory and can be told to fail, to test what survives a
/// crash: a new engine starts from ``stored``, the last ledger that was saved.
package final class InMemoryLedgerStore: LedgerStore {
    /// The error a failing store throws.
    package struct Refusal: Error, CustomStringConvertible {
        package var description: String { "the ledger store refused the write (disk full)" }
    }

    private struct State {
        var saves: [DeliveryLedger] = []
        var failing = false
    }

    private let state = Mutex(State())

    package init(_ initial: DeliveryLedger? = nil) {
        if let initial { state.withLock { $0.saves = [initial] } }
    }

    /// The last ledger saved, as a restarted daemon would read it.
    package var stored: DeliveryLedger? { state.withLock { $0.saves.last } }

    /// How many saves went through.
    package var saveCount: Int { state.withLock { $0.saves.count } }

    /// Makes every following save throw, or succeed again.
    package func failSaving(_ failing: Bool) {
        state.withLock { $0.failing = failing }
    }

    package func save(_ ledger: DeliveryLedger) throws {
        let failing = state.withLock {
            if !$0.failing { $0.saves.append(ledger) }
            return $0.failing
        }
        if failing { throw Refusal() }
    }
}
