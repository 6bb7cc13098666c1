import PartnerdTOML
/// `[[partnership]]` tables.
extension ConfigurationReader {

    /// The `[[partnership]]` tables of this file. `origins` holds where each partnership id was first defined, in
    /// this file or an earlier one, so that a repeated id is reported with the place of the first.
    mutating func decodePartnerships(
        _ table: TOMLTable, zone: Zone, now: Instant, origins: inout [PartnershipID: String]
    ) -> [Partnership] {
        guard let node = table["partnership"] else { return [] }
        guard case .array(let items) = node else {
            error(
                ConfigurationKeyPath().appending(key: "partnership"), "partnership must be an array of tables",
                hint: "write each one under its own [[partnership]] header")
            return []
        }
        var result: [Partnership] = []
        for (index, item) in items.enumerated() {
            if let partnership = decodePartnership(item, index: index, defaultZone: zone, now: now, origins: &origins) {
                result.append(partnership)
            }
        }
        return result
    }

    private mutating func decodePartnership(
        _ node: TOMLValue, index: Int, defaultZone: Zone, now: Instant, origins: inout [PartnershipID: String]
    ) -> Partnership? {
        var path = ConfigurationKeyPath([.element("partnership", id: nil, index: index)])
        guard let table = table(node, at: path) else { return nil }
        let idText: String?
        if case .string(let text)? = table["id"] { idText = text } else { idText = nil }
        path = ConfigurationKeyPath([.element("partnership", id: idText, index: index)])
        checkKeys(table, allowed: ConfigurationSchema.partnershipKeys, at: path)

        let id: PartnershipID? = identifier(table["id"], at: path.appending(key: "id"), kind: "partnership")
        let city = requiredText(table, "city", at: path, example: "\"Berlin\"")
        let partner = requiredText(table, "partner", at: path, example: "\"Brüssel\"")
        let partnerRegion = optionalText(table, "partner_region", at: path)
        let country = requiredText(table, "country", at: path, example: "\"BE\"")
        if let country, !(country.count == 2 && country.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            error(
                path.appending(key: "country"), "\"\(country)\" is not an ISO 3166-1 alpha-2 country code",
                hint: "use two capital letters, e.g. \"BE\" for Belgium")
        }
        var signed: LocalDate?
        if let node = table["signed"] {
            signed = date(node, at: path.appending(key: "signed"), what: "the signing date")
        } else {
            error(path.appending(key: "signed"), "the signing date is missing", hint: "add signed = 1992-06-01 (no quotes)")
        }
        let signedIn = optionalText(table, "signed_in", at: path)
        var zone = defaultZone
        if let node = table["timezone"], let found = self.zone(node, at: path.appending(key: "timezone")) { zone = found }
        let networks = stringList(table["networks"], at: path.appending(key: "networks")) ?? []
        let topics = stringList(table["topics"], at: path.appending(key: "topics")) ?? []
        let status: Partnership.Status =
            choice(table["status"], at: path.appending(key: "status"), default: .active) ?? .active
        let leapDay: Partnership.LeapDayRule =
            choice(table["leap_day"], at: path.appending(key: "leap_day"), default: .feb28) ?? .feb28
        if table["leap_day"] != nil, let signed, !signed.isLeapDay {
            warning(
                path.appending(key: "leap_day"),
                "leap_day only matters for a partnership signed on 29 February, and this one was signed on \(signed)",
                hint: "remove leap_day", kind: .leapDay)
        }
        let isPrivate = table["private"].flatMap { boolean($0, at: path.appending(key: "private")) } ?? false
        let remind = table["remind"].flatMap { spans($0, at: path.appending(key: "remind")) }
        let subdivision = optionalText(table, "subdivision", at: path)
        var holidays: [HolidayRegion] = []
        if let node = table["holidays"] {
            holidays = holidayRegions(node, at: path.appending(key: "holidays")) ?? []
        } else if let country, let subdivision {
            holidays = holidayRegion("\(country)-\(subdivision)", at: path.appending(key: "subdivision")).map { [$0] } ?? []
        } else if let country, let region = HolidayRegion(code: country), HolidayData.country(region) != nil {
            holidays = [region]
        }
        let onClosedDay = closedDayRule(table["on_closed_day"], at: path.appending(key: "on_closed_day"))

        var events: [Event] = []
        if let eventNode = table["event"] {
            if case .array(let items) = eventNode {
                events.reserveCapacity(items.count)
                var seen: [EventID: Int] = [:]
                for (eventIndex, item) in items.enumerated() {
                    guard let event = decodeEvent(item, index: eventIndex, partnershipPath: path, defaultZone: zone, now: now)
                    else { continue }
                    if let first = seen[event.id] {
                        error(
                            ConfigurationKeyPath(path.components + [.element("event", id: event.id.rawValue, index: eventIndex)])
                                .appending(key: "id"),
                            "the event id \"\(event.id)\" is already used by event #\(first + 1) of this partnership",
                            hint: "give each event of a partnership its own id")
                    } else {
                        seen[event.id] = eventIndex
                        events.append(event)
                    }
                }
            } else {
                error(
                    path.appending(key: "event"), "event must be an array of tables",
                    hint: "write each event under its own [[partnership.event]] header")
            }
        }

        var calendarSources: [CalendarSource] = []
        if let node = table["calendar"] {
            let imported = decodeCalendars(
                node, at: path.appending(key: "calendar"), partnership: id, zone: zone, taken: Set(events.map(\.id)))
            events += imported.events
            calendarSources = imported.sources
        }

        var tasks: [TaskSettings] = []
        if let node = table["task"] {
            tasks = decodeTasks(node, at: path.appending(key: "task"), events: events)
        }

        guard let id, let city, let partner, let country, let signed else { return nil }
        if let place = origins[id] {
            error(
                path.appending(key: "id"), "the partnership id \"\(id)\" is already used at \(place)",
                hint: "give each partnership its own id")
            return nil
        }
        origins[id] = file + (root.position(of: path).map { ":\($0.line)" } ?? "")
        var partnership = Partnership(
            id: id, city: city, partner: partner, partnerRegion: partnerRegion, country: country, signed: signed,
            signedIn: signedIn, zone: zone, networks: networks, topics: topics, status: status, leapDay: leapDay,
            isPrivate: isPrivate, remind: remind, events: events, file: file)
        partnership.subdivision = subdivision
        partnership.holidays = holidays
        partnership.onClosedDay = onClosedDay
        partnership.calendarSources = calendarSources
        partnership.tasks = tasks
        return partnership
    }

}
