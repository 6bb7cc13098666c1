import Dispatch

/// Runs blocking work (reading config files, fsync) on a Dispatch queue of its own, so that an `async` caller
/// waits without holding one of the cooperative pool's few threads.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "partnerd.blocking-io", attributes: .concurrent)

    static func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
