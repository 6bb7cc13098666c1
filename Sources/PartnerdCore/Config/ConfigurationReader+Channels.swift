import PartnerdTOML
/// `[[channel]]`, `[[route]]` and `reminders.channels`: where reminders go besides the journal.
extension ConfigurationReader {
    /// Reads a secret file (`password_file`, `token_file`) named in the config: its text, or why it could not.
    typealias SecretReader = (String) -> Result<String, ConfigurationFileError>

    /// The `[[channel]]` tables of the main file, each id once.
    mutating func decodeChannels(
        _ table: TOMLTable, daemon: DaemonSettings, readSecret: SecretReader
    ) -> [ChannelSettings] {
        guard let node = table["channel"] else { return [] }
        guard case .array(let items) = node else {
            error(
                ConfigurationKeyPath().appending(key: "channel"), "channel must be an array of tables",
                hint: "write each one under its own [[channel]] header")
            return []
        }
        var result: [ChannelSettings] = []
        var seen: [ChannelID: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let channel = decodeChannel(item, index: index, daemon: daemon, readSecret: readSecret) else { continue }
            if let first = seen[channel.id] {
                error(
                    ConfigurationKeyPath([.element("channel", id: channel.id.rawValue, index: index)]).appending(key: "id"),
                    "the channel id \"\(channel.id)\" is already used by channel #\(first + 1)",
                    hint: "give each channel its own id")
                continue
            }
            seen[channel.id] = index
            result.append(channel)
        }
        return result
    }

    private mutating func decodeChannel(
        _ node: TOMLValue, index: Int, daemon: DaemonSettings, readSecret: SecretReader
    ) -> ChannelSettings? {
        var path = ConfigurationKeyPath([.element("channel", id: nil, index: index)])
        guard let table = table(node, at: path) else { return nil }
        if case .string(let text)? = table["id"] { path = ConfigurationKeyPath([.element("channel", id: text, index: index)]) }
        let id: ChannelID? = identifier(table["id"], at: path.appending(key: "id"), kind: "channel")
        let types = ["mail", "matrix", "webhook", "exec"]
        guard let typeNode = table["type"] else {
            checkKeys(table, allowed: ConfigurationSchema.channelKeys, at: path)
            error(path.appending(key: "type"), "the channel has no type", hint: "add type = \"mail\", \"matrix\", \"webhook\" or \"exec\"")
            return nil
        }
        guard let type = string(typeNode, at: path.appending(key: "type")) else { return nil }
        let specific: [String]
        switch type {
        case "mail": specific = ConfigurationSchema.mailKeys
        case "matrix": specific = ConfigurationSchema.matrixKeys
        case "webhook": specific = ConfigurationSchema.webhookKeys
        case "exec": specific = ConfigurationSchema.execKeys
        default:
            error(
                path.appending(key: "type"),
                "\"\(type)\" is not a channel type\(Suggestion.phrase(for: type, among: types))",
                hint: "use one of \(types.joined(separator: ", "))")
            return nil
        }
        checkKeys(table, allowed: ConfigurationSchema.channelKeys + specific, at: path)

        var language = daemon.language
        if let node = table["language"], let text = string(node, at: path.appending(key: "language")) {
            if let found = Language(rawValue: text) {
                language = found
            } else {
                error(path.appending(key: "language"), "\"\(text)\" is not a supported language", hint: "use one of de, en, fr, nl")
            }
        }
        var zone = daemon.zone
        if let node = table["timezone"], let found = self.zone(node, at: path.appending(key: "timezone")) { zone = found }
        var notifyAt = daemon.notifyAt
        if let node = table["notify_at"], let text = string(node, at: path.appending(key: "notify_at")) {
            if let time = LocalTime(text: text) {
                notifyAt = time
            } else {
                error(path.appending(key: "notify_at"), "\"\(text)\" is not a time of day", hint: "write HH:MM on a 24-hour clock, e.g. \"09:00\"")
            }
        }
        var retryFor = Span(text: "1d", months: 0, days: 1, seconds: 0)
        if let node = table["retry_for"], let span = span(node, at: path.appending(key: "retry_for")) {
            if Self.averageDays(span) > 31 {
                error(
                    path.appending(key: "retry_for"), "retrying for \"\(span)\" is more than a month",
                    hint: "use at most \"30d\"; a reminder retried longer arrives after what it reminds of")
            } else {
                retryFor = span
            }
        }

        let transport: ChannelSettings.Transport?
        switch type {
        case "mail": transport = decodeMail(table, at: path, readSecret: readSecret).map { .mail($0) }
        case "matrix": transport = decodeMatrix(table, at: path, readSecret: readSecret).map { .matrix($0) }
        case "webhook": transport = decodeWebhook(table, at: path, readSecret: readSecret).map { .webhook($0) }
        default: transport = decodeExec(table, at: path).map { .exec($0) }
        }
        // A channel that names its own working days or holidays reaches people elsewhere (the partner's office):
        // the office's closures are not theirs. One that names neither reads with the office.
        var workingDays = daemon.workingDays
        if table["workdays"] != nil || table["holidays"] != nil {
            workingDays = WorkingCalendar()
            if let node = table["workdays"], let days = workdays(node, at: path.appending(key: "workdays")) {
                workingDays.workdays = days
            }
            if let node = table["holidays"], let regions = holidayRegions(node, at: path.appending(key: "holidays")) {
                workingDays.holidays = regions
            }
        }
        guard let id, let transport else { return nil }
        var channel = ChannelSettings(
            id: id, transport: transport, language: language, zone: zone, notifyAt: notifyAt, retryFor: retryFor)
        channel.workingDays = workingDays
        return channel
    }

