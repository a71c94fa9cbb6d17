import DyadCore

/// Finds the base form of verbs and the singular of nouns, so that patterns are written once
/// ("hold talk with +") and match every inflection ("held talks with").
///
/// Irregular forms come from `irregular-verbs.txt`. Regular forms are undone by suffix rules,
/// and where several bases are possible ("used" -> "us" or "use") the one the lexicon knows
/// wins: a lemmatizer only needs to be right for words that patterns mention.
public struct Lemmatizer: Sendable {
    private var irregular: [String: String] = [:]
    private var knownLemmas: Set<String> = []
    private var irregularParticiples: Set<String> = []

    public init() {}

    /// Whether a lower-case verb form can be a past participle ("warned", "held", "seen"): the
    /// sign of a passive after a form of "be".
    public func isPastParticiple(_ word: String) -> Bool {
        if irregularParticiples.contains(word) { return true }
        if irregular[word] != nil { return false }
        return word.hasSuffix("ed") || word.hasSuffix("en")
    }

    /// Adds a line of `irregular-verbs.txt`: the base form, then forms that map to it.
    mutating func addIrregular(base: String, forms: [String]) {
        knownLemmas.insert(base)
        for form in forms where irregular[form] == nil { irregular[form] = base }
        // The third column is the past participle ("go went gone").
        if forms.count >= 2 { irregularParticiples.insert(forms[1]) }
    }

    /// Records a lemma the lexicon uses, to choose between candidate bases.
    mutating func addKnownLemma(_ lemma: String) { knownLemmas.insert(lemma) }

    /// The lemma of a lower-case word with the given tag.
    public func lemma(of word: String, tag: UPOS) -> String {
        switch tag {
        case .VERB, .AUX: return verbLemma(word)
        case .NOUN, .PROPN: return nounLemma(word)
        default:
            // Taggers err on participles used as adjectives ("the affected pipeline") and on
            // nouns; try both readings against the lexicon's words.
            if tag == .ADJ, word.hasSuffix("ed") || word.hasSuffix("ing") {
                let verb = verbLemma(word)
                if knownLemmas.contains(verb) { return verb }
            }
            return word
        }
    }

    public func verbLemma(_ word: String) -> String {
        if let base = irregular[word] { return base }
        if knownLemmas.contains(word) { return word }
        let candidates = Lemmatizer.verbCandidates(word)
        for candidate in candidates where knownLemmas.contains(candidate) { return candidate }
        return candidates.first ?? word
    }

    public func nounLemma(_ word: String) -> String {
        if knownLemmas.contains(word) { return word }
        let candidates = Lemmatizer.nounCandidates(word)
        for candidate in candidates where knownLemmas.contains(candidate) { return candidate }
        return candidates.first ?? word
    }

    /// Possible bases of a regular verb form, most likely first.
    static func verbCandidates(_ word: String) -> [String] {
        var result: [String] = []
        func strip(_ suffix: String, add: String = "") {
            guard word.hasSuffix(suffix), word.count > suffix.count + 1 else { return }
            result.append(String(word.dropLast(suffix.count)) + add)
        }
        if word.hasSuffix("ies") { strip("ies", add: "y") }
        if word.hasSuffix("ied") { strip("ied", add: "y") }
        if word.hasSuffix("ing") {
            strip("ing")
            strip("ing", add: "e")
            undouble(word.dropLast(3), into: &result)
        }
        if word.hasSuffix("ed") {
            strip("d")
            strip("ed")
            undouble(word.dropLast(2), into: &result)
        }
        if word.hasSuffix("es") { strip("es"); strip("s") } else if word.hasSuffix("s") && !word.hasSuffix("ss") { strip("s") }
        return result
    }

    /// Possible singulars of a plural noun, most likely first.
    static func nounCandidates(_ word: String) -> [String] {
        var result: [String] = []
        if word.hasSuffix("ies"), word.count > 4 { result.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("ves"), word.count > 4 { result.append(String(word.dropLast(3)) + "f") }
        if word.hasSuffix("men"), word.count > 4 { result.append(String(word.dropLast(3)) + "man") }
        if word.hasSuffix("es"), word.count > 3 {
            result.append(String(word.dropLast(1)))
            result.append(String(word.dropLast(2)))
        } else if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), word.count > 3 {
            result.append(String(word.dropLast(1)))
        }
        return result
    }

    /// "banned" -> "ban", "stopping" -> "stop": a doubled final consonant is undone.
    private static func undouble(_ stem: Substring, into result: inout [String]) {
        guard stem.count >= 3, let last = stem.last, stem.dropLast().last == last,
              !"aeiouslz".contains(last) else { return }
        result.append(String(stem.dropLast()))
    }
}
