import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import PartnerdService

/// A clock the test moves by hand.
final class ManualFeedClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant

    init(_ start: Instant) { current = start }

    var now: Instant {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(seconds: Int64) {
        lock.lock()
        defer { lock.unlock() }
        current = current.adding(seconds: seconds)
    }
}

@Suite("The feed service: renders on start, on apply and when the day changes")
struct FeedServiceTests {
    static var logger: Logger {
        var logger = Logger(label: "feed-service-test")
        logger.logLevel = .critical
        return logger
    }

    static func calendar(_ service: FeedService) -> String {
        String(
            decoding: service.store.snapshot?.feeds[.publicCalendar].map { Array($0.body.readableBytesView) } ?? [],
            as: UTF8.self)
    }

    @Test("feeds are ready before the server runs, follow an applied config, and move with the day")
    func lifecycle() throws {
        let state = try makeTemporaryDirectory()
        // 2024-06-01T21:00:00Z, 23:00 in Berlin: the last day whose window (a year back) still holds 1 June 2023.
        let clock = ManualFeedClock(Instant(secondsSinceEpoch: 1_717_275_600))
        var configuration = FeedFixture.configuration()
        configuration.feed.listen = nil
        let service = FeedService(
            configuration: configuration, stateDirectory: state, clock: clock, logger: Self.logger)
        #expect(Self.calendar(service).contains("UID:anniversary-31.berlin-bruessel@partnerd"))
        #expect(!service.renderIfDayChanged())
        #expect(service.secondsUntilNextRender == 3600)

        service.apply(FeedFixture.configuration(description: "Neu"))
        #expect(Self.calendar(service).contains("DESCRIPTION:Neu"))

        clock.advance(seconds: 3600)  // 2 June, 00:00 in Berlin: the 31st anniversary (1 June 2023) drops out.
        #expect(service.renderIfDayChanged())
        #expect(!Self.calendar(service).contains("UID:anniversary-31.berlin-bruessel@partnerd"))
        #expect(Self.calendar(service).contains("UID:anniversary-32.berlin-bruessel@partnerd"))
        #expect(!service.renderIfDayChanged())
    }

    @Test("run() ends on graceful shutdown")
    func gracefulShutdown() async throws {
        var configuration = FeedFixture.configuration()
        configuration.feed.listen = nil
        let service = FeedService(
            configuration: configuration, stateDirectory: nil, clock: ManualFeedClock(FeedFixture.now),
            logger: Self.logger)
        let group = ServiceGroup(services: [service], logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(service.store.snapshot != nil)
    }

    @Test("with feed.listen it serves the store over HTTP once listening, and a taken port is an error")
    func serving() async throws {
        var configuration = FeedFixture.configuration()
        configuration.feed.listen = ListenAddress(host: "127.0.0.1", port: 0)
        let service = FeedService(
            configuration: configuration, stateDirectory: nil, clock: ManualFeedClock(FeedFixture.now),
            logger: Self.logger)
        let group = ServiceGroup(services: [service], logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await service.waitUntilListening()
            let port = try #require(service.listeningPort)
            let response = try await RawHTTPClient.request("GET", "/calendar.ics", port: port)
            #expect(response.status == 200)
            #expect(
                response.body == service.store.snapshot?.feeds[.publicCalendar].map { Array($0.body.readableBytesView) }
            )

            // A second service on the same port cannot start, and says so to whoever waits for it.
            var taken = configuration
            taken.feed.listen = ListenAddress(host: "127.0.0.1", port: port)
            let second = FeedService(
                configuration: taken, stateDirectory: nil, clock: ManualFeedClock(FeedFixture.now), logger: Self.logger)
            async let secondRun: Void = second.run()
            await #expect(throws: (any Error).self) { try await second.waitUntilListening() }
            _ = try? await secondRun

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
