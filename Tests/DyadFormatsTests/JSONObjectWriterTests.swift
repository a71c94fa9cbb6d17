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

    func testIntegersAreWrittenAsStringDescribesThem() {
        let values = [0, 9, 10, -1, -9, -10, 99, 100, 12_345, -907, Int.max, Int.min, Int(Int32.max), 1_000_000_000_000]
        for value in values {
            var writer = JSONObjectWriter()
            writer.add("v", value)
            XCTAssertEqual(writer.finished(), "{\"v\":\(value)}")
        }
    }

    func testMembersAndNestedObjects() {
        var writer = JSONObjectWriter()
        writer.add("a", 1)
        writer.add("bb", "x")
        writer.add("a_much_longer_key_than_the_rest", 2)
        writer.beginObject("o")
        writer.add("k", nil as Int?)
        writer.add(name: "data \"key\"", "v")
        writer.endObject()
        writer.add("z", true)
        XCTAssertEqual(writer.finished(), #"{"a":1,"bb":"x","a_much_longer_key_than_the_rest":2,"o":{"k":null,"data \"key\"":"v"},"z":true}"#)
    }
}
