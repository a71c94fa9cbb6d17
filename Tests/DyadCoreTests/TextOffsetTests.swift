@testable import DyadCore
import XCTest

/// Spans and dates leave the pipeline through these: fast paths must say what the general ones say.
final class TextOffsetTests: XCTestCase {
    func testASCIIOffsetsAreByteOffsets() {
        let ascii = CharacterOffsets(utf8: Array("Rebels attacked a convoy.".utf8))
        let mixed = CharacterOffsets(utf8: Array("Rebels attacked a convoy.".utf8) + [0xC3, 0xA9])  // + "é"
        for offset in -2...30 {
            XCTAssertEqual(ascii.characterOffset(ofByte: offset), min(max(offset, 0), 25))
            XCTAssertEqual(mixed.characterOffset(ofByte: offset), min(max(offset, 0), 26), "\(offset)")
        }
        let accented = CharacterOffsets(utf8: Array("Café à Paris".utf8))
        XCTAssertEqual(accented.characterOffset(ofByte: 5), 4)  // after "Café"
        XCTAssertEqual(accented.characterOffset(ofByte: 8), 6)  // after "Café à"
    }

    func testDatesFormatAsTheirSpelling() {
        for year in [0, 7, 99, 999, 1999, 2025, 9999, 10000, -5] {
            for (month, day) in [(1, 1), (2, 29), (12, 31), (10, 5)] {
                let date = CivilDate(year: year, month: month, day: day)
                for precision in [DatePrecision.day, .week, .month, .year, .decade] {
                    XCTAssertEqual(date.formatted(precision), date.spelled(precision), "\(year)-\(month)-\(day) \(precision)")
                }
            }
        }
        XCTAssertEqual(CivilDate(year: 2008, month: 8, day: 6).formatted(.day), "2008-08-06")
        XCTAssertEqual(CivilDate(year: 2008, month: 8, day: 6).formatted(.decade), "200")
    }
}
