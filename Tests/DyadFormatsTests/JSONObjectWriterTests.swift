import DyadFormats
import Foundation
import XCTest

final class JSONObjectWriterTests: XCTestCase {
    func testKeysKeepTheirOrder() {
        var writer = JSONObjectWriter()
        writer.add("id", "a-1")
        writer.add("start", 3)
        writer.add("title", nil as String?)
        writer.add("ok", true)
        XCTAssertEqual(writer.finished(), #"{"id":"a-1","start":3,"title":null,"ok":true}"#)
    }

    func testEscapesQuotesBackslashesAndControlCharacters() throws {
        let awkward = "He said \"no\"\\\n\t\u{1}end – ü 黃岩島"
        var writer = JSONObjectWriter()
        writer.add("text", awkward)
        let json = writer.finished()
        XCTAssertFalse(json.contains("\n"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertEqual(parsed?["text"] as? String, awkward)
    }

    func testNestedObjectsAreWrittenInPlace() {
        var writer = JSONObjectWriter()
        writer.add("n", -12)
        writer.beginObject("inner")
        writer.add("x", 1.5)
        writer.beginObject("deeper")
        writer.add("a", "\u{1F}")
        writer.endObject()
        writer.addNull("none")
        writer.endObject()
        writer.add("after", false)
        XCTAssertEqual(writer.finished(),
                       #"{"n":-12,"inner":{"x":1.5,"deeper":{"a":"\u001f"},"none":null},"after":false}"#)
    }

    func testKeysFromDataAreEscaped() {
        var writer = JSONObjectWriter()
        writer.add("fixed", 1)
        writer.add(name: "a \"quoted\" column", "x")
        writer.add(name: "count\\", 7)
        writer.addRaw(name: "nested\n", json: "[1,2]")
        XCTAssertEqual(writer.finished(), #"{"fixed":1,"a \"quoted\" column":"x","count\\":7,"nested\n":[1,2]}"#)
    }
}
