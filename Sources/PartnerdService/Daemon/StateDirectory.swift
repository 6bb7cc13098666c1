/// Where the daemon keeps its ledger and feed revisions.
///
/// `--state-directory`, else `daemon.state_directory`, else `$STATE_DIRECTORY` (systemd's `StateDirectory=`),
/// else the per-user state directory (`$XDG_STATE_HOME/partnerd`, `~/.local/state/partnerd`).
package enum StateDirectory {
    package static func resolve(flag: String?, configured: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let configured, !configured.isEmpty { return configured }
        if let systemd = environment["STATE_DIRECTORY"], !systemd.isEmpty {
            return systemd.split(separator: ":").first.map(String.init) ?? systemd
        }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/partnerd" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/root"
        return "\(home)/.local/state/partnerd"
    }
}
