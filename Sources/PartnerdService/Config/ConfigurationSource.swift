/// Loads the config the way every program of partnerd does: locate, read, check.
public struct ConfigurationSource: Sendable {
    public let path: String
    public let clock: any WallClock

    public init(explicitPath: String?, environment: [String: String] = processEnvironment(), clock: any WallClock = SystemClock()) {
        path = ConfigurationLocator(environment: environment, exists: fileExists).locate(explicit: explicitPath)
        self.clock = clock
    }

    public func load() -> ConfigurationLoader.Result {
        ConfigurationLoader(fileSystem: PosixFileSystem(), now: clock.now, systemZone: .system).load(path: path)
    }
}
