import XCTest
@testable import DyadText

final class SegmenterTests: XCTestCase {
    let segmenter = ArticleSegmenter()

    /// `/work/shared` seen from this file: Tests/DyadTextTests -> package root -> ../shared.
    static func sharedFile(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    }

    func testSeedSplitsIntoFiveArticles() throws {
        let url = Self.sharedFile("seed/news.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("seed not found at \(url.path)")
        }
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 5, segments.map { String($0.text.prefix(30)) }.description)
        guard segments.count == 5 else { return }
        XCTAssertTrue(segments[0].text.hasPrefix("US Secretary of State"))
        XCTAssertEqual(segments[0].text.split(separator: "\n").count, 18)
        XCTAssertEqual(segments[0].line, 1)
        XCTAssertTrue(segments[1].text.hasPrefix("A fire caused"))
        XCTAssertEqual(segments[1].line, 19)
        XCTAssertTrue(segments[2].text.hasPrefix("US Vice President"))
        XCTAssertEqual(segments[3].kicker, "UNREST")
        XCTAssertTrue(segments[3].text.hasPrefix("The authorities in Turkey"))
        XCTAssertEqual(segments[4].kicker, "JOINT EFFORTS")
        XCTAssertTrue(segments[4].text.hasPrefix("The three countries"))
        for segment in segments {
            XCTAssertNil(segment.dateline)
            XCTAssertNil(segment.title)
            // Character offsets count scalars as Python does.
            let scalars = Array(text.unicodeScalars)
            let slice = String(String.UnicodeScalarView(scalars[segment.characterRange]))
            XCTAssertEqual(slice, segment.text)
        }
    }

    func testSeedWithSurroundingBlankLinesStillSplitsIntoFive() throws {
        let url = Self.sharedFile("seed/news.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("seed not found at \(url.path)")
        }
        XCTAssertEqual(segmenter.segment("\n\n" + text + "\n\n").count, 5)
        XCTAssertEqual(segmenter.segment(text.replacingOccurrences(of: "\n", with: "\r\n")).count, 5)
    }

    func testSingleBlankLinesBetweenArticlesOfLineParagraphs() {
        let text = """
        Rebels in Sudan seized a town near Khartoum.
        The army said it would retake it within days.

        Voters in Chile go to the polls on Sunday.
        Polls in Santiago open at eight.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.map(\.line), [1, 4])
        XCTAssertEqual(segments.first?.text, "Rebels in Sudan seized a town near Khartoum.\nThe army said it would retake it within days.")
    }

    func testRunTogetherArticlesOnDifferentTopicsSplit() {
        let text = """
        Protesters in Caracas marched against the government of Nicolas Maduro on Monday.
        Police in Caracas fired tear gas at the crowd near the Miraflores palace.
        Floods in northern Bangladesh killed 40 people, officials in Dhaka said.
        Rescue teams from Sylhet reached the worst-hit villages in Bangladesh by boat.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 2)
        XCTAssertTrue(segments.first?.text.hasSuffix("Miraflores palace.") ?? false)
        XCTAssertTrue(segments.last?.text.hasPrefix("Floods in northern Bangladesh") ?? false)
    }

    func testCutOffParagraphEndsArticle() {
        let text = """
        The council met in Nairobi on Tuesday and agreed to send observers to the border, but the
        The storm reached the coast of Japan overnight. Trains in Osaka were cancelled.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 2)
        XCTAssertEqual(segments.last?.line, 2)
    }

    func testKickersAndDatelinesBecomeMetadata() {
        let text = """
        NEW YORK (Reuters) - Stocks rose on Wall Street after the Federal Reserve held rates.
        Traders in New York said the Federal Reserve had calmed markets.
        WASHINGTON, March 3 (AP) -- The Senate passed the budget bill late on Friday.
        LONDON - Britain and Ireland signed a fisheries accord.
        CEASEFIRE TALKS: Envoys from Qatar met delegates in Doha.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 4)
        guard segments.count == 4 else { return }
        XCTAssertEqual(segments[0].dateline, "NEW YORK (Reuters)")
        XCTAssertTrue(segments[0].text.hasPrefix("Stocks rose"))
        XCTAssertTrue(segments[0].text.hasSuffix("calmed markets."))
        XCTAssertEqual(segments[1].dateline, "WASHINGTON, March 3 (AP)")
        XCTAssertTrue(segments[1].text.hasPrefix("The Senate passed"))
        XCTAssertEqual(segments[2].dateline, "LONDON")
        XCTAssertEqual(segments[2].text, "Britain and Ireland signed a fisheries accord.")
        XCTAssertEqual(segments[3].kicker, "CEASEFIRE TALKS")
        XCTAssertEqual(segments[3].text, "Envoys from Qatar met delegates in Doha.")
    }

    func testCapitalizedStartIsNotAKickerOrDateline() {
        XCTAssertNil(segmenter.segment("DW: What do you expect from the talks?").first?.kicker)
        let text = "US officials said: talks will resume.\nUS - China trade rose in May."
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 1)
        XCTAssertNil(segments.first?.kicker)
        XCTAssertNil(segments.first?.dateline)
    }

    func testDashLinesAndDoubleBlankLinesSeparate() {
        let text = """
        Rebels in Sudan seized a town near Khartoum.

        The army said it would retake it within days.
        ---
        Rebels in Sudan seized a second town.


        Voters in Chile go to the polls on Sunday.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 3)
        XCTAssertEqual(segments.first?.text, "Rebels in Sudan seized a town near Khartoum.\n\nThe army said it would retake it within days.")
        XCTAssertEqual(segments.last?.text, "Voters in Chile go to the polls on Sunday.")
    }

    func testFormFeedSeparates() {
        let segments = segmenter.segment("First article about Peru.\u{0C}Second article about Peru.")
        XCTAssertEqual(segments.map(\.text), ["First article about Peru.", "Second article about Peru."])
    }

    func testHeadlineBecomesTitle() {
        let text = """
        Floods hit northern Bangladesh

        Floods in Bangladesh killed 40 people, officials in Dhaka said.


        Election day in Chile

        Voters in Chile go to the polls on Sunday.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 2)
        XCTAssertEqual(segments.first?.title, "Floods hit northern Bangladesh")
        XCTAssertEqual(segments.first?.line, 1)
        XCTAssertTrue(segments.first?.text.hasPrefix("Floods in Bangladesh") ?? false)
        XCTAssertEqual(segments.last?.title, "Election day in Chile")
    }

    func testSingleArticleWithVaryingNamesStaysWhole() {
        let text = """
        Foreign ministers of Germany and France met in Berlin on Thursday to discuss Ukraine.
        The talks focused on the supply of air defence systems before the winter.
        He said the Élysée would host a follow-up meeting in December.
        “We are not there yet,” a senior diplomat told reporters.
        Officials in Warsaw and Vilnius were briefed by telephone.
        The ministers agreed to meet again in Paris.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 1)
        XCTAssertEqual(segments.first?.text.split(separator: "\n").count, 6)
    }

    func testBlankLineParagraphsOfOneArticleStayTogether() {
        let text = """
        Fighting resumed in Sudan's Darfur region on Sunday, aid groups in Khartoum said.

        The clashes forced thousands to flee toward the border.

        Aid agencies said Darfur had received no food convoys for a month.
        """
        XCTAssertEqual(segmenter.segment(text).count, 1)
    }

    func testHardWrappedParagraphsAreJoined() {
        let text = """
        Fighting resumed in the Darfur region on Sunday, aid
        groups in Khartoum said, forcing thousands to flee.

        Aid agencies said Darfur had received no food convoys
        for a month.
        """
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 1)
    }

    func testEmptyAndOddInputs() {
        XCTAssertEqual(segmenter.segment("").count, 0)
        XCTAssertEqual(segmenter.segment("\n\n  \n").count, 0)
        XCTAssertEqual(segmenter.segment("---\n---\n").count, 0)
        XCTAssertEqual(segmenter.segment("UNREST:").count, 0)
        XCTAssertEqual(segmenter.segment("a").map(\.text), ["a"])
        XCTAssertEqual(segmenter.segment("\r\nOne line.\r\nTwo line.\r\n").first?.text, "One line.\r\nTwo line.")
        XCTAssertEqual(segmenter.segment("\u{FFFD}\u{FFFD}").first?.characterRange, 0..<2)
    }

    func testLongSingleLineIsLinear() {
        let sentence = "Officials in Lagos said the talks in Abuja would continue. "
        let text = String(repeating: sentence, count: 200_000)  // about 12 MB
        // No clock here (benchmarks are not tests): a quadratic pass over 12 MB would not end in
        // CI's time limit, and a wrong one would split the line.
        let segments = segmenter.segment(text)
        XCTAssertEqual(segments.count, 1)
    }

    func testRandomInputNeverCrashesAndRangesHold() {
        let pieces = ["A", "B", "UN", "US", "a", "x", " ", " ", ".", ":", ",", "-", "--", "\u{2014}", "\u{2013}",
                      "\n", "\n", "\r", "\u{0C}", "(", ")", "\u{201C}", "\u{201D}", "\u{2019}", "\u{E9}", "\u{C9}",
                      "---", "NEW YORK", "The", "\u{FFFD}", "?", "\t"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<40, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let bytes = Array(text.utf8)
            let scalars = Array(text.unicodeScalars)
            var previousEnd = 0
            for segment in segmenter.segment(text) {
                XCTAssertLessThanOrEqual(previousEnd, segment.byteRange.lowerBound)
                XCTAssertLessThan(segment.byteRange.lowerBound, segment.byteRange.upperBound)
                XCTAssertLessThanOrEqual(segment.byteRange.upperBound, bytes.count)
                XCTAssertEqual(String(decoding: bytes[segment.byteRange], as: UTF8.self), segment.text)
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[segment.characterRange])), segment.text)
                previousEnd = segment.byteRange.upperBound
            }
        }
    }

    /// BBC articles (read from ../shared at test time) run together five at a time, one paragraph
    /// a line, no blank lines. With each article's last paragraph cut in half, as in the seed,
    /// most boundaries are found; with whole articles, only topic changes are left, and the
    /// segmenter should rather miss a boundary than invent one.
    func testBBCArticlesRunTogether() throws {
        let url = Self.sharedFile("corpora/bbc_news_fulltext/bbc_fulltext.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus not found at \(url.path)")
        }
        var articles: [[String]] = []
        for case .success(let record) in try InputReader(path: url.path, options: InputOptions()) {
            // Paragraphs with single line breaks inside would shift line numbers; keep it simple.
            let paragraphs = record.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            if !paragraphs.contains(where: { $0.contains("\n") }) { articles.append(paragraphs) }
        }
        XCTAssertGreaterThan(articles.count, 2000)
        for cutLast in [true, false] {
            var found = 0, invented = 0, missed = 0
            var first = 0
            while first + 5 <= articles.count {
                var lines: [String] = []
                var starts: Set<Int> = []
                for var paragraphs in articles[first..<first + 5] {
                    starts.insert(lines.count + 1)
                    if cutLast, let last = paragraphs.popLast() {
                        let words = last.split(separator: " ")
                        paragraphs.append(words.count > 4 ? words.prefix(words.count / 2).joined(separator: " ") : last)
                    }
                    lines.append(contentsOf: paragraphs)
                }
                let predicted = Set(segmenter.segment(lines.joined(separator: "\n")).map(\.line))
                found += predicted.intersection(starts).count
                invented += predicted.subtracting(starts).count
                missed += starts.subtracting(predicted).count
                first += 37
            }
            let precision = Double(found) / Double(max(1, found + invented))
            let recall = Double(found) / Double(max(1, found + missed))
            print("BBC run together, cut \(cutLast): precision \(precision), recall \(recall)")
            if cutLast {
                XCTAssertGreaterThan(precision, 0.8)
                XCTAssertGreaterThan(recall, 0.9)
            } else {
                XCTAssertGreaterThan(precision, 0.6)
            }
        }
    }
}
