import DyadCore
@testable import DyadLexicon
import XCTest

final class LemmatizerCandidateTests: XCTestCase {
    func testRegularVerbFormsGiveTheirBases() {
        XCTAssertEqual(Lemmatizer.verbCandidates("banned"), ["ban", "bann", "banne"])
        XCTAssertEqual(Lemmatizer.verbCandidates("called"), ["call", "calle", "cal"])
        XCTAssertEqual(Lemmatizer.verbCandidates("voted"), ["vote", "vot"])
        XCTAssertEqual(Lemmatizer.verbCandidates("guaranteed"), ["guarantee"])
        XCTAssertEqual(Lemmatizer.verbCandidates("decreed"), ["decree"])
        XCTAssertEqual(Lemmatizer.verbCandidates("carried"), ["carry", "carri", "carrie"])
        XCTAssertEqual(Lemmatizer.verbCandidates("watches"), ["watch", "watche"])
        XCTAssertEqual(Lemmatizer.verbCandidates("says"), ["say"])
        XCTAssertEqual(Lemmatizer.verbCandidates("meet"), [])
    }

    /// The candidates must be those of the plain Character-by-Character rules (kept below as
    /// the reference), word for word, for ASCII words (read as bytes) and others alike.
    func testCandidatesFollowTheCharacterRules() {
        let stems = ["ban", "call", "vot", "agre", "carr", "watch", "sa", "pass", "fix", "hop", "sail", "us", "go",
                     "expell", "buzz", "box", "stud", "fl", "a", "see", "cri", "echo", "wish", "ply", "row",
                     "arrêt", "café", "éé", "naïv", "é", "ça"]
        let endings = ["", "ed", "ing", "es", "s", "ies", "ied", "e", "ses", "ches", "shes", "oes", "ss", "ded"]
        var checked = 0
        for stem in stems {
            for ending in endings {
                let word = stem + ending
                XCTAssertEqual(Lemmatizer.verbCandidates(word), Self.referenceVerbCandidates(word), word)
                checked += 1
            }
        }
        XCTAssertEqual(checked, stems.count * endings.count)
    }

    func testNounCandidatesFollowTheCharacterRules() {
        XCTAssertEqual(Lemmatizer.nounCandidates("militias"), ["militia"])
        XCTAssertEqual(Lemmatizer.nounCandidates("policemen"), ["policeman"])
        for stem in ["militia", "polic", "wol", "bus", "talk", "famil", "ca", "gas", "fish", "ally", "chairwo", "réfugié", "é"] {
            for ending in ["", "s", "es", "ies", "ves", "men", "ss", "us"] {
                let word = stem + ending
                XCTAssertEqual(Lemmatizer.nounCandidates(word), Self.referenceNounCandidates(word), word)
            }
        }
    }

    // The rules as first written, on Characters: the reference the lemmatizer's letter code
    // must reproduce.

    /// `verbLemma` and `nounLemma` return a word as it is, without trying the rules, unless it
    /// ends in d, g or s (verbs) or in s or "men" (nouns): no rule may fire on any other word.
    func testTheRulesFireOnlyOnTheEndingsTheShortcutsLetThrough() {
        let stems = ["ban", "call", "agre", "carr", "watch", "pass", "fl", "a", "see", "chairwo", "wol", "café", "é", ""]
        let endings = ["", "ed", "ing", "es", "s", "ies", "ied", "ves", "men", "man", "e", "en", "er", "y", "d", "g", "n", "é"]
        for stem in stems {
            for ending in endings {
                let word = stem + ending
                if !Lemmatizer.verbCandidates(word).isEmpty {
                    XCTAssertTrue(["d", "g", "s"].contains(word.utf8.last.map { Character(UnicodeScalar($0)) }), word)
                }
                if !Lemmatizer.nounCandidates(word).isEmpty {
                    XCTAssertTrue(word.hasSuffix("s") || word.hasSuffix("men"), word)
                }
            }
        }
        var lemmatizer = Lemmatizer()
        lemmatizer.addKnownLemma("talk")
        XCTAssertEqual(lemmatizer.verbLemma("talked"), "talk")
        XCTAssertEqual(lemmatizer.verbLemma("talk"), "talk")
        XCTAssertEqual(lemmatizer.nounLemma("chairmen"), "chairman")
        XCTAssertEqual(lemmatizer.nounLemma("chairman"), "chairman")
    }

