/// The `host:port` the feed server listens on (`feed.listen`, `--listen`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:8080`, `[::1]:8080` or `localhost:8080`; the reason names what is wrong.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenAddressError(reason: "an IPv6 address needs the form [::1]:8080"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(ListenAddressError(reason: "the port is missing; write host:port, e.g. 127.0.0.1:8080"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                return .failure(ListenAddressError(reason: "put an IPv6 address in brackets, e.g. [::1]:8080"))
            }
        }
        guard !host.isEmpty else {
            return .failure(ListenAddressError(reason: "the host is missing; write e.g. 127.0.0.1:8080"))
        }
        guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:_".contains($0)) }) else {
            return .failure(ListenAddressError(reason: "\"\(host)\" is not a host name or IP address"))
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            return .failure(ListenAddressError(reason: "the port \"\(portText)\" is not a number from 1 to 65535"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }

    /// `host:port`, with brackets around IPv6 hosts.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a listen address was rejected.
public struct ListenAddressError: Error, Sendable, Equatable {
    public let reason: String
}
