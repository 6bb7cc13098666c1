import PartnerdTOML

/// `[[partnership.task]]`: preparations reminded until done.
extension ConfigurationReader {
    mutating func decodeTasks(_ node: TOMLValue, at path: ConfigurationKeyPath, events: [Event]) -> [TaskSettings] {
        guard case .array(let items) = node else {
            error(path, "task must be an array of tables", hint: "write each under its own [[partnership.task]] header")
            return []
        }
        var tasks: [TaskSettings] = []
        var ids = Set<TaskID>()
        let eventIDs = events.map(\.id.rawValue)
        for (index, item) in items.enumerated() {
            var itemPath = ConfigurationKeyPath(path.components.dropLast() + [.element("task", id: nil, index: index)])
            guard let table = table(item, at: itemPath) else { continue }
            if case .string(let text)? = table["id"] {
                itemPath = ConfigurationKeyPath(path.components.dropLast() + [.element("task", id: text, index: index)])
            }
            checkKeys(table, allowed: ConfigurationSchema.taskKeys, at: itemPath)
            let id: TaskID? = identifier(table["id"], at: itemPath.appending(key: "id"), kind: "task")
            if let id, !ids.insert(id).inserted {
                error(itemPath.appending(key: "id"), "the task id \"\(id)\" is used twice in this partnership",
                    hint: "give each task of a partnership its own id")
            }
            let title = requiredText(table, "title", at: itemPath, example: "\"Delegation aus Brüssel einladen\"")
            var target: TaskSettings.Target?
            if let node = table["for"], let text = string(node, at: itemPath.appending(key: "for")) {
                switch text {
                case "jubilee": target = .jubilee
                case "anniversary": target = .anniversary
                default:
                    if eventIDs.contains(text) {
                        target = .event(EventID(rawValue: text))
                    } else {
                        let choices = ["jubilee", "anniversary"] + eventIDs
                        error(
                            itemPath.appending(key: "for"),
                            "no event of this partnership has the id \"\(text)\"\(Suggestion.phrase(for: text, among: choices))",
                            hint: "write for = \"jubilee\", \"anniversary\" or the id of one of the partnership's [[partnership.event]]")
                    }
                }
            } else if table["for"] == nil {
                error(itemPath.appending(key: "for"), "for is missing",
                    hint: "add for = \"jubilee\", \"anniversary\" or an event id: the occurrences the task prepares")
            }
            var due: (span: Span, after: Bool)?
            if let node = table["due"], let text = string(node, at: itemPath.appending(key: "due")) {
                let trimmed = text.trimmingASCIIWhitespace()
                let after = trimmed.hasPrefix("+")
                let body = trimmed.hasPrefix("-") || after ? String(trimmed.dropFirst()) : trimmed
                if let span = try? Span(parsing: body) {
                    due = (span, after)
                } else {
                    error(itemPath.appending(key: "due"), "\"\(text)\" is not a span before or after the occurrence",
                        hint: "write e.g. due = \"-6mo\" (six months before) or \"+2w\" (two weeks after)")
                }
            } else if table["due"] == nil {
                error(itemPath.appending(key: "due"), "due is missing",
                    hint: "add due = \"-6mo\": how long before the occurrence the task must be done")
            }
            let remind = table["remind"].flatMap { spans($0, at: itemPath.appending(key: "remind")) } ?? []
            let repeatEvery = table["repeat"].flatMap { span($0, at: itemPath.appending(key: "repeat")) }
            if let repeatEvery, repeatEvery.months == 0 && repeatEvery.days == 0 && repeatEvery.seconds < 3600 {
                error(itemPath.appending(key: "repeat"), "repeating every \(repeatEvery) is more often than once an hour",
                    hint: "write e.g. repeat = \"1d\" or \"7d\"")
            }
            let escalateAfter = table["escalate_after"].flatMap { span($0, at: itemPath.appending(key: "escalate_after")) }
            let escalateTo = table["escalate_to"].map { channelIDs($0, at: itemPath.appending(key: "escalate_to")) } ?? []
            let channels = table["channels"].map { channelIDs($0, at: itemPath.appending(key: "channels")) }
            checkTaskChannels(escalateTo, at: itemPath.appending(key: "escalate_to"))
            checkTaskChannels(channels ?? [], at: itemPath.appending(key: "channels"))
            if escalateAfter != nil && escalateTo.isEmpty {
                error(itemPath.appending(key: "escalate_to"), "escalate_after names no channels to escalate to",
                    hint: "add escalate_to = [\"leitung\"], or remove escalate_after")
            } else if escalateAfter == nil && !escalateTo.isEmpty {
                error(itemPath.appending(key: "escalate_after"), "escalate_to without escalate_after never escalates",
                    hint: "add escalate_after = \"21d\": how long after the due time")
            }
            guard let id, let title, let target, let due else { continue }
            tasks.append(
                TaskSettings(
                    id: id, title: title, target: target, due: due.span, dueIsAfter: due.after, remind: remind,
                    repeatEvery: repeatEvery, escalateAfter: escalateAfter, escalateTo: escalateTo, channels: channels))
        }
        return tasks
    }

    private mutating func checkTaskChannels(_ ids: [ChannelID], at path: ConfigurationKeyPath) {
        guard let knownChannels else { return }
        let known = knownChannels.map(\.rawValue)
        for (offset, id) in ids.enumerated() where !known.contains(id.rawValue) {
            error(
                path.appending(.index(offset)), "no channel has the id \"\(id)\"\(Suggestion.phrase(for: id.rawValue, among: known))",
                hint: known.isEmpty ? "add a [[channel]] with id = \"\(id)\"" : "use one of \(known.joined(separator: ", "))")
        }
    }
}
