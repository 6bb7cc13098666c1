import Glibc

/// The real file system for the config loader: reads files, expands globs with `glob(3)`.
package struct PosixFileSystem: ConfigurationFileSystem {
    package init() {}

    package func contents(of path: String) throws(ConfigurationFileError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ConfigurationFileError(reason: Self.describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ConfigurationFileError(reason: "it is a directory, not a file")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw ConfigurationFileError(reason: "it is not a regular file")
        }
        guard Int(info.st_size) <= ConfigurationLoader.maximumFileSize else {
            throw ConfigurationFileError(reason: "it is \(info.st_size) bytes long, more than a config can be")
        }
        do throws(Posix.Failure) {
            guard let bytes = try Posix.readFile(path, limit: ConfigurationLoader.maximumFileSize) else {
                throw Posix.Failure(code: ENOENT)
            }
            return bytes
        } catch {
            throw ConfigurationFileError(
                reason: error.code == 0 ? error.reason : Self.describe(error.code))
        }
    }

    package func paths(matching pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : (directory == "." ? pattern : "\(directory)/\(pattern)")
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] { paths.append(String(cString: pointer)) }
        }
        return paths.sorted()
    }

    package func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory, not a file"
        case ENOTDIR: return "a part of the path is not a directory"
        default: return Posix.reason(code)
        }
    }
}
