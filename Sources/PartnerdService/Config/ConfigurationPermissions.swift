import Glibc

/// Whether the daemon of the shipped unit can read the config files that `partnerctl check` just read.
///
/// `check` usually runs as root, who reads every file; the unit runs partnerd as a dynamic user (`DynamicUser=yes`)
/// that is neither the owner nor in the group of any file under `/etc`, so it reads only what others may read. A
/// file of mode 0600 passes `check` and then makes the daemon's reload or start fail with "permission denied".
package enum ConfigurationPermissions {
    /// A warning for each of `files` that others may not read, when the caller is root (other users see their own
    /// permission problems as errors already).
    package static func warnings(for files: [String], effectiveUser: uid_t = geteuid()) -> [ConfigurationIssue] {
        guard effectiveUser == 0 else { return [] }
        return files.compactMap { path in
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IROTH == 0 else { return nil }
            let mode = String(info.st_mode & 0o777, radix: 8)
            return ConfigurationIssue(
                .warning, file: path,
                message: "only its owner and group can read it (mode \(mode)), so the partnerd service, which runs as "
                    + "a dynamic user, cannot",
                hint: "chmod o+r \(path); keep secrets out of the config (password_file, token_file and systemd "
                    + "credentials are meant for them)")
        }
    }
}