    static func referenceVerbCandidates(_ word: String) -> [String] {
        var result: [String] = []
        for (suffix, stem) in [("ied", "y"), ("ies", "y")] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            result.append(String(word.dropLast(suffix.count)) + stem)
        }
        for suffix in ["ed", "ing"] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
            let stem = word.dropLast(suffix.count)
            if suffix == "ed", stem.hasSuffix("e") {
                result.append(String(stem) + "e")
                continue
            }
            let letters = Array(stem)
            let last = letters[letters.count - 1]
            let doubled = letters.count >= 3 && letters[letters.count - 2] == last && !"aeiou".contains(last) ? String(stem.dropLast()) : nil
            let softDoubling = "lsz".contains(last)
            if let doubled, !softDoubling { result.append(doubled) }
            var short = !"aeiouwxy".contains(last) && letters.count >= 2 && "aeiou".contains(letters[letters.count - 2])
            if short, letters.count >= 3, "aeiou".contains(letters[letters.count - 3]) { short = false }
            if short {
                result.append(String(stem) + "e")
                result.append(String(stem))
            } else {
                result.append(String(stem))
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

    static func referenceNounCandidates(_ word: String) -> [String] {
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

/// `lemma(ofLowercase:_:tag:)`, which reads bytes through tables of its own, must give what
/// `lemma(of:tag:)` gives, for every word and tag.
final class LemmatizerBytePathTests: XCTestCase {
    private static let tags: [UPOS] = [.VERB, .AUX, .NOUN, .PROPN, .ADJ, .ADV, .DET]
    private static let endings = ["", "s", "es", "ed", "d", "ing", "ies", "ied", "ves", "men", "ses", "ches", "ded", "ned", "e", "ss", "us"]

    private func assertSameLemmas(_ lemmatizer: Lemmatizer, words: some Sequence<String>, file: StaticString = #filePath, line: UInt = #line) {
        var checked = 0
        for base in words {
            for ending in Self.endings {
                let word = Vocabulary.key(base + ending)
                for tag in Self.tags {
                    let expected = lemmatizer.lemma(of: word, tag: tag)
                    var copy = word
                    let found: String = copy.withUTF8 { bytes in
                        switch lemmatizer.lemma(ofLowercase: bytes, word, tag: tag) {
                        case .word: return word
                        case .stem(let length, let ending): return String(decoding: bytes[..<length], as: UTF8.self) + ending.description
                        case .other(let lemma): return lemma
                        }
                    }
                    XCTAssertEqual(found, expected, "\(word) as \(tag)", file: file, line: line)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 0, file: file, line: line)
    }

    func testTheBytePathAgreesOnTheBundledLexicon() throws {
        let lemmatizer = try Lexicon.bundled().lemmatizer
        XCTAssertTrue(lemmatizer.readsBytes)
        let words = Set(lemmatizer.irregular.keys).union(lemmatizer.irregular.values).union(lemmatizer.knownLemmas)
        assertSameLemmas(lemmatizer, words: words.sorted())
    }

    func testTheBytePathAgreesOnWrittenWords() {
        var lemmatizer = Lemmatizer()
        lemmatizer.addIrregular(base: "hold", forms: ["held", "held"])
        lemmatizer.addIrregular(base: "go", forms: ["went", "gone"])
        lemmatizer.addForms(base: "whistle", forms: ["whostle", "whistled"])
        for lemma in ["talk", "arrest", "vote", "ban", "carry", "watch", "chairman", "militia", "wolf", "use", "us", "bus",
                      "Capital", "café", "réfugié", "diplomat", "diplomats", "sail", "call", "expel", "guarantee"] {
            lemmatizer.addKnownLemma(lemma)
        }
        let text = """
            The chairmen of the militias held talks and voted on Tuesday; wolves, buses and cafés were banned, \
            diplomats carried watches, the refugees called it guaranteed. Réfugiés sailed, using gone whistles. \
            Capitals, CAPITALS, naïve ça éé us usé expelled expelling passes fixes boxes echoes wishes studded
            """
        let words = text.split(whereSeparator: { " ,.;".contains($0) }).map(String.init)
        assertSameLemmas(lemmatizer, words: words + Array(lemmatizer.knownLemmas) + Array(lemmatizer.irregular.keys))
    }

    /// A listed word that is not ASCII but equal, as a String, to an ASCII one (U+037E is ";")
    /// turns the byte tables off rather than be missed by them.
    func testAWordCanonicallyEqualToASCIITakesTheStringPath() {
        var lemmatizer = Lemmatizer()
        XCTAssertTrue(lemmatizer.readsBytes)
        lemmatizer.addKnownLemma("a\u{037E}b")
        XCTAssertFalse(lemmatizer.readsBytes)
        assertSameLemmas(lemmatizer, words: ["a;b", "a;", "a\u{037E}"])
        XCTAssertEqual(lemmatizer.nounLemma("a;bs"), "a\u{037E}b")
    }
}
