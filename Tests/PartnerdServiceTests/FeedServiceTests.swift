import Foundation
import Logging
import PartnerdTestSupport
import ServiceLifecycle
import Testing
@testable import PartnerdService

@Suite("The feed service: renders on start, on apply and when the day changes")
struct FeedServiceTests {
    static var logger: Logger {
        var logger = Logger(label: "feed-service-test")
        logger.logLevel = .critical
        return logger
    }

    static func calendar(_ service: FeedService) -> String {
        service.flush()
        return String(decoding: service.store.snapshot?.feeds[.publicCalendar].map { Array($0.body.readableBytesView) } ?? [], as: UTF8.self)
    }

    @Test("feeds are ready before the server runs, follow an applied config, and move with the day")
    func lifecycle() throws {
        let state = try makeTemporaryDirectory()
        // 2024-06-01T21:00:00Z, 23:00 in Berlin: the last day whose window (a year back) still holds 1 June 2023.
        let clock = ManualClock(Instant(secondsSinceEpoch: 1_717_275_600))
        var configuration = FeedFixture.configuration()
        configuration.feed.listen = nil
        let service = FeedService(configuration: configuration, stateDirectory: state, clock: clock, logger: Self.logger)
        #expect(Self.calendar(service).contains("UID:anniversary-31.berlin-bruessel@partnerd"))

        service.apply(FeedFixture.configuration(description: "Neu"))
        #expect(Self.calendar(service).contains("DESCRIPTION:Neu"))

        // 2 June, 00:00 in Berlin: the reminder engine re-plans and applies the config again, and the 31st
        // anniversary (1 June 2023) drops out of the window.
        clock.advance(seconds: 3600)
        service.apply(FeedFixture.configuration(description: "Neu"))
        #expect(!Self.calendar(service).contains("UID:anniversary-31.berlin-bruessel@partnerd"))
        #expect(Self.calendar(service).contains("UID:anniversary-32.berlin-bruessel@partnerd"))
    }

    @Test("run() ends on graceful shutdown")
    func gracefulShutdown() async throws {
        var configuration = FeedFixture.configuration()
        configuration.feed.listen = nil
        let service = FeedService(
            configuration: configuration, stateDirectory: nil, clock: ManualClock(FeedFixture.now), logger: Self.logger)
        let group = ServiceGroup(services: [service], logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        service.flush()
        #expect(service.store.snapshot != nil)
    }

    @Test("a feed.listen address that is taken ends run() with the error instead of running without a server")
    func takenAddress() async throws {
        try await withFeedServer(store: FeedFixture.store()) { port in
            var configuration = FeedFixture.configuration()
            configuration.feed.listen = ListenAddress(host: "127.0.0.1", port: port)
            let service = FeedService(
                configuration: configuration, stateDirectory: nil, clock: ManualClock(FeedFixture.now),
                logger: Self.logger)
            await #expect(throws: (any Error).self) { try await service.run() }
        }
    }
}
