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
    /// `irregular` and `knownLemmas` again, for `lemma(ofLowercase:tag:)`, which reads text
    /// words as bytes: lower-case ASCII forms -> position in `irregularBases`, and lower-case
    /// ASCII known lemmas. Derived from the two above as they grow, never saved.
    private var irregularForms = LowercaseWordTable()
    private var irregularBases: [String] = []
    private var knownLemmaWords = LowercaseWordTable()
    /// False once a form, base or lemma is listed that the byte tables cannot stand for (see
    /// `remember(form:base:)`): every word then takes the String path.
    private var bytePathIsExact = true

    /// Whether `lemma(ofLowercase:_:tag:)` reads ASCII words through its byte tables (tests).
    var readsBytes: Bool { bytePathIsExact }

    public init() {}

    /// A lemmatizer from the parts another one saved (a lexicon snapshot).
    init(irregular: [String: String], knownLemmas: Set<String>, irregularParticiples: Set<String>) {
        self.irregular = irregular
        self.knownLemmas = knownLemmas
        self.irregularParticiples = irregularParticiples
        for (form, base) in irregular { remember(form: form, base: base) }
        for lemma in knownLemmas { remember(knownLemma: lemma) }
    }

    private mutating func remember(form: String, base: String) {
        // A non-ASCII base could be canonically equal to its ASCII form without the same bytes.
        if !base.utf8.allSatisfy({ $0 < 0x80 }) || LowercaseWordTable.canEqualASCII(form) { bytePathIsExact = false }
        irregularForms.insert(form, value: Int32(irregularBases.count))
        irregularBases.append(base)
    }

    private mutating func remember(knownLemma lemma: String) {
        if LowercaseWordTable.canEqualASCII(lemma) { bytePathIsExact = false }
        knownLemmaWords.insert(lemma, value: 0)
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
        addKnownLemma(base)
        for form in forms where irregular[form] == nil {
            irregular[form] = base
            remember(form: form, base: base)
        }
        // The third column is the past participle ("go went gone").
        if forms.count >= 2 { irregularParticiples.insert(forms[1]) }
    }

    /// Adds verb forms a dictionary lists in no particular order (TABARI/PETRARCH `{PRAISED
    /// PRAISES PRAISING}`): each maps to the base, and those shaped like past participles
    /// ("praised", "taken", "shown", "done") stay participles.
    mutating func addForms(base: String, forms: [String]) {
        addKnownLemma(base)
        for form in forms where irregular[form] == nil {
            irregular[form] = base
            remember(form: form, base: base)
            if ["ed", "en", "wn", "ne"].contains(where: { form.hasSuffix($0) }) { irregularParticiples.insert(form) }
        }
    }

    /// Records a lemma the lexicon uses, to choose between candidate bases.
    mutating func addKnownLemma(_ lemma: String) {
        if knownLemmas.insert(lemma).inserted { remember(knownLemma: lemma) }
    }

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

    /// A lemma as `lemma(ofLowercase:_:tag:)` gives it.
    public enum ByteLemma {
        /// The word is its own lemma.
        case word
        /// The first `length` bytes of the word, then `ending` ("carri" + "y"): never the word.
        case stem(length: Int, ending: StaticString)
        /// What `lemma(of:tag:)` gives: an irregular base, or any lemma of a word that is not ASCII.
        case other(String)
    }

    /// `lemma(of: word, tag: tag)` read from `bytes`, the UTF-8 of `word` (which must be lower
    /// case): an ASCII word is looked up by its bytes and its regular lemma given as a part of
    /// it, so that no String is built or SipHashed. Other words take the String path.
    public func lemma(ofLowercase bytes: UnsafeBufferPointer<UInt8>, _ word: String, tag: UPOS) -> ByteLemma {
        guard bytePathIsExact, bytes.allSatisfy({ $0 < 0x80 }) else { return .other(lemma(of: word, tag: tag)) }
        let letters = ASCIILetters(bytes: bytes)
        switch tag {
        case .VERB, .AUX: return verbLemma(letters)
        case .NOUN, .PROPN: return nounLemma(letters)
        case .ADJ where letters.hasSuffix("ed") || letters.hasSuffix("ing"):
            switch verbLemma(letters) {
            case .word: return .word  // known or not, the word stays
            case .stem(let length, let ending):
                return knownLemmaWords.value(UnsafeBufferPointer(rebasing: bytes[..<length]), ending) >= 0 ? .stem(length: length, ending: ending) : .word
            case .other(let verb): return knownLemmas.contains(verb) ? .other(verb) : .word
            }
        default: return .word
        }
    }

    private func verbLemma(_ word: ASCIILetters) -> ByteLemma {
        let found = irregularForms.value(word.bytes)
        if found >= 0 { return .other(irregularBases[Int(found)]) }
        guard let last = word.bytes.last, last == UInt8(ascii: "d") || last == UInt8(ascii: "g") || last == UInt8(ascii: "s")
        else { return .word }
        return regularLemma(word) { Lemmatizer.forEachVerbCandidate(word, $0) }
    }

    private func nounLemma(_ word: ASCIILetters) -> ByteLemma {
        guard let last = word.bytes.last, last == UInt8(ascii: "s") || (last == UInt8(ascii: "n") && word.hasSuffix("men"))
        else { return .word }
        return regularLemma(word) { Lemmatizer.forEachNounCandidate(word, $0) }
    }

    /// `verbLemma(_:)`'s and `nounLemma(_:)`'s choice among the candidates `rules` gives: the
    /// first the lexicon knows, else the word if it knows it, else the first.
    @inline(__always)
    private func regularLemma(_ word: ASCIILetters, rules: ((Int, CandidateEnding) -> Bool) -> Void) -> ByteLemma {
        var first: ByteLemma? = nil
        var known: ByteLemma? = nil
        rules { length, ending in
            let candidate = ByteLemma.stem(length: length, ending: ending.text)
            if first == nil { first = candidate }
            guard knownLemmaWords.value(UnsafeBufferPointer(rebasing: word.bytes[..<length]), ending.text) < 0 else {
                known = candidate
                return false
            }
            return true
        }
        if let known { return known }
        if knownLemmaWords.value(word.bytes) >= 0 { return .word }
        return first ?? .word
    }

    /// Possible bases of a regular verb form, most likely first: the lexicon's known lemmas
    /// decide among them, and the order decides for words it does not know.
    static func verbCandidates(_ word: String) -> [String] {
        let letters = Letters(word)
        var result: [String] = []
        forEachVerbCandidate(letters) { stem, ending in
            result.append(letters.prefix(stem, ending))
            return true
        }
        return result
    }

    /// Possible singulars of a plural noun, most likely first.
    static func nounCandidates(_ word: String) -> [String] {
        let letters = Letters(word)
        var result: [String] = []
        forEachNounCandidate(letters) { stem, ending in
            result.append(letters.prefix(stem, ending))
            return true
        }
        return result
    }

    /// The rules behind `verbCandidates`, written once for Strings and for bytes: calls `visit`
    /// with each candidate as (letters of the word kept, ending put after them), most likely
    /// first, until `visit` returns false.
    @inline(__always)
    static func forEachVerbCandidate<Word: LetterSequence>(_ letters: Word, _ visit: (Int, CandidateEnding) -> Bool) {
        let count = letters.count
        if (letters.hasSuffix("ied") || letters.hasSuffix("ies")) && count > 4 { guard visit(count - 3, .y) else { return } }
        for length in 2...3 where (length == 2 ? letters.hasSuffix("ed") : letters.hasSuffix("ing")) && count > length + 2 {
            let stem = count - length
            let last = letters.ascii(stem - 1)
            if length == 2, last == UInt8(ascii: "e") {
                guard visit(stem, .e) else { return }  // "guaranteed" -> "guarantee": only the d goes
                continue
            }
            // "banned" -> "ban"; a doubled l, s or z is as often the base's own ("called",
            // "passed") as a doubling ("expelled"), so it comes after the plain stem.
            let doubled = stem >= 3 && letters.same(stem - 1, stem - 2) && !isVowel(last)
            let softDoubling = last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z")
            if doubled, !softDoubling { guard visit(stem - 1, .none) else { return } }
            // A stem ending consonant-vowel-consonant ("vot", "hop", "us") usually drops a silent
            // e; w, x and y never take one, and two vowels do not make one ("sailed" -> "sail").
            let shortSyllable = !isVowel(last) && last != UInt8(ascii: "w") && last != UInt8(ascii: "x")
                && last != UInt8(ascii: "y") && stem >= 2 && isVowel(letters.ascii(stem - 2))
                && !(stem >= 3 && isVowel(letters.ascii(stem - 3)))
            if shortSyllable {
                guard visit(stem, .e), visit(stem, .none) else { return }  // "voted" -> "vote", "using" -> "use"
            } else {
                guard visit(stem, .none), visit(stem, .e) else { return }  // "expected" -> "expect"
            }
            if doubled, softDoubling { guard visit(stem - 1, .none) else { return } }
        }
        if letters.hasSuffix("es"), count > 3 {
            let stem = count - 2
            let last = letters.ascii(stem - 1)
            let sibilant = last == UInt8(ascii: "s") || last == UInt8(ascii: "x") || last == UInt8(ascii: "z") || last == UInt8(ascii: "o")
                || (last == UInt8(ascii: "h") && (letters.ascii(stem - 2) == UInt8(ascii: "c") || letters.ascii(stem - 2) == UInt8(ascii: "s")))
            if sibilant { guard visit(stem, .none) else { return } }
            _ = visit(count - 1, .none)
        } else if letters.hasSuffix("s"), !letters.hasSuffix("ss"), count > 2 {
            _ = visit(count - 1, .none)
        }
    }

    /// The rules behind `nounCandidates`, as `forEachVerbCandidate`.
    @inline(__always)
    static func forEachNounCandidate<Word: LetterSequence>(_ letters: Word, _ visit: (Int, CandidateEnding) -> Bool) {
        let count = letters.count
        if letters.hasSuffix("ies"), count > 4 { guard visit(count - 3, .y) else { return } }
        if letters.hasSuffix("ves"), count > 4 { guard visit(count - 3, .f) else { return } }
        if letters.hasSuffix("men"), count > 4 { guard visit(count - 3, .man) else { return } }
        if letters.hasSuffix("es"), count > 3 {
            guard visit(count - 1, .none), visit(count - 2, .none) else { return }
        } else if letters.hasSuffix("s"), !letters.hasSuffix("ss"), !letters.hasSuffix("us"), count > 3 {
            _ = visit(count - 1, .none)
        }
    }

    @inline(__always)
    static func isVowel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i")
            || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u")
    }
}

