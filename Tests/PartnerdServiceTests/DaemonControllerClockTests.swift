import Foundation
import Logging
import PartnerdTestSupport
import Testing

@testable import PartnerdService

/// The controller's answer to clock events, driven by a manual clock and manual events: a wall-clock step re-plans
/// at once, a zone change reloads only a config that follows the system's zone.
@Suite("The controller and the clock")
struct DaemonControllerClockTests {
    static func controller(_ rig: EngineFixture.Rig, configuration: Configuration, path: String) -> DaemonController {
        DaemonController(
            source: ConfigurationSource(explicitPath: path, clock: rig.clock), configuration: configuration,
            engine: rig.engine,
            feeds: FeedService(
                configuration: configuration, stateDirectory: nil, clock: rig.clock, logger: EngineFixture.quietLogger),
            logger: EngineFixture.quietLogger, notifier: SystemdNotifier(transport: { _ in 0 }),
            startedAt: rig.clock.now,
            identity: DaemonController.Identity(
                stateDirectory: "/nonexistent", socket: "/nonexistent.sock", logTarget: .stderr,
                overrides: ConfigurationOverrides()),
            clockEvents: ManualClockEvents())
    }

    @Test("a step forward delivers what became due, late, at once; the same step again delivers nothing twice")
    func stepForward() async throws {
        let rig = EngineFixture.Rig()
        let controller = Self.controller(rig, configuration: EngineFixture.configuration(), path: "/nonexistent.toml")
        await rig.engine.start()
        let before = rig.clock.now
        rig.clock.set(before.adding(seconds: 3 * 3600))
        await controller.handle(.stepped(expected: before))
        #expect(rig.delivered == ["first", "second"])
        #expect(rig.late == ["1", "1"])
        await controller.handle(.stepped(expected: before))
        #expect(rig.delivered == ["first", "second"])
    }

    @Test("a new system zone reloads a config that names none, and leaves one that names its zone alone")
    func zoneChange() async throws {
        let folder = try makeTemporaryDirectory()
        let path = "\(folder)/partnerd.toml"
        try "[[partnership]]\nid = \"a\"\ncity = \"A\"\npartner = \"B\"\ncountry = \"BE\"\nsigned = 1992-06-01\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        // The config in force claims another zone than the system's, as if /etc/localtime had just changed.
        var follows = EngineFixture.configuration()
        follows.daemon.zone = Zone(identifier: Zone.system.identifier == "Asia/Tokyo" ? "Europe/Berlin" : "Asia/Tokyo") ?? .utc
        follows.daemon.followsSystemZone = true
        let rig = EngineFixture.Rig()
        let following = Self.controller(rig, configuration: follows, path: path)
        await following.handle(.zoneChanged)
        let reloaded = await following.status()
        #expect(reloaded.lastReload != nil)
        #expect(reloaded.timezone == Zone.system.identifier)

        var named = follows
        named.daemon.followsSystemZone = false
        let fixed = Self.controller(EngineFixture.Rig(), configuration: named, path: path)
        await fixed.handle(.zoneChanged)
        #expect(await fixed.status().lastReload == nil)
    }
}

@Suite("Reload budget")
struct ReloadBudgetTests {
    @Test("a reload that takes longer than its budget is rejected and the config in force stays")
    func overBudget() async throws {
        let folder = try makeTemporaryDirectory()
        let path = "\(folder)/partnerd.toml"
        var text = "[daemon]\ntimezone = \"UTC\"\n"
        for index in 0..<3_000 {
            text += "[[partnership]]\nid = \"p\(index)\"\ncity = \"A\"\npartner = \"B\"\ncountry = \"BE\"\nsigned = 1992-06-01\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let rig = EngineFixture.Rig()
        let inForce = EngineFixture.configuration()
        let controller = DaemonControllerClockTests.controller(rig, configuration: inForce, path: path)
        await controller.setReloadBudget(0.000_001)
        let rejected = await controller.reload()
        #expect(rejected.result == .rejected)
        #expect(rejected.errors.count == 1)
        #expect(rejected.errors.first?.contains("took longer than 0 s, so it is not applied") == true)
        #expect(await controller.status().partnerships == inForce.partnerships.count)

        await controller.setReloadBudget(60)
        let applied = await controller.reload()
        #expect(applied.result == .applied)
        #expect(await controller.status().partnerships == 3_000)
    }

    @Test("BlockingIO answers nil past the deadline and the value before it")
    func blockingDeadline() async {
        let slow = await BlockingIO.run(within: 0.05) { () -> Int in
            Thread.sleep(forTimeInterval: 2)
            return 1
        }
        #expect(slow == nil)
        let quick = await BlockingIO.run(within: 30) { 2 }
        #expect(quick == 2)
    }
}
