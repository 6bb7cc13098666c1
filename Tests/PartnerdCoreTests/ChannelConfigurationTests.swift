import Testing
@testable import PartnerdCore

/// Loads `main` as `etc/partnerd.toml` with `others` beside it (secret files among them), at a fixed "now",
/// optionally with `$CREDENTIALS_DIRECTORY` set.
func loadWithSecrets(
    _ main: String, others: [String: String] = ChannelConfigurationTests.secrets, credentialsDirectory: String? = nil
) -> ConfigurationLoader.Result {
    var files = others
    files["etc/partnerd.toml"] = main
    let now = Zone.utc.instant(for: LocalDateTime(year: 2026, month: 1, day: 15, hour: 12)!)
    return ConfigurationLoader(
        fileSystem: InMemoryFileSystem(files), now: now, systemZone: .utc, credentialsDirectory: credentialsDirectory
    ).load(path: "etc/partnerd.toml")
}

/// Lines of a config file, one argument each, so that a test can count them.
func tomlLines(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }
func tomlLines(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

@Suite("Config: [[channel]], [[route]] and reminders.channels")
struct ChannelConfigurationTests {
    /// The secret files beside the config: each ends in a line break, which is not part of the secret.
    static let secrets = [
        "etc/smtp-password": "s3cret-smtp\n",
        "etc/matrix-token": "syt_bWF0cml4_token\n",
        "etc/empty-password": "\n",
        "etc/two-line-token": "syt_first\nsyt_second\n",
    ]

    /// One channel of each type, two routes and the defaults; every channel is reached by some reminder.
    static let allTypes = """
        [daemon]
        timezone = "Europe/Berlin"
        language = "de"

        [reminders]
        channels = ["buero", "ssl-mail"]

        [[channel]]
        id = "buero"
        type = "mail"
        server = "mail.example.org"
        username = "partnerd"
        password_file = "smtp-password"
        from = "Städtepartnerschaften <partnerd@example.org>"
        to = ["protokoll@example.org", "buero@example.org"]

        [[channel]]
        id = "ssl-mail"
        type = "mail"
        server = "smtp.example.org"
        security = "tls"
        from = "partnerd@example.org"
        to = "amt@example.org"

        [[channel]]
        id = "raum"
        type = "matrix"
        homeserver = "https://matrix.example.org/"
        room = "!AbCdEf:example.org"
        token_file = "matrix-token"
        language = "en"
        timezone = "Europe/Brussels"
        notify_at = "08:00"
        retry_for = "6h"

        [[channel]]
        id = "ntfy"
        type = "webhook"
        url = "https://ntfy.example.org/partnerd"
        format = "ntfy"
        headers = { X-Tags = "calendar", Priority = "4" }

        [[channel]]
        id = "skript"
        type = "exec"
        command = ["/usr/local/bin/notify-office", "--urgent"]
        timeout = "30s"

        [[route]]
        partnerships = ["berlin-bruessel"]
        kinds = ["jubilee"]
        channels = ["raum", "ntfy"]

        [[route]]
        kinds = ["event"]
        channels = ["skript"]


        """ + minimalPartnership

    @Test("one channel of each type loads with its values, defaults and secrets")
    func allChannelTypes() throws {
        let result = loadWithSecrets(Self.allTypes)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        #expect(result.issues.isEmpty, "\(result.issues.map(\.rendered))")
        #expect(configuration.channels.map(\.id.rawValue) == ["buero", "ssl-mail", "raum", "ntfy", "skript"])
        #expect(configuration.channels.map(\.type) == ["mail", "mail", "matrix", "webhook", "exec"])
        let berlin = try #require(Zone(identifier: "Europe/Berlin"))
        let nine = try #require(LocalTime(hour: 9, minute: 0))

        let buero = try #require(configuration.channel(ChannelID(rawValue: "buero")))
        guard case .mail(let mail) = buero.transport else {
            Issue.record("buero is not a mail channel: \(buero.transport)")
            return
        }
        #expect(mail.server == ServerAddress(host: "mail.example.org", port: 587))
        #expect(mail.security == .starttls)
        #expect(mail.username == "partnerd")
        #expect(mail.password == Secret("s3cret-smtp"))
        #expect(mail.from == MailAddress(name: "Städtepartnerschaften", address: "partnerd@example.org"))
        #expect(mail.to == ["protokoll@example.org", "buero@example.org"])
        #expect(mail.caFile == nil)
        // Unset: the daemon's language, zone and notify_at, a day of retries.
        #expect(buero.language == .de)
        #expect(buero.zone == berlin)
        #expect(buero.notifyAt == nine)
        #expect(buero.retryForSeconds == 86_400)

        let ssl = try #require(configuration.channel(ChannelID(rawValue: "ssl-mail")))
        guard case .mail(let tls) = ssl.transport else {
            Issue.record("ssl-mail is not a mail channel: \(ssl.transport)")
            return
        }
        #expect(tls.server == ServerAddress(host: "smtp.example.org", port: 465))
        #expect(tls.security == .tls)
        #expect(tls.username == nil && tls.password == nil)
        #expect(tls.from == MailAddress(name: nil, address: "partnerd@example.org"))
        #expect(tls.to == ["amt@example.org"])

        let raum = try #require(configuration.channel(ChannelID(rawValue: "raum")))
        #expect(raum.transport == .matrix(MatrixTransport(
            homeserver: "https://matrix.example.org", room: "!AbCdEf:example.org", token: Secret("syt_bWF0cml4_token"))))
        #expect(raum.language == .en)
        #expect(raum.zone == Zone(identifier: "Europe/Brussels"))
        #expect(raum.notifyAt == LocalTime(hour: 8, minute: 0))
        #expect(raum.retryFor.text == "6h")
        #expect(raum.retryForSeconds == 6 * 3600)

        let ntfy = try #require(configuration.channel(ChannelID(rawValue: "ntfy")))
        #expect(ntfy.transport == .webhook(WebhookTransport(
            url: "https://ntfy.example.org/partnerd", format: .ntfy, token: nil,
            headers: [.init(name: "Priority", value: "4"), .init(name: "X-Tags", value: "calendar")])))

        let skript = try #require(configuration.channel(ChannelID(rawValue: "skript")))
        #expect(skript.transport == .exec(ExecTransport(command: ["/usr/local/bin/notify-office", "--urgent"], timeout: 30)))

        #expect(configuration.reminders.channels == [ChannelID(rawValue: "buero"), ChannelID(rawValue: "ssl-mail")])
        #expect(configuration.routes == [
            ChannelRoute(
                partnerships: [PartnershipID(rawValue: "berlin-bruessel")], kinds: [.jubilee],
                channels: [ChannelID(rawValue: "raum"), ChannelID(rawValue: "ntfy")]),
            ChannelRoute(partnerships: nil, kinds: [.event], channels: [ChannelID(rawValue: "skript")]),
        ])
        // Secrets never show when the settings are printed.
        let printed = "\(configuration.channels)"
        #expect(!printed.contains("s3cret-smtp") && !printed.contains("syt_bWF0cml4_token"), "\(printed)")
    }

    @Test("secrets are read from $CREDENTIALS_DIRECTORY when it is set, not beside the config")
    func credentialsDirectory() throws {
        let directory = "/run/credentials/partnerd.service"
        let result = loadWithSecrets(
            Self.allTypes,
            others: ["\(directory)/smtp-password": "from-credentials\n", "\(directory)/matrix-token": "token-credentials"],
            credentialsDirectory: directory)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        guard case .mail(let mail)? = configuration.channel(ChannelID(rawValue: "buero"))?.transport,
            case .matrix(let matrix)? = configuration.channel(ChannelID(rawValue: "raum"))?.transport
        else {
            Issue.record("the channels are missing: \(configuration.channels)")
            return
        }
        #expect(mail.password == Secret("from-credentials"))
        #expect(matrix.token == Secret("token-credentials"))

        // The files beside the config are not looked at when the directory is set.
        let beside = loadWithSecrets(Self.allTypes, credentialsDirectory: directory)
        #expect(beside.configuration == nil)
        #expect(beside.errors.contains {
            $0.message == "cannot read the secret file \"\(directory)/smtp-password\": no such file"
                && $0.hint?.contains("LoadCredential=smtp-password:") == true
        }, "\(beside.errors.map(\.rendered))")

        // An absolute path is read as written, wherever credentials come from.
        let absolute = loadWithSecrets(
            Self.allTypes.replacingOccurrences(of: "\"smtp-password\"", with: "\"/etc/partnerd/secret/smtp\""),
            others: ["/etc/partnerd/secret/smtp": "absolute\n", "\(directory)/matrix-token": "t"],
            credentialsDirectory: directory)
        guard case .mail(let absoluteMail)? = absolute.configuration?.channel(ChannelID(rawValue: "buero"))?.transport
        else {
            Issue.record("\(absolute.issues.map(\.rendered))")
            return
        }
        #expect(absoluteMail.password == Secret("absolute"))
    }

    @Test("a secret file with CRLF line ends is read like one with LF line ends")
    func crlfSecret() throws {
        let crlf = loadWithSecrets(
            Self.allTypes, others: Self.secrets.merging(["etc/matrix-token": "syt_bWF0cml4_token\r\n"]) { $1 })
        let configuration = try #require(crlf.configuration, "\(crlf.issues.map(\.rendered))")
        guard case .matrix(let matrix)? = configuration.channel(ChannelID(rawValue: "raum"))?.transport else {
            Issue.record("raum is not a matrix channel")
            return
        }
        let twoLines = loadWithSecrets(
            Self.allTypes, others: Self.secrets.merging(["etc/matrix-token": "syt_first\r\nsyt_second\r\n"]) { $1 })
        // Swift reads "\r\n" as one Character, equal to neither "\r" nor "\n": the reader must trim scalars.
        #expect(matrix.token == Secret("syt_bWF0cml4_token"))
        #expect(twoLines.errors.contains { $0.message.contains("has more than one line") })
    }

    @Test("a relative ca_file is checked where the mail sender reads it: beside the config")
    func caFileBesideConfig() throws {
        let toml = tomlLines(Self.mailChannel + ["ca_file = \"ca.pem\"", "[reminders]", "channels = [\"buero\"]"])
        let result = loadWithSecrets(
            toml + "\n" + minimalPartnership,
            others: Self.secrets.merging(["etc/ca.pem": "-----BEGIN CERTIFICATE-----\n"]) { $1 })
        // The path checked at load is the path the sender reads.
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        guard case .mail(let mail)? = configuration.channels.first?.transport else {
            Issue.record("no mail channel")
            return
        }
        #expect(mail.caFile == "etc/ca.pem")
    }

    @Test("exec timeouts in seconds or spans", arguments: [("30s", Int64(30)), ("45 seconds", 45), ("2min", 120), ("10min", 600)])
    func execTimeout(text: String, seconds: Int64) throws {
        let result = loadWithSecrets(Self.allTypes.replacingOccurrences(of: "timeout = \"30s\"", with: "timeout = \"\(text)\""))
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        guard case .exec(let exec)? = configuration.channel(ChannelID(rawValue: "skript"))?.transport else {
            Issue.record("skript is not an exec channel")
            return
        }
        #expect(exec.timeout == seconds)
    }

    // MARK: - Errors

    /// A mail channel on lines 1–6; cases add their own lines from line 7 on.
    static let mailChannel = [
        "[[channel]]",
        "id = \"buero\"",
        "type = \"mail\"",
        "server = \"mail.example.org\"",
        "from = \"partnerd@example.org\"",
        "to = [\"protokoll@example.org\"]",
    ]

    /// A matrix channel on lines 1–6 with the homeserver on line 4 and the room on line 5.
    static func matrixChannel(homeserver: String = "https://matrix.example.org", room: String = "!AbCdEf:example.org")
        -> [String]
    {
        [
            "[[channel]]", "id = \"raum\"", "type = \"matrix\"", "homeserver = \"\(homeserver)\"", "room = \"\(room)\"",
            "token_file = \"matrix-token\"",
        ]
    }

    /// An exec channel on lines 1–4 with the command on line 4.
    static func execChannel(id: String = "skript", command: String = "[\"/usr/local/bin/notify-office\"]") -> [String] {
        ["[[channel]]", "id = \"\(id)\"", "type = \"exec\"", "command = \(command)"]
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var toml: String
        /// Text the message must contain, and the hint.
        var message: String
        var hint: String?
        var keyPath: String
        var line: Int
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            name: "unknown channel key", toml: tomlLines(mailChannel + ["username = \"partnerd\"", "pasword_file = \"smtp-password\""]),
            message: "unknown key \"pasword_file\" in channel \"buero\"", hint: "did you mean \"password_file\"?",
            keyPath: "channel \"buero\" → pasword_file", line: 8),
        ErrorCase(
            name: "unknown type", toml: tomlLines("[[channel]]", "id = \"buero\"", "type = \"mial\"", "command = [\"/bin/true\"]"),
            message: "\"mial\" is not a channel type (did you mean \"mail\"?)", hint: "use one of mail, matrix, webhook, exec",
            keyPath: "channel \"buero\" → type", line: 3),
        ErrorCase(
            name: "duplicate channel id", toml: tomlLines(execChannel(id: "buero") + execChannel(id: "buero")),
            message: "the channel id \"buero\" is already used by channel #1", hint: "give each channel its own id",
            keyPath: "channel \"buero\" → id", line: 6),
        ErrorCase(
            name: "security none to another machine", toml: tomlLines(mailChannel + ["security = \"none\""]),
            message: "security = \"none\" would send the password and the mail unencrypted to mail.example.org",
            hint: "\"none\" is only for a server on this machine", keyPath: "channel \"buero\" → security", line: 7),
        ErrorCase(
            name: "missing secret file",
            toml: tomlLines(mailChannel + ["username = \"partnerd\"", "password_file = \"smtp-passwort\""]),
            message: "cannot read the secret file \"etc/smtp-passwort\": no such file", hint: "create it beside the config",
            keyPath: "channel \"buero\" → password_file", line: 8),
        ErrorCase(
            name: "empty secret file",
            toml: tomlLines(mailChannel + ["username = \"partnerd\"", "password_file = \"empty-password\""]),
            message: "the secret file \"etc/empty-password\" is empty", hint: "write the secret into it",
            keyPath: "channel \"buero\" → password_file", line: 8),
        ErrorCase(
            name: "secret file of two lines",
            toml: tomlLines(matrixChannel().map { $0.hasPrefix("token_file") ? "token_file = \"two-line-token\"" : $0 }),
            message: "the secret file \"etc/two-line-token\" has more than one line", hint: "keep only the secret, on one line",
            keyPath: "channel \"raum\" → token_file", line: 6),
        ErrorCase(
            name: "matrix room alias", toml: tomlLines(matrixChannel(room: "#partnerschaft:example.org")),
            message: "\"#partnerschaft:example.org\" is a room alias, not a room ID", hint: "use the room's ID (it starts with !)",
            keyPath: "channel \"raum\" → room", line: 5),
        ErrorCase(
            name: "homeserver with a path", toml: tomlLines(matrixChannel(homeserver: "https://matrix.example.org/_matrix/client")),
            message: "\"https://matrix.example.org/_matrix/client\" has a path; the homeserver is named by its base URL",
            hint: "write \"https://matrix.example.org\"", keyPath: "channel \"raum\" → homeserver", line: 4),
        ErrorCase(
            name: "webhook url not http(s)",
            toml: tomlLines("[[channel]]", "id = \"hook\"", "type = \"webhook\"", "url = \"ftp://hooks.example.org/partnerd\""),
            message: "\"ftp://hooks.example.org/partnerd\" is not an http(s) URL", hint: "https://hooks.example.org/partnerd",
            keyPath: "channel \"hook\" → url", line: 4),
        ErrorCase(
            name: "reserved header",
            toml: tomlLines(
                "[[channel]]", "id = \"hook\"", "type = \"webhook\"", "url = \"https://hooks.example.org/partnerd\"",
                "headers = { X-Team = \"rathaus\", Authorization = \"Bearer abc\" }"),
            message: "partnerd sets the header Authorization itself", hint: "token_file",
            keyPath: "channel \"hook\" → headers → Authorization", line: 5),
        ErrorCase(
            name: "exec command as a string", toml: tomlLines(execChannel(command: "\"/usr/local/bin/notify-office --urgent\"")),
            message: "command is a string; partnerd runs no shell", hint: "command = [\"/usr/local/bin/notify-office\", …]",
            keyPath: "channel \"skript\" → command", line: 4),
        ErrorCase(
            name: "exec program by a relative path", toml: tomlLines(execChannel(command: "[\"notify-office\", \"--urgent\"]")),
            message: "\"notify-office\" is not an absolute path", hint: "no PATH lookup is done",
            keyPath: "channel \"skript\" → command[0]", line: 4),
        ErrorCase(
            name: "exec timeout over ten minutes", toml: tomlLines(execChannel() + ["timeout = \"11min\""]),
            message: "\"11min\" is not a timeout between 1 s and 10 min", hint: "\"30s\"",
            keyPath: "channel \"skript\" → timeout", line: 5),
        ErrorCase(
            name: "exec timeout of zero", toml: tomlLines(execChannel() + ["timeout = \"0s\""]),
            message: "\"0s\" is not a timeout between 1 s and 10 min", hint: "\"30s\"",
            keyPath: "channel \"skript\" → timeout", line: 5),
        ErrorCase(
            name: "route to an unknown channel",
            toml: tomlLines(execChannel(id: "buero") + ["[[route]]", "kinds = [\"jubilee\"]", "channels = [\"bureo\"]"]),
            message: "no channel has the id \"bureo\" (did you mean \"buero\"?)", hint: "use one of buero",
            keyPath: "route #1 → channels[0]", line: 7),
        ErrorCase(
            name: "route for an unknown partnership",
            toml: tomlLines(execChannel(id: "buero") + ["[[route]]", "partnerships = [\"berlin-brussel\"]", "channels = [\"buero\"]"]),
            message: "no partnership has the id \"berlin-brussel\" (did you mean \"berlin-bruessel\"?)",
            hint: "use the id of a [[partnership]]", keyPath: "route #1 → partnerships[0]", line: 6),
        ErrorCase(
            name: "reminders.channels naming an unknown channel",
            toml: tomlLines(["[reminders]", "channels = [\"nirgends\"]"] + execChannel(id: "buero")),
            message: "no channel has the id \"nirgends\"", hint: "use one of buero", keyPath: "reminders → channels[0]",
            line: 2),
        ErrorCase(
            name: "mail to with a name",
            toml: tomlLines(Array(mailChannel.dropLast()) + ["to = [\"protokoll@example.org\", \"Büro <buero@example.org>\"]"]),
            message: "\"Büro <buero@example.org>\" is not a mail address", hint: "without a name or brackets",
            keyPath: "channel \"buero\" → to[1]", line: 6),
        ErrorCase(
            name: "mail ehlo that is no host name",
            toml: tomlLines(mailChannel + ["ehlo = \"partnerd buero\""]),
            message: "\"partnerd buero\" is not a host name for EHLO",
            hint: "a fully qualified name (\"partnerd.example.org\") or an address literal",
            keyPath: "channel \"buero\" → ehlo", line: 7),
    ]

    @Test("each channel error is reported with its message, hint, key path and line", arguments: errorCases)
    func channelError(_ error: ErrorCase) {
        let result = loadWithSecrets(error.toml + "\n" + minimalPartnership)
        #expect(result.configuration == nil, "\(error.name) should be rejected")
        let match = result.errors.first { $0.message.contains(error.message) }
        guard let match else {
            Issue.record("\(error.name): no error contains \(error.message); got \(result.errors.map(\.rendered))")
            return
        }
        if let hint = error.hint {
            #expect(match.hint?.contains(hint) == true, "\(error.name): \(match.rendered)")
        }
        #expect(match.keyPath.description == error.keyPath, "\(error.name): \(match.rendered)")
        #expect(match.line == error.line, "\(error.name): \(match.rendered)")
        #expect(match.file == "etc/partnerd.toml")
        #expect(result.errors.allSatisfy { $0.hint != nil }, "\(result.errors.map(\.rendered))")
    }

    @Test("security = \"none\" is accepted for a server on this machine, on port 25", arguments: [
        ("localhost", ServerAddress(host: "localhost", port: 25)),
        ("127.0.0.1", ServerAddress(host: "127.0.0.1", port: 25)),
        ("127.0.0.1:2525", ServerAddress(host: "127.0.0.1", port: 2525)),
        ("[::1]", ServerAddress(host: "::1", port: 25)),
        ("[::1]:2525", ServerAddress(host: "::1", port: 2525)),
    ])
    func plainMailToLoopback(server: String, expected: ServerAddress) throws {
        let toml = tomlLines(
            Self.mailChannel.map { $0.hasPrefix("server") ? "server = \"\(server)\"" : $0 }
                + ["security = \"none\"", "[reminders]", "channels = [\"buero\"]"])
        let result = loadWithSecrets(toml + "\n" + minimalPartnership)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        #expect(result.issues.isEmpty, "\(result.issues.map(\.rendered))")
        guard case .mail(let mail)? = configuration.channels.first?.transport else {
            Issue.record("no mail channel")
            return
        }
        #expect(mail.security == .none)
        #expect(mail.server == expected)
    }

    @Test("a plain-http webhook to another machine is a warning, not an error; to this machine nothing")
    func plainHTTP() throws {
        func webhook(_ url: String) -> String {
            tomlLines("[reminders]", "channels = [\"hook\"]", "[[channel]]", "id = \"hook\"", "type = \"webhook\"", "url = \"\(url)\"")
                + "\n" + minimalPartnership
        }
        let remote = loadWithSecrets(webhook("http://hooks.example.org/partnerd"))
        #expect(remote.configuration != nil, "\(remote.issues.map(\.rendered))")
        #expect(remote.errors.isEmpty)
        let warning = try #require(remote.warnings.first, "\(remote.issues.map(\.rendered))")
        #expect(remote.warnings.count == 1)
        #expect(warning.message == "\"http://hooks.example.org/partnerd\" is plain http: the reminders travel unencrypted to hooks.example.org")
        #expect(warning.keyPath.description == "channel \"hook\" → url")
        #expect(warning.line == 6)

        let local = loadWithSecrets(webhook("http://127.0.0.1:8080/partnerd"))
        #expect(local.configuration != nil)
        #expect(local.issues.isEmpty, "\(local.issues.map(\.rendered))")
    }

    @Test("a channel that no reminder reaches is a warning")
    func unusedChannel() throws {
        let result = loadWithSecrets(
            tomlLines(["[reminders]", "channels = [\"buero\"]"] + Self.execChannel(id: "buero") + Self.execChannel(id: "ersatz"))
                + "\n" + minimalPartnership)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        #expect(configuration.channels.count == 2)
        #expect(result.errors.isEmpty)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1, "\(result.warnings.map(\.rendered))")
        #expect(warning.message == "no reminder goes to the channel \"ersatz\"")
        #expect(warning.keyPath.description == "channel \"ersatz\" → id")
        #expect(warning.line == 8)
    }

    @Test("[[channel]] and [[route]] in an included file are errors of that file")
    func channelInInclude() throws {
        let result = loadWithSecrets(
            "include = [\"partnerships.d/*.toml\"]\n",
            others: [
                "etc/partnerships.d/a.toml": minimalPartnership + "\n\n"
                    + tomlLines(Self.execChannel(id: "buero") + ["[[route]]", "channels = [\"buero\"]"]),
            ])
        #expect(result.configuration == nil)
        let channel = try #require(
            result.errors.first { $0.message == "[[channel]] may only appear in the main config file" },
            "\(result.errors.map(\.rendered))")
        #expect(channel.file == "etc/partnerships.d/a.toml")
        #expect(channel.line == 8)
        #expect(channel.keyPath.description == "channel")
        #expect(result.errors.contains {
            $0.message == "[[route]] may only appear in the main config file" && $0.file == "etc/partnerships.d/a.toml"
                && $0.line == 12
        }, "\(result.errors.map(\.rendered))")
    }
}
