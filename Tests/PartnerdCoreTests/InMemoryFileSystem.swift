@testable import PartnerdCore

/// Config files held in memory, with `*` globs over them, for loader tests.
struct InMemoryFileSystem: ConfigurationFileSystem {
    var files: [String: String]
    var directories: Set<String> = []

    init(_ files: [String: String], directories: Set<String> = []) {
        self.files = files
        self.directories = directories
    }

    func contents(of path: String) throws(ConfigurationFileError) -> [UInt8] {
        if directories.contains(path) { throw ConfigurationFileError(reason: "it is a directory, not a file") }
        guard let text = files[path] else { throw ConfigurationFileError(reason: "no such file") }
        return Array(text.utf8)
    }

    func paths(matching pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") || directory == "." ? pattern : "\(directory)/\(pattern)"
        return files.keys.filter { Self.matches(Array(full), Array($0)) }.sorted()
    }

    func canonicalPath(_ path: String) -> String { path }

    private static func matches(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            for split in 0...text.count where !text[..<split].contains("/") {
                if matches(Array(pattern.dropFirst()), Array(text[split...])) { return true }
            }
            return false
        }
        guard let head = text.first, head == first else { return false }
        return matches(Array(pattern.dropFirst()), Array(text.dropFirst()))
    }
}

/// Loads `main` (plus other files) at a fixed "now" in a fixed system zone.
func load(
    _ main: String, others: [String: String] = [:], now: String = "2026-01-15T12:00:00Z"
) -> ConfigurationLoader.Result {
    var files = others
    files["etc/partnerd.toml"] = main
    let instant = LocalDateTime(isoText: String(now.dropLast())).map { Zone.utc.instant(for: $0) }
        ?? Instant(secondsSinceEpoch: 0)
    return ConfigurationLoader(fileSystem: InMemoryFileSystem(files), now: instant, systemZone: .utc)
        .load(path: "etc/partnerd.toml")
}

let minimalPartnership = """
    [[partnership]]
    id = "berlin-bruessel"
    city = "Berlin"
    partner = "Brüssel"
    country = "BE"
    signed = 1992-06-01
    """