    // MARK: - Types

    private mutating func decodeMail(
        _ table: TOMLTable, at path: ConfigurationKeyPath, readSecret: SecretReader
    ) -> MailTransport? {
        let security: MailTransport.Security? = choice(
            table["security"], at: path.appending(key: "security"), default: .starttls)
        var server: ServerAddress?
        if let text = requiredText(table, "server", at: path, example: "\"mail.example.org:587\"") {
            let defaultPort = security == .tls ? 465 : security == MailTransport.Security.none ? 25 : 587
            server = serverAddress(text, defaultPort: defaultPort, at: path.appending(key: "server"))
        }
        if let server, security == MailTransport.Security.none, !server.isLoopback {
            error(
                path.appending(key: "security"),
                "security = \"none\" would send the password and the mail unencrypted to \(server.host)",
                hint: "use \"starttls\" (port 587) or \"tls\" (port 465); \"none\" is only for a server on this machine")
        }
        let username = optionalText(table, "username", at: path)
        var password: Secret?
        if let file = optionalText(table, "password_file", at: path) {
            password = secret(file, at: path.appending(key: "password_file"), readSecret: readSecret)
        }
        if username != nil, table["password_file"] == nil {
            error(
                path.appending(key: "username"), "a username without a password_file",
                hint: "add password_file = \"smtp-password\" (a file holding the password), or remove username")
        }
        if username == nil, table["password_file"] != nil {
            error(path.appending(key: "password_file"), "a password_file without a username", hint: "add username = \"…\"")
        }
        let caFile = optionalText(table, "ca_file", at: path)
        if let caFile {
            if case .failure(let failure) = readSecret(configRelativePath(caFile)) {
                error(
                    path.appending(key: "ca_file"), "cannot read the CA bundle \"\(caFile)\": \(failure.reason)",
                    hint: "name a PEM file the daemon can read, or remove ca_file to trust the system's CAs only")
            }
        }
        var from: MailAddress?
        if let text = requiredText(table, "from", at: path, example: "\"Städtepartnerschaften <partnerd@example.org>\"") {
            from = MailAddress(parsing: text)
            if from == nil {
                error(
                    path.appending(key: "from"), "\"\(text)\" is not a mail address",
                    hint: "write \"Name <local@domain>\" or \"local@domain\"")
            }
        }
        var to: [String] = []
        if let node = table["to"] {
            let list: [String]
            if case .string(let single) = node { list = [single] } else { list = stringList(node, at: path.appending(key: "to")) ?? [] }
            for (index, address) in list.enumerated() {
                if MailAddress.isAddress(address) {
                    to.append(address)
                } else {
                    error(
                        path.appending(key: "to").appending(.index(index)), "\"\(address)\" is not a mail address",
                        hint: "write local@domain, without a name or brackets")
                }
            }
            if list.isEmpty {
                error(path.appending(key: "to"), "the mail has no recipients", hint: "list them, e.g. to = [\"protokoll@example.org\"]")
            }
        } else {
            error(path.appending(key: "to"), "to is missing", hint: "add to = [\"protokoll@example.org\"]")
        }
        let ehlo = optionalText(table, "ehlo", at: path)
        if let ehlo, !MailTransport.isEHLOName(ehlo) {
            error(
                path.appending(key: "ehlo"), "\"\(ControlCharacters.escaped(ehlo))\" is not a host name for EHLO",
                hint: "write a fully qualified name (\"partnerd.example.org\") or an address literal (\"[192.0.2.1]\"), "
                    + "or remove ehlo to send this host's own name")
        }
        guard let server, let security, let from, !to.isEmpty else { return nil }
        return MailTransport(
            server: server, security: security, username: username, password: password,
            caFile: caFile.map { configRelativePath($0) }, from: from, to: to,
            ehlo: ehlo.flatMap { MailTransport.isEHLOName($0) ? $0 : nil })
    }

