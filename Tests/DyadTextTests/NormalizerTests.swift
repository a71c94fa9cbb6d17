import DyadCore
import XCTest
@testable import DyadText

final class NormalizerTests: XCTestCase {
    let normalizer = Normalizer()

    func normalized(_ text: String) -> String {
        let result = normalizer.normalize(text)
        return String(decoding: result.bytes, as: UTF8.self)
    }

    /// The original substring a normalized byte range maps back to.
    func original(_ text: String, _ normalized: NormalizedText, _ range: Range<Int>) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: bytes[normalized.originalRange(range)], as: UTF8.self)
    }

    func testQuotesDashesAndEllipsis() {
        XCTAssertEqual(normalized("\u{201C}killer,\u{201D} Russia\u{2019}s"), "\"killer,\" Russia's")
        XCTAssertEqual(normalized("Biden \u{2014} not long"), "Biden -- not long")
        XCTAssertEqual(normalized("1990\u{2013}95, \u{2212}3, \u{2015}"), "1990-95, -3, --")
        XCTAssertEqual(normalized("simply \u{2026} looking"), "simply ... looking")
    }

    func testSpacesAndInvisibleCharacters() {
        XCTAssertEqual(normalized("a\u{00A0}b\u{202F}c\u{2009}d\u{3000}e"), "a b c d e")
        XCTAssertEqual(normalized("in\u{00AD}ter\u{200B}na\u{200C}tio\u{200D}nal\u{FEFF}"), "international")
    }

    func testEntitiesAndLigatures() {
        XCTAssertEqual(normalized("AT&amp;T &quot;x&quot; &apos;y&apos; &lt;b&gt;"), "AT&T \"x\" 'y' <b>")
        XCTAssertEqual(normalized("a&nbsp;b &mdash; c&ndash;d &rsquo;&lsquo;&ldquo;&rdquo; &hellip;"), "a b -- c-d ''\"\" ...")
        XCTAssertEqual(normalized("don&#39;t don&#x2019;t &#8220;q&#8221;"), "don't don't \"q\"")
        XCTAssertEqual(normalized("\u{FB01}nal \u{FB02}ag e\u{FB00}ort o\u{FB03}ce ra\u{FB04}e"), "final flag effort office raffle")
    }

    func testUnknownOrBrokenEntitiesStay() {
        XCTAssertEqual(normalized("&foo; & &# &#x; &#0; &#xD800; &amp"), "&foo; & &# &#x; &#0; &#xD800; &amp")
        XCTAssertEqual(normalized("&#99999999999;"), "&#99999999999;")
    }

    func testLineEndingsAndReplacementCharacter() {
        XCTAssertEqual(normalized("a\r\nb\rc\n\u{FFFD}"), "a\nb\nc\n\u{FFFD}")
    }

    func testUnchangedTextMapsToItself() {
        let text = "Plain ASCII and caf\u{E9} text."
        let result = normalizer.normalize(text)
        XCTAssertEqual(result, NormalizedText(unchanged: text))
    }

    func testOriginalRangesRoundTrip() {
        let text = "He called Putin a \u{201C}killer,\u{201D} \u{2014} and left&hellip; \u{FB01}ne."
        let result = normalizer.normalize(text)
        let out = String(decoding: result.bytes, as: UTF8.self)
        XCTAssertEqual(out, "He called Putin a \"killer,\" -- and left... fine.")
        XCTAssertEqual(result.originalOffsets.count, result.bytes.count + 1)
        func check(_ token: String, _ expected: String) {
            guard let range = out.range(of: token) else { return XCTFail("no \(token)") }
            let start = out.utf8.distance(from: out.utf8.startIndex, to: range.lowerBound)
            let end = out.utf8.distance(from: out.utf8.startIndex, to: range.upperBound)
            XCTAssertEqual(original(text, result, start..<end), expected)
        }
        check("\"killer,\"", "\u{201C}killer,\u{201D}")
        check("killer", "killer")
        check("--", "\u{2014}")
        check("...", "&hellip;")
        check("fine", "\u{FB01}ne")
        check("Putin", "Putin")
        // Every byte of a replacement points at the start of its source character.
        XCTAssertTrue(result.originalOffsets.allSatisfy { $0 >= 0 && Int($0) <= text.utf8.count })
        XCTAssertEqual(result.originalOffsets.last.map(Int.init), text.utf8.count)
    }

    func testOffsetsAreMonotonic() {
        let text = String(repeating: "\u{201C}a\u{200B}&amp;\u{00A0}\u{2014}b\u{201D}\r\n", count: 100)
        let offsets = normalizer.normalize(text).originalOffsets
        XCTAssertTrue(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
    }

    func testCustomTable() {
        let custom = Normalizer(table: ["# comment", "U+00E9\te", "colour\tcolor", "bad line"])
        XCTAssertEqual(String(decoding: custom.normalize("caf\u{E9} colour").bytes, as: UTF8.self), "cafe color")
    }

    func testRandomInputNeverCrashesAndOffsetsHold() {
        let pieces = ["a", " ", "&", "#", "x", "2", "0", "1", "9", ";", "amp", "&amp;", "&#", "\r", "\n",
                      "\u{201C}", "\u{2014}", "\u{FB03}", "\u{200B}", "\u{FFFD}", "\u{E9}", "&hellip"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<30, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let result = normalizer.normalize(text)
            XCTAssertEqual(result.originalOffsets.count, result.bytes.count + 1)
            XCTAssertTrue(zip(result.originalOffsets, result.originalOffsets.dropFirst()).allSatisfy { $0 <= $1 })
            XCTAssertEqual(result.originalOffsets.last.map(Int.init), text.utf8.count)
            // The output is valid UTF-8: replacements are whole characters.
            XCTAssertEqual(Array(String(decoding: result.bytes, as: UTF8.self).utf8), result.bytes)
        }
    }
}
