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

    /// ISO days take a shortcut that returns them as they are: it must agree with the general
    /// reading on every day of the calendar and refuse what the general reading refuses.
    func testISODaysComeBackAsTheyAre() {
        for month in 1...12 {
            for day in 1...31 {
                let iso = "2008-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                XCTAssertEqual(ISODate.normalize(iso), iso)
                XCTAssertEqual(ISODate.normalize("2008/\(month)/\(day)"), iso)
                XCTAssertEqual(ISODate.dayInteger(iso), 20080000 + month * 100 + day)
            }
        }
        XCTAssertNil(ISODate.normalize("2008-08-32"))
        XCTAssertNil(ISODate.normalize("2008-00-10"))
        XCTAssertNil(ISODate.normalize("0999-08-04"))
        XCTAssertNil(ISODate.normalize("2008-08-0x"))
        XCTAssertEqual(ISODate.normalize("2008/08/04"), "2008-08-04")
    }

    func testDayIntegerNeedsAFullDate() {
        XCTAssertEqual(ISODate.dayInteger("2017/2/7"), 20170207)
        XCTAssertNil(ISODate.dayInteger("2004-05"))
    }
}
