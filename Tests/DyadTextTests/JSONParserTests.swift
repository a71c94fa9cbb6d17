import XCTest
@testable import DyadText

final class JSONParserTests: XCTestCase {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)).value }

    func failure(_ text: String) -> JSONParser.Failure.Reason? {
        failure(Array(text.utf8))
    }

    func failure(_ bytes: [UInt8]) -> JSONParser.Failure.Reason? {
        do throws(JSONParser.Failure) {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    func object(_ members: (String, JSONValue)...) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    // MARK: Values

    func testScalarsObjectsAndArraysNest() throws {
        XCTAssertEqual(
            try parse(#"{"a": [1, "two", true, false, null, {"b": []}], "c": {}}"#),
            object(
                ("a", .array([.number("1"), .string("two"), .bool(true), .bool(false), .null, object(("b", .array([])))])),
                ("c", object())))
        XCTAssertEqual(try parse("[[[]], [[1]]]"), .array([.array([.array([])]), .array([.array([.number("1")])])]))
        // RFC 8259 allows any value at the top; the JSONL reader decides what a line may be.
        XCTAssertEqual(try parse(#""just a string""#), .string("just a string"))
        XCTAssertEqual(try parse("-12.5e3"), .number("-12.5e3"))
        XCTAssertEqual(try parse("null"), .null)
    }

    func testStringsWithoutEscapesKeepTheirBytes() throws {
        XCTAssertEqual(try parse("[\"Café in Zürich — 東京 😀\", \"\", \"del\u{7F}\"]"),
                       .array([.string("Café in Zürich — 東京 😀"), .string(""), .string("del\u{7F}")]))
    }

    func testEveryEscapeIsDecoded() throws {
        XCTAssertEqual(try parse(#"["a\"b\\c\/d\be\ff\ng\rh\ti"]"#), .array([.string("a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti")]))
        XCTAssertEqual(try parse(#"["\u0041\u00e9\u00C9\u4e1c\u0000end"]"#), .array([.string("A\u{E9}\u{C9}\u{4E1C}\u{0}end")]))
        // Escapes at both ends and next to each other, and plain text between them.
        XCTAssertEqual(try parse(#"["\n\nsaid \"yes\"\n"]"#), .array([.string("\n\nsaid \"yes\"\n")]))
        // Keys are strings like any other.
        XCTAssertEqual(try parse(#"{"te\u0078t": 1}"#), object(("text", .number("1"))))
    }

    func testSurrogatePairsJoinAndLoneSurrogatesAreReplacedAndCounted() throws {
        let pairs = try JSONParser.parse(Array(#"["\uD83D\uDE00", "\ud800\udc00\uDBFF\uDFFF"]"#.utf8))
        XCTAssertEqual(pairs.value, .array([.string("😀"), .string("\u{10000}\u{10FFFF}")]))
        XCTAssertEqual(pairs.replacedSurrogates, 0)
        let lone = try JSONParser.parse(Array(#"["a\uD83Db", "\uDE00", "\uD83D\u0041", "\uD83D\uD83D\uDE00", "\uD83D\n", "x\uD83D"]"#.utf8))
        XCTAssertEqual(lone.value, .array([
            .string("a\u{FFFD}b"), .string("\u{FFFD}"), .string("\u{FFFD}A"), .string("\u{FFFD}😀"),
            .string("\u{FFFD}\n"), .string("x\u{FFFD}"),
        ]))
        XCTAssertEqual(lone.replacedSurrogates, 6)
    }

    func testNumbersKeepTheirLiteral() throws {
        XCTAssertEqual(try parse("[0, -0, 12, -7, 1.5, 0.25e-2, 1E3, 1e+3, 10000000000000000000000]"), .array([
            .number("0"), .number("-0"), .number("12"), .number("-7"), .number("1.5"), .number("0.25e-2"),
            .number("1E3"), .number("1e+3"), .number("10000000000000000000000"),
        ]))
    }

    func testNumbersReadAsFieldsGiveTheTextsJSONSerializationGave() {
        let expected: [(String, String)] = [
            ("12", "12"), ("-12", "-12"), ("0", "0"), ("-0", "0"),
            ("9007199254740993", "9007199254740993"), ("18446744073709551615", "18446744073709551615"),
            ("-9223372036854775808", "-9223372036854775808"),
            // Beyond 64 bits, and long literals generally, as Decimal: plain digits, no exponent.
            ("18446744073709551616", "18446744073709551616"), ("123456789012345678901", "123456789012345678901"),
            ("9007199254740993.0", "9007199254740993"), ("0.30000000000000004", "0.30000000000000004"),
            ("123456789012345678e-3", "123456789012345.678"), ("12345678901234567E3", "12345678901234567000"),
            // Everything else as Double's description.
            ("1.5", "1.5"), ("1.0", "1.0"), ("-1.5", "-1.5"), ("0.1", "0.1"), ("-0.0", "-0.0"),
            ("1e3", "1000.0"), ("1E3", "1000.0"), ("1.5e2", "150.0"), ("2e0", "2.0"), ("10E-1", "1.0"),
            ("1e15", "1000000000000000.0"), ("1e16", "1e+16"), ("1e21", "1e+21"),
            ("2.5e-5", "2.5e-05"), ("1e-7", "1e-07"), ("1e-400", "0.0"),
            ("123456789012345678e200", "1.2345678901234569e+217"), ("1" + String(repeating: "0", count: 200), "1e+200"),
        ]
        for (literal, text) in expected {
            XCTAssertEqual(JSONValue.text(ofNumber: literal), text, literal)
        }
        for overflow in ["1e400", "-1e400", "1E400", "1" + String(repeating: "0", count: 400)] {
            XCTAssertNil(JSONValue.text(ofNumber: overflow), overflow)
        }
    }

    /// A number no Double holds is kept as written, not refused: the record is not lost for it.
    func testNumbersNoDoubleHoldsAreKeptAsWritten() throws {
        XCTAssertEqual(try parse("[1e400]"), .array([.number("1e400")]))
        XCTAssertEqual(try parse("[-1E999999999]"), .array([.number("-1E999999999")]))
        let long = String(repeating: "7", count: 200_000)
        XCTAssertEqual(try parse("[\(long)]"), .array([.number(long)]))
    }

    func testDuplicateKeysAreKeptAndTheLastIsFound() throws {
        guard case .object(let fields) = try parse(#"{"text": "first", "id": 1, "text": "last"}"#) else {
            return XCTFail("not an object")
        }
        XCTAssertEqual(fields.members.map(\.key), ["text", "id", "text"])
        XCTAssertEqual(fields["text"], .string("last"))
        XCTAssertEqual(fields["id"], .number("1"))
        XCTAssertNil(fields["missing"])
    }

    func testWhiteSpaceAByteOrderMarkAndTrailingCommasAreAccepted() throws {
        XCTAssertEqual(try parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] } \r\n"), object(("a", .array([.number("1"), .number("2")]))))
        XCTAssertEqual(try parse("\u{FEFF}{}"), object())
        XCTAssertEqual(try parse("\u{FEFF} []"), .array([]))
        // JSONSerialization accepted a comma before the closing bracket; lines it read still read.
        XCTAssertEqual(try parse("[1,]"), .array([.number("1")]))
        XCTAssertEqual(try parse(#"{"a": 1, }"#), object(("a", .number("1"))))
    }

    // MARK: Refusals

    func testMalformedDocumentsAreRefusedWithTheReason() {
        let cases: [(String, JSONParser.Failure.Reason)] = [
            ("", .unexpectedEnd), ("   ", .unexpectedEnd), ("{", .unexpectedEnd), ("[1,", .unexpectedEnd),
            (#"{"a""#, .unexpectedEnd), (#"{"a":"#, .unexpectedEnd), (#"["abc"#, .unexpectedEnd), (#"["a\"#, .unexpectedEnd),
            (#"["\u00"#, .unexpectedEnd), ("[tru", .unexpectedEnd),
            // Trailing garbage.
            ("{} x", .trailingBytes), ("{}{}", .trailingBytes), ("[] ]", .trailingBytes), ("01", .trailingBytes),
            // Structure.
            ("[,]", .unexpectedByte(UInt8(ascii: ","))), ("[1,,2]", .unexpectedByte(UInt8(ascii: ","))),
            ("{,}", .unexpectedByte(UInt8(ascii: ","))), (#"{"a":1,,}"#, .unexpectedByte(UInt8(ascii: ","))),
            ("[1 2]", .unexpectedByte(UInt8(ascii: "2"))), (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1"))),
            (#"{"a":}"#, .unexpectedByte(UInt8(ascii: "}"))), ("{a:1}", .unexpectedByte(UInt8(ascii: "a"))),
            ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"))), ("[01]", .unexpectedByte(UInt8(ascii: "1"))),
            ("[1.5.2]", .unexpectedByte(UInt8(ascii: "."))), ("[0x10]", .unexpectedByte(UInt8(ascii: "x"))),
            ("[1-2]", .unexpectedByte(UInt8(ascii: "-"))), ("[1e5e5]", .unexpectedByte(UInt8(ascii: "e"))),
            // Only space, tab, CR and LF are white space.
            ("[\u{0C}1]", .unexpectedByte(0x0C)), ("[\u{0B}1]", .unexpectedByte(0x0B)), ("[\u{A0}1]", .unexpectedByte(0xC2)),
            ("\u{FEFF}\u{FEFF}{}", .unexpectedByte(0xEF)), (" \u{FEFF}{}", .unexpectedByte(0xEF)),
            // Literals.
            ("[True]", .unexpectedByte(UInt8(ascii: "T"))), ("[nul]", .unexpectedByte(UInt8(ascii: "]"))),
            ("[truex]", .unexpectedByte(UInt8(ascii: "x"))), ("[NaN]", .unexpectedByte(UInt8(ascii: "N"))),
            ("[Infinity]", .unexpectedByte(UInt8(ascii: "I"))),
            // Numbers.
            ("[-]", .invalidNumber), ("[1.]", .invalidNumber), ("[-.5]", .invalidNumber), ("[1e]", .invalidNumber),
            ("[1e+]", .invalidNumber), ("[1.e2]", .invalidNumber), ("[1ee2]", .invalidNumber), ("-", .invalidNumber),
            ("[.5]", .unexpectedByte(UInt8(ascii: "."))), ("[+1]", .unexpectedByte(UInt8(ascii: "+"))),
            // Strings.
            (#"["\x"]"#, .invalidEscape), (#"["\'"]"#, .invalidEscape), (#"["\U0041"]"#, .invalidEscape),
            (#"["\u12"]"#, .invalidEscape), (#"["\u12G4"]"#, .invalidEscape),
            ("[\"tab\there\"]", .controlCharacterInString), ("[\"line\nbreak\"]", .controlCharacterInString),
            ("[\"\u{1F}\"]", .controlCharacterInString), ("{\"a\u{01}\": 1}", .controlCharacterInString),
        ]
        for (text, reason) in cases {
            XCTAssertEqual(failure(text), reason, text.debugDescription)
        }
        // Bytes that are no UTF-8 outside a string are unexpected like any other.
        XCTAssertEqual(failure([0x5B, 0xFF, 0x5D]), .unexpectedByte(0xFF))
    }

    func testFailuresSayWhere() {
        do throws(JSONParser.Failure) {
            _ = try JSONParser.parse(Array(#"{"a": [1, x]}"#.utf8))
            XCTFail("parsed")
        } catch {
            XCTAssertEqual(error, JSONParser.Failure(reason: .unexpectedByte(UInt8(ascii: "x")), offset: 10))
        }
    }

    func testNestingDeeperThanTheCapIsRefusedNotRecursedInto() throws {
        let cap = JSONParser.maximumDepth
        func arrays(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        func objects(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        }
        XCTAssertNoThrow(try parse(arrays(cap)))
        XCTAssertNoThrow(try parse(objects(cap)))
        XCTAssertEqual(failure(arrays(cap + 1)), .tooDeep)
        XCTAssertEqual(failure(objects(cap + 1)), .tooDeep)
        // Far deeper than any stack would take, and unterminated: still a clean refusal.
        XCTAssertEqual(failure(String(repeating: "[", count: 1_000_000)), .tooDeep)
        XCTAssertEqual(failure(String(repeating: #"{"a":["#, count: 300_000)), .tooDeep)
    }

    // MARK: Repair before parsing

    func testInvalidUTF8IsRepairedAndCountedBeforeParsing() throws {
        let line: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"text": "caf"#.utf8) + [0xE9] + Array(#" ok", "x": "\#u{E9}"#.utf8)
            + [0xED, 0xA0, 0x80] + Array("\"}".utf8)
        let (document, repaired) = TextDecoding.withRepairedUTF8(line[...]) { bytes, repaired in
            (try? JSONParser.parse(bytes), repaired)
        }
        XCTAssertEqual(repaired, 4)
        XCTAssertEqual(document?.value, object(("text", .string("caf\u{FFFD} ok")), ("x", .string("\u{E9}\u{FFFD}\u{FFFD}\u{FFFD}"))))
        // Valid bytes come through as they are, the byte order mark dropped.
        let valid = TextDecoding.withRepairedUTF8(([0xEF, 0xBB, 0xBF] + Array("[\"é\"]".utf8))[...]) { bytes, repaired in
            (Array(bytes), repaired)
        }
        XCTAssertEqual(valid.0, Array("[\"é\"]".utf8))
        XCTAssertEqual(valid.1, 0)
    }
}
