@testable import DyadCoder
import XCTest

final class ClauseWordsTests: XCTestCase {
    func testClassLinesKeepPunctuationAndSpacedWords() {
        let classes = ClauseWords.parse("# a comment\ncoordinators: and | , | as well as\nbreakers: ; | : | while\n")
        XCTAssertEqual(classes["coordinators"], ["and", ",", "as well as"])
        XCTAssertEqual(classes["breakers"], [";", ":", "while"])
        XCTAssertNil(classes["# a comment"])
    }

    func testBundledFileHasTheClassesTheRulesRead() {
        XCTAssertTrue(ClauseWords.negations.contains("not"))
        XCTAssertTrue(ClauseWords.reportingVerbs.contains("say"))
        XCTAssertTrue(ClauseWords.clauseBreakers.contains(";"))
        XCTAssertEqual(ClauseWords.stateForces, ["MIL", "GOV", "SPY", "PKO"])
        XCTAssertTrue(ClauseWords.locativePrepositions.contains("near"))
        XCTAssertEqual(ClauseWords.attachingPrepositions, ["of", "from", "in", "for"])
        XCTAssertTrue(ClauseWords.possessives.contains("their"))
        XCTAssertTrue(ClauseWords.modals.contains("wo"), "the stem of \"won't\" as the tokenizer splits it")
        XCTAssertTrue(ClauseWords.treebankAuxiliaries.contains("'ve"))
        XCTAssertFalse(ClauseWords.treebankSubordinators.contains("of"))
    }
}