    private mutating func decodeMatrix(
        _ table: TOMLTable, at path: ConfigurationKeyPath, readSecret: SecretReader
    ) -> MatrixTransport? {
        var homeserver: String?
        if let text = requiredText(table, "homeserver", at: path, example: "\"https://matrix.example.org\"") {
            homeserver = httpURL(text, at: path.appending(key: "homeserver"), allowsPath: false, carries: "the access token")
        }
        var room: String?
        if let text = requiredText(table, "room", at: path, example: "\"!AbCdEf:example.org\"") {
            if text.hasPrefix("#") {
                error(
                    path.appending(key: "room"), "\"\(text)\" is a room alias, not a room ID",
                    hint: "use the room's ID (it starts with !), shown in the room's settings under Advanced")
            } else if !text.hasPrefix("!") || text.count < 2
                || text.contains(where: { $0.isWhitespace || $0 == "/" || !$0.isASCII || $0.asciiValue! < 0x20 })
            {
                // Room versions before 12 name the server (`!opaque:example.org`); version 12 (MSC4291) does not.
                error(path.appending(key: "room"), "\"\(text)\" is not a room ID", hint: "write it as \"!AbCdEf:example.org\"")
            } else {
                room = text
            }
        }
        var token: Secret?
        if let file = requiredText(table, "token_file", at: path, example: "\"matrix-token\"") {
            token = secret(file, at: path.appending(key: "token_file"), readSecret: readSecret)
        }
        guard let homeserver, let room, let token else { return nil }
        return MatrixTransport(homeserver: homeserver, room: room, token: token)
    }

