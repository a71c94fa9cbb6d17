import DyadCore
import XCTest

/// Event ids are stored and exported: the same parts must always give the same id.
final class EventIDTests: XCTestCase {
    /// The id as its definition reads: FNV-1a 64 over each part's UTF-8 (numbers in decimal)
    /// followed by 0x1F, in zero-padded lowercase hex.
    static func definition(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for part in parts {
            for byte in Array(part.utf8) + [0x1F] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100000001b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    func testIDFollowsItsDefinition() {
        let cases: [(String, Int, String?, String?, String, Int)] = [
            ("doc-1", 0, "USA", "RUS", "042", 17),
            ("Ünïcode dóc", 12, nil, "IRNGOV", "190", 0),
            ("", -3, "FRA", nil, "010", -1),
            ("a\u{1F}b", Int.max, nil, nil, "1411", Int.min + 1),
            ("x", 9, "USA", "USA", "20", 10),
        ]
        for (document, sentence, source, target, code, trigger) in cases {
            let id = Event.stableID(document: document, sentence: sentence, source: source, target: target, code: code, trigger: trigger)
            XCTAssertEqual(id, Self.definition([document, String(sentence), source ?? "-", target ?? "-", code, String(trigger)]))
            XCTAssertEqual(id.utf8.count, 16)
        }
        // Ids with leading zero digits keep them: search sentence numbers until one turns up.
        let padded = (0..<100_000).lazy.map {
            Event.stableID(document: "d", sentence: $0, source: nil, target: nil, code: "010", trigger: 0)
        }.first { $0.hasPrefix("0") }
        XCTAssertNotNil(padded)
        XCTAssertEqual(padded?.utf8.count, 16)
    }

    func testDifferentPartsGiveDifferentIDs() {
        let base = Event.stableID(document: "d", sentence: 1, source: "USA", target: "RUS", code: "042", trigger: 5)
        XCTAssertNotEqual(base, Event.stableID(document: "d", sentence: 1, source: "RUS", target: "USA", code: "042", trigger: 5))
        XCTAssertNotEqual(base, Event.stableID(document: "d", sentence: 1, source: "USA", target: "RUS", code: "042", trigger: 6))
        XCTAssertNotEqual(base, Event.stableID(document: "d", sentence: 11, source: "USA", target: "RUS", code: "042", trigger: 5))
    }
}
