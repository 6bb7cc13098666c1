import Foundation
import PartnerdCore
import Subprocess
import SystemPackage

/// `type = "exec"`: runs the configured argv (no shell) with the reminder's `PARTNERD_*` fields in its
/// environment and the json object on standard input; exit status 0 means delivered. What it prints is kept
/// (truncated) for the journal.
package struct ExecSender: ChannelSender {
    package let transport: ExecTransport
    /// How much of the program's output is kept.
    static let outputLimit = 2_048

    package init(transport: ExecTransport) {
        self.transport = transport
    }

    package func send(_ message: ChannelMessage) async throws(DeliveryFailure) -> DeliveryReceipt {
        let program = transport.command[0]
        let timeout = transport.timeout
        let environment = Self.environment(message)
        let input = ChannelPayload.json(ChannelPayload.object(message)) + [0x0A]
        let arguments = Array(transport.command.dropFirst())
        let outcome: (status: TerminationStatus, output: String)?
        do {
            outcome = try await withThrowingTaskGroup(of: (TerminationStatus, String)?.self) { group in
                group.addTask {
                    var options = PlatformOptions()
                    options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
                    let result = try await run(
                        .path(FilePath(program)), arguments: Arguments(arguments),
                        environment: .inherit.updating(environment), platformOptions: options,
                        input: .array(input), output: .sequence, error: .combinedWithOutput
                    ) { execution in
                        var kept: [UInt8] = []
                        var dropped = 0
                        for try await buffer in execution.standardOutput {
                            let bytes = buffer.withUnsafeBytes { Array($0) }
                            let room = max(0, Self.outputLimit - kept.count)
                            kept += bytes.prefix(room)
                            dropped += max(0, bytes.count - room)
                        }
                        var text = String(decoding: kept, as: UTF8.self)
                        if dropped > 0 { text += "… (\(dropped) more bytes)" }
                        return text
                    }
                    return (result.terminationStatus, result.closureResult)
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(timeout))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
        } catch {
            throw DeliveryFailure(.permanent, reason: "cannot run \(program): \(error)")
        }
        guard let outcome else {
            throw DeliveryFailure(.transient, reason: "\(program) did not finish within \(timeout) s and was stopped")
        }
        let said = HTTPDeliveryOutcome.shortened(outcome.output)
        let tail = said.isEmpty ? "" : ": \(said)"
        switch outcome.status {
        case .exited(0):
            return DeliveryReceipt(answer: "\(program) exited with status 0\(tail)")
        case .exited(let code) where code == 126 || code == 127:
            throw DeliveryFailure(.permanent, reason: "\(program) could not be executed (status \(code))\(tail)")
        case .exited(let code):
            throw DeliveryFailure(.transient, reason: "\(program) exited with status \(code)\(tail)")
        case .signaled(let signal):
            throw DeliveryFailure(.transient, reason: "\(program) was killed by signal \(signal)\(tail)")
        }
    }

    /// The journal's `PARTNERD_*` fields, `PARTNERD_MESSAGE` and `PARTNERD_DELIVERY_ID`.
    static func environment(_ message: ChannelMessage) -> [Environment.Key: String?] {
        var values: [String: String] = [
            "PARTNERD_DELIVERY_ID": message.deliveryID, "PARTNERD_MESSAGE": message.text,
            "PARTNERD_CHANNEL": message.channel.rawValue, "PARTNERD_LANGUAGE": message.language.rawValue,
        ]
        switch message.kind {
        case .reminder:
            let item = message.items[0]
            values["PARTNERD_PARTNERSHIP"] = item.partnership
            values["PARTNERD_EVENT"] = item.event
            values["PARTNERD_KIND"] = item.kind
            values["PARTNERD_UID"] = item.uid
            values["PARTNERD_OCCURRENCE"] = item.occurrence
            values["PARTNERD_LEAD"] = item.lead
            values["PARTNERD_DUE"] = item.due
            if let number = item.anniversary { values["PARTNERD_ANNIVERSARY"] = String(number) }
            if item.late { values["PARTNERD_LATE"] = "1" }
            if let movedFrom = item.movedFrom, let movedReason = item.movedReason {
                values["PARTNERD_MOVED_FROM"] = movedFrom
                values["PARTNERD_MOVED_REASON"] = movedReason
            }
            if let task = item.task, let due = item.taskDue {
                values["PARTNERD_TASK"] = task
                values["PARTNERD_TASK_DUE"] = due
                if let link = item.taskLink { values["PARTNERD_TASK_LINK"] = link }
            }
        case .digest:
            values["PARTNERD_DIGEST"] = String(message.items.count)
        case .test:
            values["PARTNERD_TEST"] = "1"
        }
        // NUL cannot pass through the environment; a config value never holds one, but be certain.
        var result: [Environment.Key: String?] = [:]
        for (key, value) in values { result[Environment.Key(stringLiteral: key)] = value.replacingOccurrences(of: "\u{0}", with: "") }
        return result
    }
}
