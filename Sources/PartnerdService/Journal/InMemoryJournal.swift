import Foundation

/// A ``JournalSink`` that keeps entries in memory, for tests of code that writes to the journal.
///
/// It can also be told to fail, to test how callers handle a journal that refuses entries.
public final class InMemoryJournal: JournalSink, @unchecked Sendable {
    // @unchecked: every stored property is guarded by `lock`.
    private let lock = NSLock()
    private var storedEntries: [JournalEntry] = []
    private var failure: JournalWriteError?

    public init() {}

    /// Every entry sent so far, oldest first.
    public var entries: [JournalEntry] {
        lock.withLock { storedEntries }
    }

    /// Makes every following ``send(_:)`` throw `error`, or succeed again when `nil`.
    public func failSending(with error: JournalWriteError?) {
        lock.withLock { failure = error }
    }

    /// Records `entry`, or throws the error set by ``failSending(with:)``.
    public func send(_ entry: JournalEntry) throws(JournalWriteError) {
        let refusal: JournalWriteError? = lock.withLock {
            if let failure { return failure }
            storedEntries.append(entry)
            return nil
        }
        if let refusal { throw refusal }
    }
}
