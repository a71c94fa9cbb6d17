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

    /// The byte path for ASCII words must give what the Character path gives, word for word.
    func testTheASCIIPathAgreesWithTheCharacterPath() {
        let stems = ["ban", "call", "vot", "agre", "carr", "watch", "sa", "pass", "fix", "hop", "sail", "us", "go",
                     "expell", "buzz", "box", "stud", "fl", "a", "see", "cri", "echo", "wish", "ply", "row"]
        let endings = ["", "ed", "ing", "es", "s", "ies", "ied", "e", "ses", "ches", "shes", "oes", "ss", "ded"]
        var checked = 0
        for stem in stems {
            for ending in endings {
                let word = stem + ending
                XCTAssertEqual(Lemmatizer.asciiVerbCandidates(Array(word.utf8)), Lemmatizer.characterVerbCandidates(word), word)
                checked += 1
            }
        }
        XCTAssertEqual(checked, stems.count * endings.count)
        XCTAssertEqual(Lemmatizer.verbCandidates("arrêted"), Lemmatizer.characterVerbCandidates("arrêted"))
    }

    func testTheASCIINounPathAgreesWithTheCharacterPath() {
        XCTAssertEqual(Lemmatizer.nounCandidates("militias"), ["militia"])
        XCTAssertEqual(Lemmatizer.nounCandidates("policemen"), ["policeman"])
        for stem in ["militia", "polic", "wol", "bus", "talk", "famil", "ca", "gas", "fish", "ally", "chairwo"] {
            for ending in ["", "s", "es", "ies", "ves", "men", "ss", "us"] {
                let word = stem + ending
                XCTAssertEqual(Lemmatizer.asciiNounCandidates(Array(word.utf8)), Lemmatizer.characterNounCandidates(word), word)
            }
        }
    }
}
