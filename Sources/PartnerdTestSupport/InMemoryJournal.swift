import PartnerdService
import Synchronization

/// A ``JournalSink`` that keeps entries in memory, for tests of code that writes to the journal.
///
/// It can also be told to fail, to test how callers handle a journal that refuses entries.
package final class InMemoryJournal: JournalSink {
    private struct State {
        var entries: [JournalEntry] = []
        var failure: JournalWriteError?
    }

    private let state = Mutex(State())

    package init() {}

    /// Every entry sent so far, oldest first.
    package var entries: [JournalEntry] {
        state.withLock { $0.entries }
    }

    /// Makes every following ``send(_:)`` throw `error`, or succeed again when `nil`.
    package func failSending(with error: JournalWriteError?) {
        state.withLock { $0.failure = error }
    }

    /// Records `entry`, or throws the error set by ``failSending(with:)``.
    package func send(_ entry: JournalEntry) throws(JournalWriteError) {
        let refusal: JournalWriteError? = state.withLock {
            if let failure = $0.failure { return failure }
            $0.entries.append(entry)
            return nil
        }
        if let refusal { throw refusal }
    }
}