/// What a rule puts after the letters it keeps of a word ("carri" + "y").
enum CandidateEnding {
    case none, e, y, f, man

    var text: StaticString {
        switch self {
        case .none: ""
        case .e: "e"
        case .y: "y"
        case .f: "f"
        case .man: "man"
        }
    }
}

/// A lower-case word as the candidate rules read it: letters counted and compared, ASCII read.
protocol LetterSequence {
    var count: Int { get }
    /// The ASCII value of letter `index`, 0 for a letter that is not ASCII.
    func ascii(_ index: Int) -> UInt8
    func same(_ one: Int, _ other: Int) -> Bool
}

extension LetterSequence {
    @inline(__always)
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        return suffix.withUTF8Buffer { suffixBytes in
            for offset in 0..<length where ascii(count - length + offset) != suffixBytes[offset] { return false }
            return true
        }
    }
}

/// A lower-case word as letters: its bytes when it is ASCII (nearly always, and cheap), its
/// Characters otherwise, so that lengths and positions count letters either way.
private struct Letters: LetterSequence {
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

    func ascii(_ index: Int) -> UInt8 {
        characters.isEmpty ? bytes[index] : characters[index].asciiValue ?? 0
    }

    func same(_ one: Int, _ other: Int) -> Bool {
        characters.isEmpty ? bytes[one] == bytes[other] : characters[one] == characters[other]
    }

    /// The first `length` letters as a String, with `ending` after them.
    func prefix(_ length: Int, _ ending: CandidateEnding) -> String {
        (characters.isEmpty ? String(decoding: bytes[0..<length], as: UTF8.self) : String(characters[0..<length])) + ending.text.description
    }
}

/// The bytes of a lower-case ASCII word, one letter each: what `lemma(ofLowercase:tag:)` reads.
struct ASCIILetters: LetterSequence {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    @inline(__always) func ascii(_ index: Int) -> UInt8 { bytes[index] }
    @inline(__always) func same(_ one: Int, _ other: Int) -> Bool { bytes[one] == bytes[other] }
}
