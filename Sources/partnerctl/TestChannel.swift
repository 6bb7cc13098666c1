import ArgumentParser
import Dispatch
import PartnerdService
import Synchronization

/// `partnerctl test CHANNEL`: one test message through one channel, with what the receiver answered.
struct TestChannel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message through one channel and show what the receiver answered.",
        discussion: """
            Reads the config (not the running daemon's), sends one message through the channel CHANNEL \
            exactly as the daemon would (same server, credentials, timeouts), and prints the outcome.
            Exit status: 0 delivered, 1 failed (or an invalid config), 2 unknown channel.
            """)

    @Argument(help: ArgumentHelp("The id of a [[channel]].", valueName: "channel"))
    var channel: String

    @OptionGroup var config: ConfigOption

    func run() throws {
        let configuration = try config.load(printWarnings: false)
        let ids = configuration.channels.map(\.id.rawValue)
        guard let id = ChannelID(validating: channel), let settings = configuration.channel(id) else {
            let known = ids.isEmpty ? "the config has no [[channel]]" : "the channels are: \(ids.joined(separator: ", "))"
            FileHandleOutput.standardError.write(
                "partnerctl: no channel \"\(channel)\"\(Suggestion.phrase(for: channel, among: ids)); \(known)\n")
            throw ExitCode(2)
        }
        let clock = SystemClock()
        let message = ChannelMessage.test(channel: settings, nonce: String(clock.now.secondsSinceEpoch))
        printLine("Sending a test message through \(settings.id) (\(settings.type), \(settings.target)) …")
        let outcome = Self.waiting {
            let dispatcher = ChannelDispatcher(clock: clock)
            dispatcher.apply(configuration)
            let outcome = await dispatcher.deliver(message)
            await dispatcher.shutdown()
            return outcome
        }
        switch outcome {
        case .success(let receipt):
            printLine("delivered: \(receipt.answer)")
        case .failure(let failure):
            FileHandleOutput.standardError.write(
                "partnerctl: not delivered (\(failure.kind == .permanent ? "a retry would not help" : "the daemon would retry")): \(failure.reason)\n")
            throw ExitCode(1)
        }
    }

    /// Runs async work from this synchronous command and waits for its result.
    static func waiting<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await work()
            box.value.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return box.value.withLock { $0! }
    }
}

private final class ResultBox<Value: Sendable>: Sendable {
    let value = Mutex<Value?>(nil)
}
