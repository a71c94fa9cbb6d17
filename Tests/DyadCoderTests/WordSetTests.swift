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

    func testWordsLikeAMemberInLengthAndEndsAreStillTold() {
        // Same length, first and last byte as a member: past the sketch, the exact test decides.
        let set: WordSet = ["because", "while", ";", "as"]
        for word in ["because", "while", ";", "as"] { XCTAssertTrue(set.contains(word), word) }
        for word in ["bexause", "whale", "whole", "bcause", "as;", "a", "s", ":", "ts"] { XCTAssertFalse(set.contains(word), word) }
    }

    func testAgreesWithSetOnMembersAndTheirNeighbours() {
        let members = ["not", "n't", "never", "no", "will", "shall", "'ll", "be", "is", "'s", "who", "which", "that",
                       "whom", ";", ":", "because", "although", "if", "unless", "as", "today", "monday", "café"]
        let set = WordSet(members)
        let reference = Set(members)
        var probes = members
        for member in members {
            var bytes = Array(member.utf8)
            probes.append(String(decoding: bytes.dropLast(), as: UTF8.self))
            probes.append(member + "s")
            probes.append("a" + member)
            bytes[bytes.count / 2] ^= 1
            probes.append(String(decoding: bytes, as: UTF8.self))
        }
        for probe in probes { XCTAssertEqual(set.contains(probe), reference.contains(probe), probe) }
    }

    func testEqualityIgnoresOrder() {
        XCTAssertEqual(WordSet(["a", "b", "c"]), ["c", "a", "b"])
        XCTAssertNotEqual(WordSet(["a", "b"]), ["a", "b", "c"])
        XCTAssertNotEqual(WordSet(["a", "b"]), ["a", "d"])
    }
}
