import Glibc

/// A journal sink that prints each entry as one line on standard error (`--log-target stderr`), with the
/// same facts as the journal entry.
package struct StderrJournal: JournalSink {
    private let output: StderrLogHandler.Output
    private let timestamps: Bool

    package init(timestamps: Bool = true, output: @escaping StderrLogHandler.Output = StderrLogHandler.standardError) {
        self.output = output
        self.timestamps = timestamps
    }

    package func send(_ entry: JournalEntry) throws(JournalWriteError) {
        output(
            StderrLogHandler.line(
                for: entry, timestamp: timestamps ? StderrLogHandler.localTimestamp() : nil, pid: getpid()))
    }
}
