@testable import DyadCoder
import DyadCore
import XCTest

final class KeyTableTests: XCTestCase {
    func testFindsEveryKeyAndNoOther() {
        var entries: [UInt64: Int] = [:]
        for number in 1...500 { entries[UInt64(number) &* 0x1000_0000_01B3] = number }
        entries[0] = -7
        entries[12_345] = -1  // a negative value ("yesterday" is day -1) is a value, not absence
        let table = KeyTable(entries)
        for (key, value) in entries { XCTAssertEqual(table[key], value) }
        for number in 501...1000 { XCTAssertNil(table[UInt64(number) &* 0x1000_0000_01B3]) }
        XCTAssertNil(KeyTable([:])[42])
    }

    func testWordListsLookUpByTokenHash() {
        let lists = WordLists(text: "month 3: march, mar\n# a comment\nweekday: monday\n")
        let months = lists.table("month")
        var hasher = KeyHasher()
        for byte in "march".utf8 { hasher.add(byte) }
        XCTAssertEqual(months[hasher.value], 3)
        XCTAssertEqual(lists.value("month", hasher.value), 3)
        XCTAssertFalse(lists.contains("weekday", hasher.value))
        XCTAssertNil(lists.table("missing")[hasher.value])
    }
}
