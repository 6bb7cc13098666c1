import Foundation

/// Loads the config the way every program of partnerd does: locate, read, check.
package struct ConfigurationSource: Sendable {
    package let path: String
    package let clock: any WallClock
    /// `$CREDENTIALS_DIRECTORY` (systemd's `LoadCredential=`): where channels' secret files are found.
    package let credentialsDirectory: String?
    /// Where the last good copies of fetched calendars are read.
    package let calendarCopies: (any CalendarCopies)?

    package init(
        explicitPath: String?, environment: [String: String] = processEnvironment(), clock: any WallClock = SystemClock(),
        calendarCopies: (any CalendarCopies)? = nil
    ) {
        self.calendarCopies = calendarCopies
        path = ConfigurationLocator(environment: environment, exists: fileExists).locate(explicit: explicitPath)
        self.clock = clock
        credentialsDirectory = environment["CREDENTIALS_DIRECTORY"]
    }

    package func load() -> ConfigurationLoader.Result {
        // Foundation keeps the system zone it read first; a config without daemon.timezone must get today's.
        NSTimeZone.resetSystemTimeZone()
        var loader = ConfigurationLoader(
            fileSystem: PosixFileSystem(), now: clock.now, systemZone: .system, credentialsDirectory: credentialsDirectory)
        loader.calendarCopies = calendarCopies
        return loader.load(path: path)
    }
}
