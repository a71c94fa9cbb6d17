import DyadCoder
import DyadCore
import DyadNLP
import XCTest

/// One test per rule of the time-expression recognizer, on sentences written for these tests.
final class TimeExpressionTests: XCTestCase {
    static let pipeline = try! TextPipeline.standard()
    static let recognizer = TimeRecognizer()

    /// (text, value, precision, kind) of every expression found.
    func times(_ text: String, date: String? = "2025-03-29") -> [(String, String?, String, String)] {
        let document = Self.pipeline.document(metadata: DocumentMetadata(id: "t", date: date), text: text)
        let articleDate = date.flatMap { CivilDate(iso: $0) }
        return Self.recognizer.expressions(in: document, articleDate: articleDate).map {
            (document.text(ofTokens: $0.tokens), $0.value, $0.precisionName, $0.kind.rawValue)
        }
    }

    func first(_ text: String, date: String? = "2025-03-29") -> (String, String?, String, String)? {
        times(text, date: date).first
    }

    func testCalendarArithmetic() {
        let date = CivilDate(year: 2025, month: 3, day: 29)
        XCTAssertEqual(date.weekday, 6)  // a Saturday
        XCTAssertEqual(CivilDate(dayNumber: date.dayNumber), date)
        XCTAssertEqual(date.adding(days: 3).formatted(.day), "2025-04-01")
        XCTAssertEqual(CivilDate(year: 2024, month: 3, day: 31).adding(months: -1).formatted(.day), "2024-02-29")
        XCTAssertNil(CivilDate(iso: "2025-02-30"))
    }

    func testDayMonthYear() {
        XCTAssertEqual(first("The ceasefire began on 29 March 2025 in the north.")?.1, "2025-03-29")
    }

    func testMonthDayCommaYear() {
        XCTAssertEqual(first("The treaty was signed on March 29, 2025, in the capital.")?.1, "2025-03-29")
    }

    func testISODate() {
        XCTAssertEqual(first("The report is dated 2025-03-29 and was leaked.")?.1, "2025-03-29")
    }

    func testSlashDateTakesTheArticleYear() {
        XCTAssertEqual(first("Voting closed on 3/29 after a long count.")?.1, "2025-03-29")
    }

    func testMonthDayWithoutYearBeforeTheArticleDate() {
        // December in an article of January is last December.
        XCTAssertEqual(first("The talks stalled on December 20 after a dispute.", date: "2025-01-05")?.1, "2024-12-20")
    }

    func testYesterdayAndTomorrow() {
        XCTAssertEqual(first("Rebels shelled the town yesterday.")?.1, "2025-03-28")
        XCTAssertEqual(first("The minister will arrive tomorrow.")?.1, "2025-03-30")
    }

    func testLastNightIsTheDayBefore() {
        XCTAssertEqual(first("Police arrested ten protesters last night.")?.1, "2025-03-28")
    }

    func testBareWeekdayIsTheMostRecentOneBeforeTheArticle() {
        // 2025-03-29 is a Saturday; "on Friday" is the day before, "on Tuesday" four days before.
        XCTAssertEqual(first("The army staged drills on Friday.")?.1, "2025-03-28")
        XCTAssertEqual(first("The envoy met the president on Tuesday.")?.1, "2025-03-25")
    }

    func testWeekdayInTheFutureTenseIsTheNextOne() {
        XCTAssertEqual(first("The envoy will meet the president on Tuesday.")?.1, "2025-04-01")
        XCTAssertEqual(first("They meet again next Friday.")?.1, "2025-04-04")
    }

    func testLastWeekdayIsNeverTheArticleDay() {
        XCTAssertEqual(first("The vote was held last Saturday.")?.1, "2025-03-22")
    }

    func testLastMonthNextWeekThisYear() {
        XCTAssertEqual(first("Exports fell last month.")?.1, "2025-02")
        XCTAssertEqual(first("Exports fell last month.")?.2, "month")
        XCTAssertEqual(first("Talks resume next week.")?.2, "week")
        XCTAssertEqual(first("Talks resume next week.")?.1, "2025-03-31")
        XCTAssertEqual(first("Inflation rose earlier this year.")?.1, "2025")
        XCTAssertEqual(first("Inflation rose earlier this year.")?.0, "earlier this year")
    }

    func testCountAgo() {
        XCTAssertEqual(first("The convoy left two days ago.")?.1, "2025-03-27")
        XCTAssertEqual(first("The convoy left three weeks ago.")?.1, "2025-03-08")
        XCTAssertEqual(first("The mine closed 5 years ago.")?.1, "2020")
    }

    func testPartialDates() {
        XCTAssertEqual(first("The president took office in January.")?.1, "2025-01")
        XCTAssertEqual(first("He has led the party since 2004.")?.1, "2004")
        XCTAssertEqual(first("He has led the party since 2004.")?.2, "year")
        XCTAssertEqual(first("The region boomed in the 1990s.")?.1, "199")
        XCTAssertEqual(first("The region boomed in the 1990s.")?.2, "decade")
        XCTAssertEqual(first("Prices peaked in March 2024.")?.1, "2024-03")
    }

    func testMonthAfterTheArticleIsLastYearUnlessFuture() {
        XCTAssertEqual(first("The strike began in November.")?.1, "2024-11")
        XCTAssertEqual(first("Elections will be held in November.")?.1, "2025-11")
    }

    func testTimesOfDay() {
        XCTAssertEqual(first("The pipe burst at 8:10am near the station.")?.1, "T08:10")
        XCTAssertEqual(first("The pipe burst at 8:10am near the station.")?.3, "time")
        XCTAssertEqual(first("The curfew starts at 10 p.m. in the city.")?.1, "T22:00")
    }

    func testDurationsAreNotDates() {
        XCTAssertEqual(first("The two sides have quarrelled for years.")?.3, "duration")
        XCTAssertEqual(first("They arrested 13 journalists in five days.")?.3, "duration")
        XCTAssertEqual(first("They arrested 13 journalists in five days.")?.1, "P5D")
        XCTAssertEqual(first("Prices rose over the past week.")?.3, "duration")
    }

    func testWithoutAnArticleDateRelativeDatesStayRelative() {
        let found = first("Rebels shelled the town yesterday.", date: nil)
        XCTAssertEqual(found?.0, "yesterday")
        XCTAssertNil(found?.1)
        let document = Self.pipeline.document(metadata: DocumentMetadata(id: "t"), text: "The army staged drills on Friday.")
        let expression = Self.recognizer.expressions(in: document, articleDate: nil).first
        XCTAssertEqual(expression?.isRelative, true)
        XCTAssertEqual(expression?.relative, "weekday 5 before")
        // Absolute dates need no article date.
        XCTAssertEqual(first("The ceasefire began on 29 March 2025.", date: nil)?.1, "2025-03-29")
    }

    func testMayTheVerbIsNoDate() {
        XCTAssertTrue(times("Officials said the talks may resume.").isEmpty)
    }
}
