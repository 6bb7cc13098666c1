import Foundation
import Testing

@testable import PartnerdCore

@Suite("Control protocol: requests, responses, versions")
struct ControlProtocolTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func json(_ bytes: [UInt8]) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        return try #require(object as? [String: Any])
    }

    @Test("a request is one compact line with the version", arguments: ControlRequest.Command.allCases.filter { $0 != .done })
    func requestLine(command: ControlRequest.Command) throws {
        let line = try ControlRequest(command).encodedLine()
        #expect(text(line) == "{\"command\":\"\(command.rawValue)\",\"version\":1}\n")
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(ControlRequest.decode(Array(line.dropLast())) == .success(ControlRequest(command)))
    }

    @Test("done carries its item and who marks it; without an item it is refused")
    func doneRequest() throws {
        let request = ControlRequest(.done, item: "berlin-bruessel/hall/2032-06-01", by: "anna")
        let line = try request.encodedLine()
        #expect(ControlRequest.decode(Array(line.dropLast())) == .success(request))
        #expect(text(line) == "{\"by\":\"anna\",\"command\":\"done\",\"item\":\"berlin-bruessel/hall/2032-06-01\",\"version\":1}\n")
        guard case .failure(let error) = ControlRequest.decode(Array("{\"command\":\"done\",\"version\":1}".utf8)) else {
            Issue.record("a done without an item was accepted")
            return
        }
        #expect(error.code == .malformedRequest)
    }

    @Test(
        "requests the daemon refuses, each with its code",
        arguments: [
            ("", ControlError.Code.malformedRequest),
            ("  \t ", .malformedRequest),
            ("hello", .malformedRequest),
            ("[1,2,3]", .malformedRequest),
            ("{\"command\":\"status\"", .malformedRequest),
            ("{\"command\":\"status\"}", .malformedRequest),
            ("{\"version\":\"1\",\"command\":\"status\"}", .malformedRequest),
            ("{\"version\":1}", .malformedRequest),
            ("{\"version\":1,\"command\":7}", .malformedRequest),
            ("{\"version\":2,\"command\":\"status\"}", .unsupportedVersion),
            ("{\"version\":0,\"command\":\"frobnicate\"}", .unsupportedVersion),
            ("{\"version\":1,\"command\":\"restart\"}", .unknownCommand),
        ])
    func refusedRequests(request: String, code: ControlError.Code) {
        guard case .failure(let error) = ControlRequest.decode(Array(request.utf8)) else {
            Issue.record("\(request) was accepted")
            return
        }
        #expect(error.code == code)
        #expect(!error.message.isEmpty)
        #expect(!error.message.contains("\n"))
    }

    @Test("a version mismatch names both versions; an unknown command lists the known ones")
    func refusalMessages() throws {
        let version = ControlRequest.decode(Array("{\"version\":2,\"command\":\"status\"}".utf8))
        guard case .failure(let versionError) = version else { throw ControlTestFailure("version 2 accepted") }
        #expect(versionError.message.contains("version 2"))
        #expect(versionError.message.contains("version 1"))
        let command = ControlRequest.decode(Array("{\"version\":1,\"command\":\"restart\"}".utf8))
        guard case .failure(let commandError) = command else { throw ControlTestFailure("restart accepted") }
        #expect(commandError.message.contains("\"restart\""))
        #expect(commandError.message.contains("status, reload"))
    }

    @Test("extra keys in a request are ignored, so later clients may add optional ones")
    func extraKeys() {
        let request = "{\"version\":1,\"command\":\"reload\",\"verbose\":true}"
        #expect(ControlRequest.decode(Array(request.utf8)) == .success(ControlRequest(.reload)))
    }

    @Test(
        "responses round-trip",
        arguments: [
            ControlResponse.status(ControlFixtures.status()),
            .status(ControlFixtures.status(lastReload: nil, listen: false)),
            .reload(ControlFixtures.rejectedReload),
            .error(ControlError(.requestTooLarge, "too large")),
        ])
    func responseRoundTrip(response: ControlResponse) throws {
        let line = try response.encodedLine()
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        #expect(ControlResponse.decode(Array(line.dropLast())) == .success(response))
        #expect(try json(line)["version"] as? Int == ControlProtocol.version)
    }

    @Test("the status JSON has every key, snake_case, with null for what is absent")
    func statusKeys() throws {
        let line = try ControlResponse.status(ControlFixtures.status(lastReload: nil, listen: false)).encodedLine()
        let status = try #require(try json(line)["status"] as? [String: Any])
        #expect(
            Set(status.keys)
                == [
                    "version", "pid", "running_since", "configuration", "last_reload", "partnerships", "events",
                    "next_reminders", "last_delivered", "feed", "state_directory", "socket", "log_target", "language",
                    "timezone", "channels", "calendars", "tasks",
                ])
        #expect(status["last_reload"] is NSNull)
        #expect((status["channels"] as? [Any])?.isEmpty == true)
        let feed = try #require(status["feed"] as? [String: Any])
        #expect(feed["listen"] is NSNull)
        #expect(feed["directory"] is NSNull)
        #expect((feed["links"] as? [Any])?.isEmpty == true)
        let files = try #require((status["configuration"] as? [String: Any])?["files"] as? [[String: Any]])
        #expect(files.first?["loaded_at"] as? String == "2026-05-04T09:12:03+02:00")
    }

    @Test("a delivered reminder is one flat object: the reminder's keys beside delivered_at and late")
    func deliveredIsFlat() throws {
        let data = try JSONEncoder().encode(ControlFixtures.delivered)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == ["title", "partnership", "event", "kind", "uid", "occurrence", "lead", "due", "delivered_at", "late"])
        #expect(object["late"] as? Bool == true)
        #expect(try JSONDecoder().decode(DeliveredReminderStatus.self, from: data) == ControlFixtures.delivered)
    }

    @Test(
        "responses the client cannot read",
        arguments: [
            ("{\"version\":2,\"status\":{}}", ControlResponse.DecodingFailure.versionMismatch(daemon: 2)),
            ("{\"status\":{}}", .versionMismatch(daemon: nil)),
        ])
    func versionMismatch(response: String, failure: ControlResponse.DecodingFailure) {
        #expect(ControlResponse.decode(Array(response.utf8)) == .failure(failure))
        #expect(failure.description.contains("version 1"))
    }

    @Test(
        "malformed responses",
        arguments: [
            "",
            "not json",
            "{\"version\":1}",
            "{\"version\":1,\"error\":{\"code\":\"x\",\"message\":\"y\"},\"reload\":{}}",
            "{\"version\":1,\"status\":{\"pid\":1}}",
        ])
    func malformedResponses(response: String) {
        guard case .failure(.malformed) = ControlResponse.decode(Array(response.utf8)) else {
            Issue.record("\(response) was read as a response")
            return
        }
    }

    @Test("error codes this build does not know still decode")
    func unknownErrorCode() throws {
        let response = "{\"version\":1,\"error\":{\"code\":\"busy\",\"message\":\"later\"}}"
        let decoded = try ControlResponse.decode(Array(response.utf8)).get()
        #expect(decoded == .error(ControlError(ControlError.Code(rawValue: "busy"), "later")))
    }

    @Test("feed links: calendar.ics first, then public partnerships only; none without a listener")
    func feedLinks() throws {
        let zone = Zone.utc
        let signed = try #require(LocalDate(year: 1992, month: 6, day: 1))
        let partnerships = [
            Partnership(id: PartnershipID(rawValue: "berlin-bruessel"), city: "Berlin", partner: "Brüssel", country: "BE", signed: signed, zone: zone),
            Partnership(
                id: PartnershipID(rawValue: "berlin-geheim"), city: "Berlin", partner: "X", country: "FR", signed: signed, zone: zone,
                isPrivate: true),
        ]
        let feed = FeedStatus(FeedSettings(listen: ListenAddress(host: "::1", port: 8081), directory: "/srv/feeds"), partnerships: partnerships)
        #expect(feed.listen == "[::1]:8081")
        #expect(
            feed.links == [
                .init(partnership: nil, url: "http://[::1]:8081/calendar.ics"),
                .init(partnership: "berlin-bruessel", url: "http://[::1]:8081/partnerships/berlin-bruessel.ics"),
            ])
        #expect(feed.directory == "/srv/feeds")
        let none = FeedStatus(FeedSettings(listen: nil), partnerships: partnerships)
        #expect(none.listen == nil && none.links.isEmpty)
    }
}

