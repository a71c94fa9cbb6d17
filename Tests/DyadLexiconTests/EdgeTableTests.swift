@testable import DyadLexicon
import XCTest

final class EdgeTableTests: XCTestCase {
    func testKeepsEveryEdgeThroughGrowth() {
        var table = EdgeTable()
        // Key 0 is the root's edge for word 0: it must not read as an empty slot.
        for key in UInt64(0)..<3000 { table[key << 32 | (key % 7)] = Int32(key) }
        XCTAssertEqual(table.count, 3000)
        for key in UInt64(0)..<3000 { XCTAssertEqual(table[key << 32 | (key % 7)], Int32(key)) }
        XCTAssertNil(table[1 << 32 | 3])
        table[5 << 32 | 5] = 99
        XCTAssertEqual(table[5 << 32 | 5], 99, "a key set again takes the new child")
        XCTAssertEqual(table.count, 3000)
        var seen = 0
        table.forEach { _, _ in seen += 1 }
        XCTAssertEqual(seen, 3000)
    }
}
