@testable import DyadLexicon
import XCTest

final class EventPatternTests: XCTestCase {
    private let elements: [EventPattern.Element] = [.wordBefore(3), .word(5), .oneOf([[7, 8], [9]]), .skip, .targetHead(11)]

    func testLentElementsAreThePatternsElements() {
        let pattern = EventPattern(code: "042", lemma: 1, elements: elements, text: "visit", source: LexiconSource(file: "test", line: 1))
        XCTAssertEqual(pattern.withElements { Array($0) }, elements)
        XCTAssertEqual(pattern.withElements { Array($0) }, pattern.elements)
        let empty = EventPattern(code: "010", lemma: 1, elements: [], text: "", source: LexiconSource(file: "test", line: 2))
        XCTAssertEqual(empty.withElements { $0.count }, 0)
    }

    func testLentElementsOutliveTheCopyTheyWereMadeFrom() {
        // The buffer belongs to the storage every copy shares: a copy for another lemma still
        // reads it after the pattern it came from is gone.
        var original: EventPattern? = EventPattern(code: "042", lemma: 1, elements: elements, text: "visit",
                                                   source: LexiconSource(file: "test", line: 1))
        let other = original!.withLemma(2)
        original = nil
        XCTAssertNil(original)
        XCTAssertEqual(other.lemma, 2)
        XCTAssertEqual(other.withElements { Array($0) }, elements)
    }
}
