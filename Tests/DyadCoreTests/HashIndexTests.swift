import DyadCore
import XCTest

final class HashIndexTests: XCTestCase {
    /// Packed ids (`node << 32 | word`, as the phrase trie keys its edges) share their low bits;
    /// the table must keep every one through growth.
    func testKeepsPackedKeysThroughGrowth() {
        var index = HashIndex()
        for node in UInt64(0)..<3000 { index.set((node << 32 | node % 7) + 1, Int32(node)) }
        XCTAssertEqual(index.count, 3000)
        for node in UInt64(0)..<3000 { XCTAssertEqual(index.find((node << 32 | node % 7) + 1), Int32(node)) }
        XCTAssertEqual(index.find((1 << 32 | 3) + 1), -1)
        index.set((5 << 32 | 5) + 1, 99)
        XCTAssertEqual(index.find((5 << 32 | 5) + 1), 99, "a key set again takes the new value")
        XCTAssertEqual(index.count, 3000)
        var seen = 0
        index.forEach { _, _ in seen += 1 }
        XCTAssertEqual(seen, 3000)
    }
}
