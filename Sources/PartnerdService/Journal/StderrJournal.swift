import Glibc

/// A journal sink that prints each entry as one line on standard error (`--log-target stderr`), with the
/// same facts as the journal entry.
public struct StderrJournal: JournalSink {
    private let output: StderrLogHandler.Output
    private let timestamps: Bool

    public init(timestamps: Bool = true, output: @escaping StderrLogHandler.Output = StderrLogHandler.standardError) {
        self.output = output
        self.timestamps = timestamps
    }

    public func send(_ entry: JournalEntry) throws(JournalWriteError) {
        output(
            StderrLogHandler.line(
                for: entry, timestamp: timestamps ? StderrLogHandler.localTimestamp() : nil, pid: getpid()))
    }
}
