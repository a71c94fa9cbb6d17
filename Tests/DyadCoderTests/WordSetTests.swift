@testable import DyadCoder
import XCTest

final class WordSetTests: XCTestCase {
    func testMembersAreFoundAndOthersAreNot() {
        let set: WordSet = ["and", ",", "or", "yesterday", "café", ""]
        for word in ["and", ",", "or", "yesterday", "café", ""] { XCTAssertTrue(set.contains(word), word) }
        for word in ["And", "an", "andd", "or ", "cafe", "café ", ";", "yesterdays"] { XCTAssertFalse(set.contains(word), word) }
        XCTAssertEqual(set.count, 6)
    }

    func testAgreesWithSetOnManyWords() {
        var members: [String] = []
        for first in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for second in UInt8(ascii: "a")...UInt8(ascii: "z") where (first ^ second) & 1 == 0 {
                members.append(String(decoding: [first, second], as: UTF8.self))
            }
        }
        let set = WordSet(members + members)  // repeats count once
        let reference = Set(members)
        XCTAssertEqual(set.count, reference.count)
        for first in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for second in UInt8(ascii: "a")...UInt8(ascii: "z") {
                let word = String(decoding: [first, second], as: UTF8.self)
                XCTAssertEqual(set.contains(word), reference.contains(word), word)
            }
        }
    }

    func testEqualityIgnoresOrder() {
        XCTAssertEqual(WordSet(["a", "b", "c"]), ["c", "a", "b"])
        XCTAssertNotEqual(WordSet(["a", "b"]), ["a", "b", "c"])
        XCTAssertNotEqual(WordSet(["a", "b"]), ["a", "d"])
    }
}
