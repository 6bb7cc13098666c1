/// "Did you mean …?" for misspelt keys, zones and values.
package enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo: at most
    /// `limit` edits (default: a third of the word, at least 2).
    ///
    /// A word far longer than any candidate is no typo of one: it is refused before any distance is computed, so a
    /// megabyte of garbage costs a length comparison per candidate, not a megabyte-by-candidate table.
    static func closest(to word: String, among candidates: some Sequence<String>, limit: Int? = nil) -> String? {
        let length = word.count
        guard length <= maximumWordLength else { return nil }
        let lowered = Array(word.lowercased())
        let limit = limit ?? max(2, lowered.count / 3)
        var best: (String, Int)?
        for candidate in candidates where abs(candidate.count - length) <= limit {
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            if best == nil || distance < best?.1 ?? .max { best = (candidate, distance) }
        }
        guard let best else { return nil }
        return best.1 <= limit ? best.0 : nil
    }

    /// Longer than any key, zone name or value partnerd suggests.
    static let maximumWordLength = 64

    /// Levenshtein distance with transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// ` (did you mean "x"?)`, or nothing.
    package static func phrase(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
