import DyadCore

/// Finds the base form of verbs and the singular of nouns, so that patterns are written once
/// ("hold talk with +") and match every inflection ("held talks with").
///
/// Irregular forms come from `irregular-verbs.txt`. Regular forms are undone by suffix rules,
/// and where several bases are possible ("used" -> "us" or "use") the one the lexicon knows
/// wins: a lemmatizer only needs to be right for words that patterns mention.
public struct Lemmatizer: Sendable {
    private(set) var irregular: [String: String] = [:]
    private(set) var knownLemmas: Set<String> = []
    private(set) var irregularParticiples: Set<String> = []

    public init() {}

    /// A lemmatizer from the parts another one saved (a lexicon snapshot).
    init(irregular: [String: String], knownLemmas: Set<String>, irregularParticiples: Set<String>) {
        self.irregular = irregular
        self.knownLemmas = knownLemmas
        self.irregularParticiples = irregularParticiples
    }

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
        // Every candidate rule needs a word ending in d, g or s: the rest are their own lemma
        // (tested first, because most words never reach the rules).
        guard let last = word.utf8.last, last == UInt8(ascii: "d") || last == UInt8(ascii: "g") || last == UInt8(ascii: "s")
        else { return word }
        // A known base wins over the form itself: "arrested" may appear as a word in some
        // pattern, but the verb's lemma is "arrest".
        let candidates = Lemmatizer.verbCandidates(word)
        for candidate in candidates where knownLemmas.contains(candidate) { return candidate }
        if knownLemmas.contains(word) { return word }
        return candidates.first ?? word
    }

    public func nounLemma(_ word: String) -> String {
        // Every candidate rule needs a word ending in s or "men": the rest are their own lemma.
        guard let last = word.utf8.last, last == UInt8(ascii: "s") || (last == UInt8(ascii: "n") && word.utf8.reversed().starts(with: "nem".utf8))
        else { return word }
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
        let letters = Letters(word)
        let count = letters.count
        var result: [String] = []
        if (letters.hasSuffix("ied") || letters.hasSuffix("ies")) && count > 4 { result.append(letters.prefix(count - 3, "y")) }
        for (suffix, length) in [("ed" as StaticString, 2), ("ing", 3)] where letters.hasSuffix(suffix) && count > length + 2 {
            let stem = count - length
            let last = letters.ascii(stem - 1)
            if length == 2, last == UInt8(ascii: "e") {
                result.append(letters.prefix(stem, "e"))  // "guaranteed" -> "guarantee": only the d goes
                continue
            }
            // "banned" -> "ban"; a doubled l, s or z is as often the base's own ("called",
            // "passed") as a doubling ("expelled"), so it comes after the plain stem.
            let doubled = stem >= 3 && letters.same(stem - 1, stem - 2) && !Letters.isVowel(last) ? letters.prefix(stem - 1) : nil
            let softDoubling = last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z")
            if let doubled, !softDoubling { result.append(doubled) }
            // A stem ending consonant-vowel-consonant ("vot", "hop", "us") usually drops a silent
            // e; w, x and y never take one, and two vowels do not make one ("sailed" -> "sail").
            let shortSyllable = !Letters.isVowel(last) && last != UInt8(ascii: "w") && last != UInt8(ascii: "x")
                && last != UInt8(ascii: "y") && stem >= 2 && Letters.isVowel(letters.ascii(stem - 2))
                && !(stem >= 3 && Letters.isVowel(letters.ascii(stem - 3)))
            if shortSyllable {
                result.append(letters.prefix(stem, "e"))  // "voted" -> "vote", "using" -> "use"
                result.append(letters.prefix(stem))
            } else {
                result.append(letters.prefix(stem))  // "expected" -> "expect"
                result.append(letters.prefix(stem, "e"))
            }
            if let doubled, softDoubling { result.append(doubled) }
        }
        if letters.hasSuffix("es"), count > 3 {
            let stem = count - 2
            let last = letters.ascii(stem - 1)
            let sibilant = last == UInt8(ascii: "s") || last == UInt8(ascii: "x") || last == UInt8(ascii: "z") || last == UInt8(ascii: "o")
                || (last == UInt8(ascii: "h") && (letters.ascii(stem - 2) == UInt8(ascii: "c") || letters.ascii(stem - 2) == UInt8(ascii: "s")))
            if sibilant { result.append(letters.prefix(stem)) }
            result.append(letters.prefix(count - 1))
        } else if letters.hasSuffix("s"), !letters.hasSuffix("ss"), count > 2 {
            result.append(letters.prefix(count - 1))
        }
        return result
    }

    /// Possible singulars of a plural noun, most likely first.
    static func nounCandidates(_ word: String) -> [String] {
        let letters = Letters(word)
        let count = letters.count
        var result: [String] = []
        if letters.hasSuffix("ies"), count > 4 { result.append(letters.prefix(count - 3, "y")) }
        if letters.hasSuffix("ves"), count > 4 { result.append(letters.prefix(count - 3, "f")) }
        if letters.hasSuffix("men"), count > 4 { result.append(letters.prefix(count - 3, "man")) }
        if letters.hasSuffix("es"), count > 3 {
            result.append(letters.prefix(count - 1))
            result.append(letters.prefix(count - 2))
        } else if letters.hasSuffix("s"), !letters.hasSuffix("ss"), !letters.hasSuffix("us"), count > 3 {
            result.append(letters.prefix(count - 1))
        }
        return result
    }

}

/// A lower-case word as letters: its bytes when it is ASCII (nearly always, and cheap), its
/// Characters otherwise, so that lengths and positions count letters either way. Every verb and
/// noun of every sentence is lemmatized, so the common case must not do Character work.
private struct Letters {
    private let bytes: [UInt8]
    private let characters: [Character]
    let count: Int

    init(_ word: String) {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            bytes = Array(word.utf8)
            characters = []
            count = bytes.count
        } else {
            bytes = []
            characters = Array(word)
            count = characters.count
        }
    }

    /// The ASCII value of letter `index`, 0 for a letter that is not ASCII.
    func ascii(_ index: Int) -> UInt8 {
        characters.isEmpty ? bytes[index] : characters[index].asciiValue ?? 0
    }

    func same(_ one: Int, _ other: Int) -> Bool {
        characters.isEmpty ? bytes[one] == bytes[other] : characters[one] == characters[other]
    }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        return suffix.withUTF8Buffer { suffixBytes in
            (0..<length).allSatisfy { ascii(count - length + $0) == suffixBytes[$0] }
        }
    }

    /// The first `length` letters as a String, with `ending` after them.
    func prefix(_ length: Int, _ ending: String = "") -> String {
        (characters.isEmpty ? String(decoding: bytes[0..<length], as: UTF8.self) : String(characters[0..<length])) + ending
    }

    static func isVowel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i")
            || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u")
    }
}
