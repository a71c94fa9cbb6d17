import DyadLexicon
import XCTest

final class WordMaskTests: XCTestCase {
    func testAPresentWordIsNeverRuledOut() {
        var sentence = WordMask()
        for id in Int32(0)..<40 { sentence.insert(id * 7) }
        for id in Int32(0)..<40 {
            var pattern = WordMask()
            pattern.insert(id * 7)
            pattern.insert(((id + 3) % 40) * 7)
            XCTAssertTrue(sentence.contains(pattern))
        }
        XCTAssertTrue(sentence.contains(WordMask()), "a pattern with no words fits any sentence")
    }

    func testMostAbsentWordsAreRuledOut() {
        var sentence = WordMask()
        for id in Int32(0)..<40 { sentence.insert(id) }
        var ruledOut = 0
        for id in Int32(1000)..<1200 {
            var pattern = WordMask()
            pattern.insert(id)
            if !sentence.contains(pattern) { ruledOut += 1 }
        }
        // 40 words set at most 40 of 256 bits: about 85% of other words fall outside them.
        XCTAssertGreaterThan(ruledOut, 140)
    }

    func testOneWordIsTestedAsAMaskOfItAlone() {
        var sentence = WordMask()
        for id in Int32(0)..<60 { sentence.insert(id * 13) }
        for id in Int32(-3)..<2000 {
            var alone = WordMask()
            alone.insert(id)
            XCTAssertEqual(sentence.mayContain(id), sentence.contains(alone), "\(id)")
        }
        XCTAssertTrue(WordMask().mayContain(-1), "an unknown word rules nothing out, as in a mask")
        XCTAssertFalse(WordMask().mayContain(5))
    }

    func testPatternsCarryTheirRequiredWords() {
        let pattern = EventPattern(code: "042", lemma: 1, elements: [.word(5), .word(9), .target], text: "visit",
                                   source: LexiconSource(file: "test", line: 1))
        var sentence = WordMask()
        sentence.insert(5)
        XCTAssertEqual(pattern.dativePreposition, 9, "'5 9 +' ends in a word before its target")
        sentence.insert(9)
        XCTAssertTrue(sentence.contains(pattern.requiredWords))
        let targetFirst = EventPattern(code: "042", lemma: 1, elements: [.target, .word(5)], text: "visit",
                                       source: LexiconSource(file: "test", line: 1))
        XCTAssertEqual(targetFirst.dativePreposition, -1)
    }
}
