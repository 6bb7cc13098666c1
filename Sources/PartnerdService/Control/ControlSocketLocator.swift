import Glibc

/// Where the control socket is (SPEC.md, "Status over the control socket"); `partnerd` and `partnerctl` both ask it.
///
/// Without `--socket`: `$RUNTIME_DIRECTORY/partnerd.sock` (systemd's `RuntimeDirectory=`), else
/// `/run/partnerd/partnerd.sock` for root, else `$XDG_RUNTIME_DIR/partnerd/partnerd.sock`.
package struct ControlSocketLocator: Sendable {
    /// The system daemon's socket.
    package static let systemPath = "/run/partnerd/partnerd.sock"

    package var environment: [String: String]
    package var isRoot: Bool

    package init(environment: [String: String], isRoot: Bool) {
        self.environment = environment
        self.isRoot = isRoot
    }

    /// The locator for this process: its environment and effective user.
    package static var current: ControlSocketLocator {
        ControlSocketLocator(environment: processEnvironment(), isRoot: geteuid() == 0)
    }

    /// No default path can be chosen.
    package struct Failure: Error, Hashable, CustomStringConvertible {
        package var description: String {
            "no control socket path: not root, and neither RUNTIME_DIRECTORY nor XDG_RUNTIME_DIR is set; pass --socket PATH"
        }
    }

    private func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Where the daemon listens: `explicit` when given, else the default.
    package func path(explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let directories = variable("RUNTIME_DIRECTORY") {
            // systemd passes one directory per RuntimeDirectory= entry, separated by colons; the first is ours.
            let first = directories.split(separator: ":").first.map(String.init) ?? directories
            return "\(first)/partnerd.sock"
        }
        if isRoot { return Self.systemPath }
        if let runtime = variable("XDG_RUNTIME_DIR") { return "\(runtime)/partnerd/partnerd.sock" }
        throw Failure()
    }

    /// Where `partnerctl` connects: like ``path(explicit:)``, except that a user without a daemon of their own is
    /// pointed at the system daemon's socket, which members of its group may use.
    package func clientPath(explicit: String?, exists: (String) -> Bool) -> String {
        if let explicit { return explicit }
        guard let own = try? path(explicit: nil) else { return Self.systemPath }
        if own != Self.systemPath, !exists(own), exists(Self.systemPath) { return Self.systemPath }
        return own
    }
}
