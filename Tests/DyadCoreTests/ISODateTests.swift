import DyadCore
import XCTest

final class ISODateTests: XCTestCase {
    func testInputDateFormsBecomeISO() {
        XCTAssertEqual(ISODate.normalize("2017/2/7"), "2017-02-07")
        XCTAssertEqual(ISODate.normalize("2016-11-09 00:00:00"), "2016-11-09")
        XCTAssertEqual(ISODate.normalize("2017-02-07T10:00:00Z"), "2017-02-07")
        XCTAssertEqual(ISODate.normalize("20170207"), "2017-02-07")
        XCTAssertEqual(ISODate.normalize("2004-05"), "2004-05")
        XCTAssertEqual(ISODate.normalize("2004"), "2004")
        XCTAssertNil(ISODate.normalize("Wednesday"))
        XCTAssertNil(ISODate.normalize("2017-13-40"))
        XCTAssertNil(ISODate.normalize(nil))
    }

    func testEdgesOfTheDateForms() {
        XCTAssertEqual(ISODate.normalize("  2017.2.7\n"), "2017-02-07")
        XCTAssertEqual(ISODate.normalize("2017-13"), "2017")
        XCTAssertEqual(ISODate.normalize("2008-08-04, Monday"), "2008-08-04")
        XCTAssertNil(ISODate.normalize("201702071"))
        XCTAssertNil(ISODate.normalize("99999999999999999999999"))
        XCTAssertNil(ISODate.normalize("   "))
        XCTAssertNil(ISODate.normalize("-2017"))
    }

    func testDayIntegerNeedsAFullDate() {
        XCTAssertEqual(ISODate.dayInteger("2017/2/7"), 20170207)
        XCTAssertNil(ISODate.dayInteger("2004-05"))
    }
}
