/// Where journal entries go: journald in production (``JournalWriter``), memory in tests (``InMemoryJournal``).
package protocol JournalSink: Sendable {
    /// Sends one entry; throws when the entry could not be handed over.
    func send(_ entry: JournalEntry) throws(JournalWriteError)
}
