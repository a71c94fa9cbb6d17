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
        XCTAssertEqual(ISODate.dayInteger("2016-11-09 00:00:00"), 20161109)
        XCTAssertEqual(ISODate.dayInteger("9999-12-31"), 99991231)
        XCTAssertNil(ISODate.dayInteger("2004-05"))
        XCTAssertNil(ISODate.dayInteger("2004-13-10"))
        XCTAssertNil(ISODate.dayInteger("2004-0５-10"))
        XCTAssertNil(ISODate.dayInteger(nil))
    }

    /// The first ten bytes are the day; a time after them is ignored, a day past its month's end is not one.
    func testCivilDateReadsTheISODayAtTheStart() {
        XCTAssertEqual(CivilDate(iso: "2024-02-29"), CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(CivilDate(iso: "2017-02-07T10:00"), CivilDate(year: 2017, month: 2, day: 7))
        // A string cut from a longer one reads the same.
        let long = "on 1999-12-31 at noon"
        XCTAssertEqual(CivilDate(iso: String(long.dropFirst(3))), CivilDate(year: 1999, month: 12, day: 31))
        for invalid in ["", "2023-02-29", "2017-13-01", "2017-00-10", "2017-01-00", "2017/01/10", "2017-1-10",
                        "2017-01-1", "2017-01-1é", "é017-01-10", "20170110"] {
            XCTAssertNil(CivilDate(iso: invalid), invalid)
        }
    }
}
