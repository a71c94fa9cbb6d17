import DyadCore
import DyadLexicon

/// The closing attribution of a sentence: ", police said on Monday", ", said a spokesman for the
/// minister", ", according to a report by ...". Who reported an act is neither its doer nor its
/// target, so the coder keeps the clause's complements, list continuations and fill-in countries
/// out of it.
enum Attribution {
    /// The token where the sentence's closing attribution starts (its comma, or "according"),
    /// or the sentence's end when it has none.
    static func start(of sentence: Sentence, chunks: [Chunk], words: WordAnalysis, tokens: [Token], shared: SharedLexicon) -> Int {
        let range = sentence.tokens
        let verbs = chunks.filter { $0.kind == .verb }
        guard let firstVerb = verbs.first else { return range.upperBound }
        // ", according to X": to the next comma or the end.
        var index = firstVerb.tokens.upperBound
        while index + 1 < range.upperBound {
            if words.lowered[index] == "according", words.lowered[index + 1] == "to" {
                let start = index - 1 >= range.lowerBound && words.lowered[index - 1] == "," ? index - 1 : index
                var end = index + 2
                while end < range.upperBound, words.lowered[end] != "," { end += 1 }
                // Only a closing "according to": one in the middle leaves the clause after it.
                if end >= range.upperBound - 1 { return start }
                break
            }
            index += 1
        }
        // ", X said (on Monday)" or ", said X": the last reporting verb after a comma, with nothing
        // after it but its own modifiers, and a clause of its own before the comma.
        func isFinite(_ chunk: Chunk) -> Bool {
            let head = words.lowered[chunk.head]
            if chunk.tokens.count == 1, tokens[chunk.head].pos == .VERB,
               head.hasSuffix("ing") || (shared.lexicon.lemmatizer.isPastParticiple(head) && !ClauseWords.reportingVerbs.contains(words.verbLemma(chunk.head))) {
                return false
            }
            return true
        }
        guard let report = verbs.last(where: { ClauseWords.reportingVerbs.contains(words.verbLemma($0.head)) }),
              report.tokens.lowerBound > firstVerb.tokens.lowerBound else { return range.upperBound }
        // Nothing finite after it: "said in remarks published here" is fine, "said it would" is not.
        if verbs.contains(where: { $0.tokens.lowerBound > report.tokens.lowerBound && isFinite($0) }) { return range.upperBound }
        if report.tokens.upperBound < range.upperBound, ["that", "it", "he", "she", "they", "we"].contains(words.lowered[report.tokens.upperBound]) {
            return range.upperBound
        }
        var comma = report.tokens.lowerBound - 1
        while comma > firstVerb.tokens.lowerBound, words.lowered[comma] != "," {
            if let chunk = verbs.first(where: { $0.tokens.contains(comma) }), isFinite(chunk) { return range.upperBound }
            comma -= 1
        }
        guard comma > firstVerb.tokens.lowerBound, words.lowered[comma] == "," else { return range.upperBound }
        return comma
    }
}
