import Foundation
import Logging

@testable import PartnerdService

/// Collects the lines a ``StderrLogHandler`` writes.
final class InMemoryLines: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    var output: StderrLogHandler.Output {
        { [self] line in lock.withLock { stored.append(line) } }
    }
}

extension JournalEntry {
    /// The entry as (name, value) pairs, for comparisons in `#expect`.
    var pairs: [String] { fields.map { "\($0.name.rawValue)=\($0.value)" } }
}
