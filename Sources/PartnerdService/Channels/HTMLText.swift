/// Text made safe inside HTML, for the Matrix message's `formatted_body` and the task confirm page.
enum HTMLText {
    /// `<`, `>`, `&`, `"` and `'` as entities; with `lineBreaks`, each newline as `<br>`.
    static func escaped(_ text: String, lineBreaks: Bool = false) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where lineBreaks: out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
