import DyadCore
import XCTest

final class CAMEOTests: XCTestCase {
    func testEveryRootIsInTheTable() {
        let table = CAMEOEventTable.standard
        for root in 1...20 {
            XCTAssertNotNil(table[String(format: "%02d", root)], "root \(root)")
        }
        XCTAssertGreaterThan(table.codes.count, 290)
    }

    func testQuadClassFollowsGDELTRootRanges() {
        let table = CAMEOEventTable.standard
        for code in table.codes {
            let root = Int(code.prefix(2))!
            XCTAssertEqual(table[code]?.quadClass, CAMEOEventTable.quadClass(ofRoot: root), code)
        }
        XCTAssertEqual(table["057"]?.quadClass, 1)
        XCTAssertEqual(table["062"]?.quadClass, 2)
        XCTAssertEqual(table["112"]?.quadClass, 3)
        XCTAssertEqual(table["173"]?.quadClass, 4)
    }

    func testGoldsteinAndPloverOfKnownCodes() {
        let table = CAMEOEventTable.standard
        XCTAssertEqual(table["173"]?.goldstein, -5.0)
        XCTAssertEqual(table["173"]?.ploverCategory, "COERCE")
        XCTAssertEqual(table["042"]?.ploverCategory, "CONSULT")
        XCTAssertEqual(table["1121"]?.baseCode, "112")
        XCTAssertEqual(table["1121"]?.rootCode, "11")
    }

    func testMalformedRowIsReportedWithItsLine() {
        XCTAssertThrowsError(try CAMEOEventTable(tsv: "# header\n010\t1\n")) { error in
            XCTAssertEqual((error as? CAMEOTableError)?.line, 2)
        }
    }
}