struct ControlTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Channel status in the control protocol")
struct ChannelStatusProtocolTests {
    @Test("a channel's status has every key, with null for what has not happened, and survives a round trip")
    func channelKeys() throws {
        var status = ControlFixtures.status(lastReload: nil, listen: false)
        status.channels = [
            ChannelStatus(
                id: "buero", type: "mail", target: "protokoll@example.org via mail.example.org:587", language: .fr,
                timezone: "Europe/Brussels", delivered: 2, lastDelivery: "2026-05-04T09:00:00+02:00",
                lastAnswer: "250 2.0.0 OK", lastError: nil, lastErrorAt: nil, retrying: 1, failures: 0, next: nil)
        ]
        let line = try ControlResponse.status(status).encodedLine()
        let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        let channels = try #require((object?["status"] as? [String: Any])?["channels"] as? [[String: Any]])
        #expect(
            Set(channels[0].keys)
                == [
                    "id", "type", "target", "language", "timezone", "delivered", "last_delivery", "last_answer",
                    "last_error", "last_error_at", "retrying", "failures", "next",
                ])
        #expect(channels[0]["last_error"] is NSNull)
        #expect(channels[0]["retrying"] as? Int == 1)
        let decoded = try JSONDecoder().decode(DaemonStatus.self, from: try JSONEncoder().encode(status))
        #expect(decoded.channels == status.channels)
    }
}
