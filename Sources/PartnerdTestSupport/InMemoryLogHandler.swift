import Logging
import Synchronization

/// A swift-log handler that keeps every record, so that tests can check what was logged and with which fields.
package struct InMemoryLogHandler: LogHandler {
    /// One logged record.
    package struct Record: Sendable {
        package var level: Logger.Level
        package var message: String
        package var metadata: Logger.Metadata
    }

    /// The records of every handler made from one ``Store``.
    package final class Store: Sendable {
        private let records = Mutex<[Record]>([])

        package init() {}

        package var all: [Record] { records.withLock { $0 } }

        func append(_ record: Record) { records.withLock { $0.append(record) } }

        /// A logger that records here.
        package func logger(label: String = "test") -> Logger {
            Logger(label: label) { _ in InMemoryLogHandler(store: self) }
        }
    }

    private let store: Store
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .trace

    package init(store: Store) {
        self.store = store
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        store.append(
            Record(level: event.level, message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}
