/// The language of titles and reminder messages (`daemon.language`).
public enum Language: String, Sendable, CaseIterable, Codable {
    case de, en, fr, nl
}
