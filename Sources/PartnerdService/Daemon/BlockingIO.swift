import Dispatch
import Synchronization

/// Runs blocking work (reading config files, fsync) on a Dispatch queue of its own, so that an `async` caller
/// waits without holding one of the cooperative pool's few threads.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "partnerd.blocking-io", attributes: .concurrent)
    private static let deadlines = DispatchQueue(label: "partnerd.blocking-io.deadlines")

    static func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body` like ``run(_:)``, but answers `nil` once `seconds` have passed without it finishing. The work
    /// goes on on its thread (nothing can stop it there), and its result is dropped.
    static func run<Value: Sendable>(within seconds: Double, _ body: @escaping @Sendable () -> Value) async -> Value? {
        let answered = Answered<Value>()
        return await withCheckedContinuation { continuation in
            answered.set(continuation)
            queue.async { answered.resume(body()) }
            // A serial queue of its own: its thread is not one of the concurrent queue's few, which the work holds.
            deadlines.asyncAfter(deadline: .now() + seconds) { answered.resume(nil) }
        }
    }

    /// The first of the two answers wins.
    private final class Answered<Value: Sendable>: Sendable {
        private let continuation = Mutex<CheckedContinuation<Value?, Never>?>(nil)

        func set(_ continuation: CheckedContinuation<Value?, Never>) {
            self.continuation.withLock { $0 = continuation }
        }

        func resume(_ value: Value?) {
            let waiting = continuation.withLock { stored in
                defer { stored = nil }
                return stored
            }
            waiting?.resume(returning: value)
        }
    }
}