    private mutating func decodeWebhook(
        _ table: TOMLTable, at path: ConfigurationKeyPath, readSecret: SecretReader
    ) -> WebhookTransport? {
        var url: String?
        if let text = requiredText(table, "url", at: path, example: "\"https://hooks.example.org/partnerd\"") {
            url = httpURL(text, at: path.appending(key: "url"), allowsPath: true, carries: "the reminders")
        }
        let format: WebhookTransport.Format? = choice(table["format"], at: path.appending(key: "format"), default: .json)
        var token: Secret?
        if let file = optionalText(table, "token_file", at: path) {
            token = secret(file, at: path.appending(key: "token_file"), readSecret: readSecret)
            if token == nil { return nil }
        }
        var headers: [WebhookTransport.HeaderField] = []
        if let node = table["headers"], let fields = self.table(node, at: path.appending(key: "headers")) {
            let reserved = ["content-type", "content-length", "host", "idempotency-key", "authorization", "transfer-encoding", "connection"]
            for name in fields.keys.sorted() {
                let fieldPath = path.appending(key: "headers").appending(key: name)
                guard let value = string(fields[name]!, at: fieldPath) else { continue }
                let isToken = !name.isEmpty && name.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
                if !isToken {
                    error(fieldPath, "\"\(name)\" is not an HTTP header name", hint: "use letters, digits and - only, e.g. \"X-Team\"")
                } else if reserved.contains(name.lowercased()) {
                    error(
                        fieldPath, "partnerd sets the header \(name) itself",
                        hint: name.lowercased() == "authorization" ? "put the token in a file and name it with token_file" : "remove it")
                } else if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    error(fieldPath, "the value of \(name) holds a control character or a line break", hint: "write it on one line")
                } else {
                    headers.append(WebhookTransport.HeaderField(name: name, value: value))
                }
            }
        }
        guard let url, let format else { return nil }
        return WebhookTransport(url: url, format: format, token: token, headers: headers)
    }

    private mutating func decodeExec(_ table: TOMLTable, at path: ConfigurationKeyPath) -> ExecTransport? {
        var command: [String]?
        if let node = table["command"] {
            if case .string(let text) = node {
                error(
                    path.appending(key: "command"), "command is a string; partnerd runs no shell",
                    hint: "write the argv as an array: command = [\"\(text.split(separator: " ").first ?? "/usr/local/bin/notify")\", …]")
            } else if let list = stringList(node, at: path.appending(key: "command")) {
                if list.isEmpty {
                    error(path.appending(key: "command"), "the command is empty", hint: "write e.g. [\"/usr/local/bin/notify-office\"]")
                } else if !list[0].hasPrefix("/") {
                    error(
                        path.appending(key: "command").appending(.index(0)), "\"\(list[0])\" is not an absolute path",
                        hint: "name the program by its full path, e.g. \"/usr/local/bin/\(list[0])\"; no PATH lookup is done")
                } else if list.contains(where: { $0.contains("\u{0}") }) {
                    error(path.appending(key: "command"), "an argument holds the NUL character", hint: "remove it")
                } else {
                    command = list
                }
            }
        } else {
            error(path.appending(key: "command"), "command is missing", hint: "add command = [\"/usr/local/bin/notify-office\"]")
        }
        var timeout: Int64 = 30
        if let node = table["timeout"], let text = string(node, at: path.appending(key: "timeout")) {
            if let seconds = Self.seconds(text), seconds >= 1, seconds <= 600 {
                timeout = seconds
            } else {
                error(
                    path.appending(key: "timeout"), "\"\(text)\" is not a timeout between 1 s and 10 min",
                    hint: "write e.g. \"30s\", \"2min\" or \"10min\"")
            }
        }
        guard let command else { return nil }
        return ExecTransport(command: command, timeout: timeout)
    }

    /// `"30s"`, `"2min"`, `"1h"`: seconds, for timeouts (spans have no seconds unit).
    static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingASCIIWhitespace()
        for unit in ["seconds", "second", "sec", "s"] where trimmed.hasSuffix(unit) {
            let number = String(trimmed.dropLast(unit.count)).trimmingASCIIWhitespace()
            if let value = Int64(number), !number.hasPrefix("+") { return value }
        }
        guard let span = try? Span(parsing: trimmed), span.months == 0, span.days < 1 else { return nil }
        return span.seconds
    }

    // MARK: - Values

    /// The path under which a secret or CA file is read: absolute as written; else under `$CREDENTIALS_DIRECTORY`
    /// when set (systemd's `LoadCredential=`), else beside the config file.
    func credentialPath(_ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if let directory = credentialsDirectory { return "\(directory)/\(name)" }
        let directory = file.directoryPart
        return directory.isEmpty ? name : "\(directory)/\(name)"
    }

    /// A file that is no secret (`ca_file`): absolute as written, else beside the config file.
    func configRelativePath(_ name: String) -> String {
        if name.hasPrefix("/") { return name }
        let directory = file.directoryPart
        return directory.isEmpty ? name : "\(directory)/\(name)"
    }

    private mutating func secret(_ name: String, at path: ConfigurationKeyPath, readSecret: SecretReader) -> Secret? {
        let full = credentialPath(name)
        switch readSecret(full) {
        case .success(let text):
            // Unicode scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            var value = text
            while let last = value.unicodeScalars.last, last == "\n" || last == "\r" { value.unicodeScalars.removeLast() }
            if value.isEmpty {
                error(path, "the secret file \"\(full)\" is empty", hint: "write the secret into it, on one line")
                return nil
            }
            if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                error(path, "the secret file \"\(full)\" has more than one line", hint: "keep only the secret, on one line")
                return nil
            }
            return Secret(value)
        case .failure(let failure):
            error(
                path, "cannot read the secret file \"\(full)\": \(failure.reason)",
                hint: credentialsDirectory == nil
                    ? "create it beside the config, readable by the daemon's user only (mode 0600 or 0640 root:partnerd), or pass it with LoadCredential="
                    : "pass it to the service with LoadCredential=\(name):/etc/partnerd/\(name)")
            return nil
        }
    }

    private mutating func serverAddress(_ text: String, defaultPort: Int, at path: ConfigurationKeyPath) -> ServerAddress? {
        var host = text
        var port = defaultPort
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                error(path, "\"\(text)\" opens [ for an IPv6 address but does not close it", hint: "write e.g. \"[::1]:587\"")
                return nil
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()), (1...65_535).contains(value) else {
                    error(path, "\"\(text)\" has no valid port after the address", hint: "write e.g. \"[::1]:587\"")
                    return nil
                }
                port = value
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            guard let value = Int(text[text.index(after: colon)...]), (1...65_535).contains(value) else {
                error(path, "\"\(text)\" has no valid port (1–65535) after the colon", hint: "write e.g. \"mail.example.org:587\"")
                return nil
            }
            port = value
        }
        guard Self.isHostName(host) else {
            error(path, "\"\(host)\" is not a host name or IP address", hint: "write e.g. \"mail.example.org:587\"")
            return nil
        }
        return ServerAddress(host: host, port: port)
    }

    /// A DNS name, an IPv4 address or (unbracketed) an IPv6 address.
    static func isHostName(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        if host.contains(":") {
            return host.filter { $0 == ":" }.count >= 2 && host.contains(where: \.isHexDigit)
                && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }

    /// An `http(s)://host[:port][/path]` URL; a plain-http one to another machine is a warning, as it carries
    /// `what` unencrypted.
    private mutating func httpURL(
        _ text: String, at path: ConfigurationKeyPath, allowsPath: Bool, carries what: String
    ) -> String? {
        let lowered = text.lowercased()
        let scheme = lowered.hasPrefix("https://") ? "https://" : lowered.hasPrefix("http://") ? "http://" : nil
        let rest = scheme.map { String(text.dropFirst($0.count)) } ?? ""
        let authority = String(rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let afterAuthority = rest.dropFirst(authority.count)
        var host = authority
        if let at = authority.lastIndex(of: "@") {
            error(
                path, "\"\(text)\" carries credentials in the URL",
                hint: "remove \(authority[..<at])@ and put the token in a file named by token_file")
            return nil
        }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65_535).contains(port) else {
                    error(path, "\"\(text)\" has no valid port after the address", hint: "write e.g. \"https://[2001:db8::1]:8448\"")
                    return nil
                }
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let port = Int(host[host.index(after: colon)...]), (1...65_535).contains(port) else {
                error(path, "\"\(text)\" has no valid port after the host", hint: "write e.g. \"https://matrix.example.org:8448\"")
                return nil
            }
            host = String(host[..<colon])
        }
        guard let scheme, Self.isHostName(host),
            !text.contains(where: { $0.isWhitespace || $0.isNewline || !$0.isASCII || $0 == "#" })
        else {
            error(
                path, "\"\(text)\" is not an http(s) URL",
                hint: allowsPath ? "write e.g. \"https://hooks.example.org/partnerd\"" : "write e.g. \"https://matrix.example.org\"")
            return nil
        }
        if !allowsPath, !(afterAuthority.isEmpty || afterAuthority == "/") {
            error(path, "\"\(text)\" has a path; the homeserver is named by its base URL", hint: "write \"\(scheme)\(authority)\"")
            return nil
        }
        if scheme == "http://", !ServerAddress.isLoopback(host) {
            warning(
                path, "\"\(text)\" is plain http: \(what) travel unencrypted to \(host)",
                hint: "use https:// unless the network between is trusted", kind: .plainHTTP)
        }
        var url = text
        if !allowsPath { while url.hasSuffix("/") { url.removeLast() } }
        return url
    }

    // MARK: - Routes

    /// The `[[route]]` tables; ids of channels and partnerships are checked by ``checkRouting(_:channels:partnerships:)``.
    /// A route as read, with where it stands and its partnership ids in the order written.
    struct RouteDraft {
        var route: ChannelRoute
        var path: ConfigurationKeyPath
        var partnerships: [PartnershipID]
    }

    mutating func decodeRoutes(_ table: TOMLTable) -> [RouteDraft] {
        guard let node = table["route"] else { return [] }
        guard case .array(let items) = node else {
            error(
                ConfigurationKeyPath().appending(key: "route"), "route must be an array of tables",
                hint: "write each one under its own [[route]] header")
            return []
        }
        var result: [RouteDraft] = []
        for (index, item) in items.enumerated() {
            let path = ConfigurationKeyPath([.element("route", id: nil, index: index)])
            guard let table = self.table(item, at: path) else { continue }
            checkKeys(table, allowed: ConfigurationSchema.routeKeys, at: path)
            var partnerships: Set<PartnershipID>?
            var written: [PartnershipID] = []
            if let node = table["partnerships"] {
                var ids = Set<PartnershipID>()
                for (offset, text) in (stringList(node, at: path.appending(key: "partnerships")) ?? []).enumerated() {
                    if let id = PartnershipID(validating: text) {
                        ids.insert(id)
                        written.append(id)
                    } else {
                        error(
                            path.appending(key: "partnerships").appending(.index(offset)),
                            "\"\(text)\" is not a partnership id", hint: "partnership ids use a-z, 0-9 and -")
                    }
                }
                partnerships = ids
            }
            var kinds: Set<Occurrence.Kind>?
            if let node = table["kinds"] {
                var found = Set<Occurrence.Kind>()
                for (offset, item) in (array(node, at: path.appending(key: "kinds"))?.elements ?? []).enumerated() {
                    let itemPath = path.appending(key: "kinds").appending(.index(offset))
                    if let kind: Occurrence.Kind = choice(item, at: itemPath, default: .event) { found.insert(kind) }
                }
                kinds = found
            }
            var channels: [ChannelID] = []
            if let node = table["channels"] {
                channels = channelIDs(node, at: path.appending(key: "channels"))
                if channels.isEmpty, case .array(let items) = node, items.isEmpty {
                    error(path.appending(key: "channels"), "the route sends to no channel", hint: "list channel ids, or remove the route")
                }
            } else {
                error(path.appending(key: "channels"), "the route names no channels", hint: "add channels = [\"…\"]")
            }
            result.append(
                RouteDraft(
                    route: ChannelRoute(partnerships: partnerships, kinds: kinds, channels: channels), path: path,
                    partnerships: written))
        }
        return result
    }

    /// A list of channel ids as written (existence is checked later, against every channel).
    mutating func channelIDs(_ node: TOMLValue, at path: ConfigurationKeyPath) -> [ChannelID] {
        var ids: [ChannelID] = []
        for (offset, text) in (stringList(node, at: path) ?? []).enumerated() {
            if let id = ChannelID(validating: text) {
                ids.append(id)
            } else {
                error(path.appending(.index(offset)), "\"\(text)\" is not a channel id", hint: "channel ids use a-z, 0-9 and -")
            }
        }
        return ids
    }

    /// Checks that routes and `reminders.channels` name channels and partnerships that exist, and warns of a
    /// channel that no reminder reaches.
    mutating func checkRouting(
        routes: [RouteDraft], defaults: [ChannelID],
        defaultsPath: ConfigurationKeyPath, channels: [ChannelSettings], partnerships: [PartnershipID]
    ) {
        let channelIDs = channels.map(\.id.rawValue)
        let partnershipIDs = Set(partnerships)
        func checkChannels(_ ids: [ChannelID], at path: ConfigurationKeyPath, reader: inout ConfigurationReader) {
            for (offset, id) in ids.enumerated() where !channelIDs.contains(id.rawValue) {
                reader.error(
                    path.appending(.index(offset)), "no channel has the id \"\(id)\"\(Suggestion.phrase(for: id.rawValue, among: channelIDs))",
                    hint: channelIDs.isEmpty ? "add a [[channel]] with id = \"\(id)\"" : "use one of \(channelIDs.joined(separator: ", "))")
            }
        }
        checkChannels(defaults, at: defaultsPath, reader: &self)
        for draft in routes {
            checkChannels(draft.route.channels, at: draft.path.appending(key: "channels"), reader: &self)
            for (offset, id) in draft.partnerships.enumerated() where !partnershipIDs.contains(id) {
                error(
                    draft.path.appending(key: "partnerships").appending(.index(offset)),
                    "no partnership has the id \"\(id)\"\(Suggestion.phrase(for: id.rawValue, among: partnerships.map(\.rawValue)))",
                    hint: "use the id of a [[partnership]]")
            }
        }
        var reached = Set(defaults)
        for draft in routes { reached.formUnion(draft.route.channels) }
        for (index, channel) in channels.enumerated() where !reached.contains(channel.id) {
            warning(
                ConfigurationKeyPath([.element("channel", id: channel.id.rawValue, index: index)]).appending(key: "id"),
                "no reminder goes to the channel \"\(channel.id)\"",
                hint: "add it to reminders.channels or to the channels of a [[route]]", kind: .unusedChannel)
        }
    }

}
