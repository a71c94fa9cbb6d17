import DyadCore
@testable import DyadFormats
import Foundation
import XCTest

/// The event-line writer and the byte-level pieces it shares with `JSONObjectWriter`: numbers
/// must read exactly as `description` writes them, strings as `JSONObjectWriter` escapes them.
final class JSONLineWriterTests: XCTestCase {
    private func number(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONText.maxNumberLength) { text in
            let count = JSONText.write(value, to: text.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: text[..<count]), as: UTF8.self)
        }
    }

    private func assertNumber(_ value: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(number(value), value.description, "bits \(value.bitPattern)", file: file, line: line)
    }

    func testNumbersAtTheEdgesMatchDescription() {
        let edges: [Double] = [
            0, -0.0, 1, -1, 0.5, 0.05, 0.005, 0.0005, 0.0001, -0.0001, 0.00005, 0.00001, 0.00012, 0.0009999,
            9.9999, 10, 99.99995, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e6, 9_999_999.9999, 9_999_999.99999, 1e7, 1e7 + 0.5,
            12_345_678.9, 1e15, 1e16, 9_007_199_254_740_992, 123_456.7891, -179.9999, 180, 90, -90,
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .ulpOfOne, 1 + .ulpOfOne, 0.1.nextUp, 0.1.nextDown, 41.0138.nextUp, 3.4.nextDown,
        ]
        for value in edges { assertNumber(value) }
    }

    /// Coordinates as the gazetteer gives them: a Float from the file, back to four decimals.
    func testCoordinatesMatchDescription() {
        var generator = SystemRandomNumberGenerator()
        for units in -1_800_000...1_800_000 where units % 31 == 0 || abs(units) < 10_000 {
            assertNumber(Double(units) / 10_000)
        }
        for _ in 0..<20_000 {
            let stored = Float(Double(Int.random(in: -1_800_000...1_800_000, using: &generator)) / 10_000)
            assertNumber((Double(stored) * 10_000).rounded() / 10_000)
            assertNumber(Double(stored))
        }
    }

    /// Goldstein scores (tenths) and confidences (hundredths), and numbers of no particular form.
    func testScoresAndArbitraryNumbersMatchDescription() {
        for tenths in -1_000...1_000 { assertNumber(Double(tenths) / 10) }
        for hundredths in -10_000...10_000 { assertNumber(Double(hundredths) / 100) }
        for hundredths in 0...100 { assertNumber((Double(hundredths) * 0.01 * 100).rounded() / 100) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            assertNumber(Double.random(in: -1000...1000, using: &generator))
            let bits = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if bits.isFinite { assertNumber(bits) }
        }
    }

    private func line(_ body: (inout JSONLineWriter) -> Void) -> String {
        var bytes: [UInt8] = Array("before ".utf8)
        JSONLineWriter.write(appendingTo: &bytes, body)
        return String(decoding: bytes, as: UTF8.self)
    }

    func testMembersAndNestedObjects() {
        let text = line { json in
            json.add("id", "a-1")
            json.add("n", -12)
            json.add("none", nil as String?)
            json.beginObject("inner")
            json.add("x", 1.5)
            json.add("y", Double.nan)
            json.beginObject("deeper")
            json.add("ok", true)
            json.endObject()
            json.addNull("z")
            json.endObject()
            json.add("after", false)
            json.add("max", Int.min)
        }
        XCTAssertEqual(text, #"before {"id":"a-1","n":-12,"none":null,"inner":{"x":1.5,"y":null,"deeper":{"ok":true},"z":null},"after":false,"max":-9223372036854775808}"#)
    }

    /// Every control character, quotes and backslashes at every position of a word, non-ASCII
    /// text, and strings longer than the writer's chunk: the same text `JSONObjectWriter` writes,
    /// and JSON that reads back as the string.
    func testStringsAreEscapedAsJSONObjectWriterEscapesThem() throws {
        var samples = ["", "plain", "He said \"no\"\\\n\t\u{1}end – ü 黃岩島", "\u{7F}\u{80}é"]
        for code in 0..<0x20 { samples.append("ab" + String(UnicodeScalar(UInt8(code))) + "cdefghijk") }
        for position in 0..<17 {
            for special in ["\"", "\\", "\u{0}", "\u{1F}", "\r\n"] {
                samples.append(String(repeating: "x", count: position) + special + String(repeating: "é", count: 17 - position))
            }
        }
        let long = (0..<900).map { $0 % 37 == 0 ? "\"q\"\n" : "word\($0) " }.joined()
        samples += [long, String(repeating: "\u{1}", count: 3000), String(repeating: "y", count: 5000)]
        for sample in samples {
            let text = line { $0.add("text", sample) }
            XCTAssertEqual(text, "before {\"text\":" + JSONObjectWriter.quoted(sample) + "}")
            let json = try XCTUnwrap(text.split(separator: " ", maxSplits: 1).last)
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            XCTAssertEqual(parsed?["text"] as? String, sample)
        }
    }

    /// Strings written after fillers that leave every amount of room in the writer's chunk, so
    /// that each string is copied whole, split over a flush, or written past a full chunk; with
    /// escapes in the first word, the last word and between.
    func testStringsAcrossTheChunkEndAreWrittenAsJSONObjectWriterWritesThem() throws {
        let samples = [
            "", "a", "seven!!", "eight!!!", "nine bytes", "\"quoted at both ends\"", "tail\n", "x\"\\y",
            "Harder's office said: \"Mr. Tarpley has apologized\" in a statement.", "é – 黃岩島 ü",
            String(repeating: "clean words ", count: 12), String(repeating: "ab\tcd ", count: 30),
        ]
        for fillerLength in stride(from: 980, through: 1040, by: 1) {
            let filler = String(repeating: "f", count: fillerLength)
            for sample in samples {
                let text = line { json in
                    json.add("filler", filler)
                    json.add("text", sample)
                    json.add("after", 1)
                }
                XCTAssertEqual(text, "before {\"filler\":\"\(filler)\",\"text\":" + JSONObjectWriter.quoted(sample) + ",\"after\":1}",
                               "filler \(fillerLength), \(sample.debugDescription)")
            }
        }
    }

    func testWordNeedsEscapeAtEveryPosition() {
        let clean = Array("a b~\u{7F}\u{80}\u{FF}!".utf8)
        let word = { (bytes: [UInt8]) in bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        XCTAssertFalse(JSONText.wordNeedsEscape(word(clean)))
        for position in 0..<8 {
            for byte in UInt8.min...UInt8.max {
                var bytes = clean
                bytes[position] = byte
                XCTAssertEqual(JSONText.wordNeedsEscape(word(bytes)), JSONText.needsEscape(byte), "byte \(byte) at \(position)")
            }
        }
    }

    func testFirstEscapeFindsTheFirstByteToEscape() {
        let text = Array("0123456789abcdef0123456789".utf8)
        for position in 0...text.count {
            for special: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x0A] {
                var bytes = text
                if position < text.count { bytes[position] = special }
                for start in 0...position {
                    let found = bytes.withUnsafeBufferPointer { JSONText.firstEscape(in: $0, from: start) }
                    XCTAssertEqual(found, position)
                }
            }
        }
        for byte: UInt8 in [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF] {
            let bytes = [UInt8](repeating: byte, count: 19)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { JSONText.firstEscape(in: $0, from: 0) }, 19)
        }
    }

    func testEventLine() {
        let place = Place(name: "Istanbul", type: "city", latitude: 41.0138, longitude: 28.9497, country: "TR",
                          fipsCountry: "TU", adm1: "TU34", adm1Name: nil, countryName: "Turkey", geonameID: 745044,
                          text: "Istanbul", start: 30, end: 38)
        let source = EventActor(code: "TURGOV", country: "TUR", text: "Turkish officials", start: 0, end: 17,
                                resolution: .title, name: nil, place: nil)
        let event = Event(id: "00ff", document: "doc-1", sentence: 2, source: source, target: nil, code: "0431",
                          quadClass: 1, goldstein: 2.8, ploverCategory: "CONSULT", ploverMode: "", negated: false,
                          modality: .asserted, date: "2025-03-29",
                          sentenceText: "Turkish officials met \"envoys\" in Istanbul.",
                          sentenceSpan: TextSpan(start: 100, end: 143, text: ""),
                          trigger: TextSpan(start: 18, end: 21, text: "met"), rule: "verbs.txt:12", pattern: "MEET",
                          confidence: 0.8333, datePrecision: .day, dateSource: .text, place: place)
        XCTAssertEqual(EventJSONL.line(event), #"{"id":"00ff","doc":"doc-1","sentence":2,"source":{"code":"TURGOV","country":"TUR","text":"Turkish officials","start":0,"end":17,"resolution":"title","name":null,"place":null},"target":null,"cameo":"0431","base":"043","root":"04","quad":1,"goldstein":2.8,"plover":"CONSULT","plover_mode":null,"negated":false,"modality":"asserted","date":"2025-03-29","date_precision":"day","date_source":"text","place":{"start":30,"end":38,"text":"Istanbul","name":"Istanbul","lat":41.0138,"lon":28.9497,"country":"TR","type":"city","id":745044,"fips":"TU","adm1":"TU34"},"evidence":{"sentence":"Turkish officials met \"envoys\" in Istanbul.","start":100,"end":143,"verb":{"text":"met","start":18,"end":21},"source":{"text":"Turkish officials","start":0,"end":17},"target":null},"rule":"verbs.txt:12","pattern":"MEET","confidence":0.83}"#)
    }

    /// `base` and `root` are the code's first characters, even when a code is not plain ASCII.
    func testCodePrefixesAreCharacters() {
        for code in ["", "0", "04", "0431", "1a2b3c", "é1234", "0\u{301}12", "01\r\n2", "12 3"] {
            var bytes: [UInt8] = []
            JSONLineWriter.write(appendingTo: &bytes) { json in
                EventJSONL.writePrefix("base", of: code, characters: 3, to: &json)
                EventJSONL.writePrefix("root", of: code, characters: 2, to: &json)
            }
            var expected = JSONObjectWriter()
            expected.add("base", String(code.prefix(3)))
            expected.add("root", String(code.prefix(2)))
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), expected.finished(), code)
        }
    }
}
