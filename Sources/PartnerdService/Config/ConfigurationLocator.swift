/// Finds the config file when `--config` is not given (SPEC.md, "partnerd").
///
/// Order: `$PARTNERD_CONFIG`, `$CONFIGURATION_DIRECTORY/partnerd.toml` (systemd's `ConfigurationDirectory=`),
/// `/etc/partnerd/partnerd.toml`, then `Config/partnerd.toml` under the working directory.
package struct ConfigurationLocator: Sendable {
    package let environment: [String: String]
    package let exists: @Sendable (String) -> Bool

    package init(environment: [String: String], exists: @escaping @Sendable (String) -> Bool) {
        self.environment = environment
        self.exists = exists
    }

    /// The candidates in order of preference.
    package var candidates: [String] {
        var list: [String] = []
        if let path = environment["PARTNERD_CONFIG"], !path.isEmpty { list.append(path) }
        if let directory = environment["CONFIGURATION_DIRECTORY"], !directory.isEmpty {
            // systemd may pass several directories separated by colons; the first is ours.
            let first = directory.split(separator: ":").first.map(String.init) ?? directory
            list.append("\(first)/partnerd.toml")
        }
        list.append("/etc/partnerd/partnerd.toml")
        list.append("Config/partnerd.toml")
        return list
    }

    /// The explicit path when given, else the first candidate that exists, else the last candidate
    /// (so that the error names a path the user can create).
    package func locate(explicit: String?) -> String {
        if let explicit { return explicit }
        if let path = environment["PARTNERD_CONFIG"], !path.isEmpty { return path }
        return candidates.first(where: exists) ?? candidates[candidates.count - 1]
    }
}
