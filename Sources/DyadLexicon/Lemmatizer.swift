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

    /// Adds verb forms a dictionary lists in no particular order (TABARI/PETRARCH `{PRAISED
    /// PRAISES PRAISING}`): each maps to the base, and those shaped like past participles
    /// ("praised", "taken", "shown", "done") stay participles.
    mutating func addForms(base: String, forms: [String]) {
        knownLemmas.insert(base)
        for form in forms where irregular[form] == nil {
            irregular[form] = base
            if ["ed", "en", "wn", "ne"].contains(where: { form.hasSuffix($0) }) { irregularParticiples.insert(form) }
        }
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
        // A known base wins over the form itself: "arrested" may appear as a word in some
        // pattern, but the verb's lemma is "arrest".
        let candidates = Lemmatizer.verbCandidates(word)
        for candidate in candidates where knownLemmas.contains(candidate) { return candidate }
        if knownLemmas.contains(word) { return word }
        return candidates.first ?? word
    }

    public func nounLemma(_ word: String) -> String {
        // The singular wins when the lexicon knows it, even if the plural is listed too
        // ("diplomats" is an agent phrase, "diplomat" the lemma patterns use).
        let candidates = Lemmatizer.nounCandidates(word)
        for candidate in candidates where knownLemmas.contains(candidate) { return candidate }
        if knownLemmas.contains(word) { return word }
        return candidates.first ?? word
    }

    /// Possible bases of a regular verb form, most likely first: the lexicon's known lemmas
    /// decide among them, and the order decides for words it does not know.
    static func verbCandidates(_ word: String) -> [String] {
        word.utf8.allSatisfy({ $0 < 0x80 }) ? asciiVerbCandidates(Array(word.utf8)) : characterVerbCandidates(word)
    }

    /// `verbCandidates` for any word, on its Characters.
    static func characterVerbCandidates(_ word: String) -> [String] {
        var result: [String] = []
        for (suffix, stem) in [("ied", "y"), ("ies", "y")] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            result.append(String(word.dropLast(suffix.count)) + stem)
        }
        for suffix in ["ed", "ing"] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
            let stem = word.dropLast(suffix.count)
            if suffix == "ed", stem.hasSuffix("e") {
                result.append(String(stem) + "e")  // "guaranteed" -> "guarantee": only the d goes
                continue
            }
            // "banned" -> "ban"; a doubled l, s or z is as often the base's own ("called",
            // "passed") as a doubling ("expelled"), so it comes after the plain stem.
            let doubled = undoubled(stem)
            let softDoubling = stem.last.map { "lsz".contains($0) } ?? false
            if let doubled, !softDoubling { result.append(doubled) }
            if endsInShortSyllable(stem) {
                result.append(String(stem) + "e")  // "voted" -> "vote", "using" -> "use"
                result.append(String(stem))
            } else {
                result.append(String(stem))  // "expected" -> "expect"
                result.append(String(stem) + "e")
            }
            if let doubled, softDoubling { result.append(doubled) }
        }
        if word.hasSuffix("es"), word.count > 3 {
            let stem = word.dropLast(2)
            if stem.hasSuffix("s") || stem.hasSuffix("x") || stem.hasSuffix("z") || stem.hasSuffix("ch") || stem.hasSuffix("sh") || stem.hasSuffix("o") {
                result.append(String(stem))
            }
            result.append(String(word.dropLast()))
        } else if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 2 {
            result.append(String(word.dropLast()))
        }
        return result
    }

    /// `verbCandidates` of an ASCII word, on its bytes: the same rules in the same order, without
    /// the Character work (every verb of every sentence comes through here).
    static func asciiVerbCandidates(_ word: [UInt8]) -> [String] {
        var result: [String] = []
        let count = word.count
        func hasSuffix(_ suffix: StaticString) -> Bool { ASCIIWord.hasSuffix(word, suffix) }
        func prefix(_ length: Int, _ ending: String = "") -> String { ASCIIWord.prefix(word, length, ending) }
        func isVowel(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i")
                || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u")
        }
        if (hasSuffix("ied") || hasSuffix("ies")) && count > 4 { result.append(prefix(count - 3, "y")) }
        for (suffix, length) in [("ed" as StaticString, 2), ("ing", 3)] where hasSuffix(suffix) && count > length + 2 {
            let stemLength = count - length
            let last = word[stemLength - 1]
            if length == 2, last == UInt8(ascii: "e") {
                result.append(prefix(stemLength, "e"))  // "guaranteed" -> "guarantee"
                continue
            }
            let doubled: String? = stemLength >= 3 && word[stemLength - 2] == last && !isVowel(last) ? prefix(stemLength - 1) : nil
            let softDoubling = last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z")
            if let doubled, !softDoubling { result.append(doubled) }
            var shortSyllable = !isVowel(last) && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
                && stemLength >= 2 && isVowel(word[stemLength - 2])
            if shortSyllable, stemLength >= 3, isVowel(word[stemLength - 3]) { shortSyllable = false }
            if shortSyllable {
                result.append(prefix(stemLength, "e"))
                result.append(prefix(stemLength))
            } else {
                result.append(prefix(stemLength))
                result.append(prefix(stemLength, "e"))
            }
            if let doubled, softDoubling { result.append(doubled) }
        }
        if hasSuffix("es"), count > 3 {
            let stem = count - 2
            let last = word[stem - 1]
            if last == UInt8(ascii: "s") || last == UInt8(ascii: "x") || last == UInt8(ascii: "z") || last == UInt8(ascii: "o")
                || (stem >= 2 && (word[stem - 2] == UInt8(ascii: "c") || word[stem - 2] == UInt8(ascii: "s")) && last == UInt8(ascii: "h")) {
                result.append(prefix(stem))
            }
            result.append(prefix(count - 1))
        } else if hasSuffix("s"), !hasSuffix("ss"), count > 2 {
            result.append(prefix(count - 1))
        }
        return result
    }

    /// A stem ending consonant-vowel-consonant ("vot", "hop", "us"), whose base usually ends in
    /// a silent e; w, x and y never take one.
    private static func endsInShortSyllable(_ stem: Substring) -> Bool {
        let letters = Array(stem)
        guard let last = letters.last, !"aeiouwxy".contains(last) else { return false }
        guard letters.count >= 2, "aeiou".contains(letters[letters.count - 2]) else { return false }
        if letters.count >= 3, "aeiou".contains(letters[letters.count - 3]) { return false }  // "sailed" -> "sail"
        return true
    }

    /// "bann" -> "ban": a doubled final consonant undone.
    private static func undoubled(_ stem: Substring) -> String? {
        guard stem.count >= 3, let last = stem.last, stem.dropLast().last == last, !"aeiou".contains(last) else { return nil }
        return String(stem.dropLast())
    }

    /// Possible singulars of a plural noun, most likely first.
    static func nounCandidates(_ word: String) -> [String] {
        word.utf8.allSatisfy({ $0 < 0x80 }) ? asciiNounCandidates(Array(word.utf8)) : characterNounCandidates(word)
    }

    /// `nounCandidates` of an ASCII word, on its bytes (the same rules in the same order).
    static func asciiNounCandidates(_ word: [UInt8]) -> [String] {
        var result: [String] = []
        let count = word.count
        func hasSuffix(_ suffix: StaticString) -> Bool { ASCIIWord.hasSuffix(word, suffix) }
        func prefix(_ length: Int, _ ending: String = "") -> String { ASCIIWord.prefix(word, length, ending) }
        if hasSuffix("ies"), count > 4 { result.append(prefix(count - 3, "y")) }
        if hasSuffix("ves"), count > 4 { result.append(prefix(count - 3, "f")) }
        if hasSuffix("men"), count > 4 { result.append(prefix(count - 3, "man")) }
        if hasSuffix("es"), count > 3 {
            result.append(prefix(count - 1))
            result.append(prefix(count - 2))
        } else if hasSuffix("s"), !hasSuffix("ss"), !hasSuffix("us"), count > 3 {
            result.append(prefix(count - 1))
        }
        return result
    }

    /// `nounCandidates` for any word, on its Characters.
    static func characterNounCandidates(_ word: String) -> [String] {
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

}

/// Suffix tests and prefixes of a lower-case ASCII word's bytes, for the lemmatizer's byte paths.
private enum ASCIIWord {
    static func hasSuffix(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard word.count >= length else { return false }
        return suffix.withUTF8Buffer { suffixBytes in
            (0..<length).allSatisfy { word[word.count - length + $0] == suffixBytes[$0] }
        }
    }

    /// The first `length` bytes as a String, with `ending` after them.
    static func prefix(_ word: [UInt8], _ length: Int, _ ending: String) -> String {
        String(decoding: word[0..<length], as: UTF8.self) + ending
    }
}
