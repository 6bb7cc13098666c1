/// Why a document is not TOML 1.0.0, and where: the first problem the reader meets.
///
/// `message` says what was found and what was expected there, quoting the input; `hint` says how to fix it.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var hint: String
    public var position: TOMLPosition

    public init(_ message: String, hint: String, at position: TOMLPosition) {
        self.message = message
        self.hint = hint
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}
