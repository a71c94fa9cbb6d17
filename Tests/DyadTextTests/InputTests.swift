import DyadCore
import XCTest
@testable import DyadText

final class InputTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dyad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func readAll(_ path: String, _ options: InputOptions = InputOptions())
        throws -> (records: [InputRecord], problems: [InputProblem], statistics: InputStatistics)
    {
        let reader = try InputReader(path: path, options: options)
        var records: [InputRecord] = []
        var problems: [InputProblem] = []
        for element in reader {
            switch element {
            case .success(let record): records.append(record)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (records, problems, reader.statistics)
    }

    func thrownProblem(_ body: () throws -> Void) -> InputProblem? {
        do { try body() } catch let problem as InputProblem { return problem } catch { return nil }
        return nil
    }

    // MARK: Decoding

    func testInvalidUTF8IsRepairedAndCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xFF] + Array("c".utf8) + [0xE2, 0x80]
            + Array("d".utf8) + [0xC3, 0xA9, 0xED, 0xA0, 0x80]
        let decoded = try TextDecoding.decode(bytes, origin: "x.txt")
        XCTAssertTrue(decoded.droppedByteOrderMark)
        XCTAssertEqual(decoded.text, "ab\u{FFFD}c\u{FFFD}d\u{E9}\u{FFFD}\u{FFFD}\u{FFFD}")
        XCTAssertEqual(decoded.repairedSequences, 5)
        XCTAssertEqual(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count, decoded.repairedSequences)
    }

    func testRepairCountMatchesSwiftOnManyByteStrings() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0..<24, using: &generator)).map { _ in
                [0x41, 0x80, 0xBF, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xA0, 0x90][Int.random(in: 0..<11, using: &generator)] as UInt8
            }
            let expected = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            XCTAssertEqual(TextDecoding.invalidSequenceCount(bytes[...]), expected, "\(bytes)")
        }
    }

    func testRepairCountAndNULOffsetHoldAcrossLongASCIIRuns() {
        // ASCII runs of every length around the eight-byte steps, between valid and broken sequences.
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x80, 0x94], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xC3]]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<6, using: &generator) {
                bytes += Array(repeating: 0x61, count: Int.random(in: 0..<20, using: &generator))
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            bytes += Array(repeating: 0x62, count: Int.random(in: 0..<20, using: &generator))
            let start = Int.random(in: 0...min(3, bytes.count), using: &generator)
            let slice = bytes[start...]
            let expected = String(decoding: slice, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            XCTAssertEqual(TextDecoding.invalidSequenceCount(slice), expected, "\(bytes) from \(start)")
            XCTAssertNil(TextDecoding.firstNUL(in: slice))
            var withNUL = Array(slice)
            let nul = Int.random(in: 0...withNUL.count, using: &generator)
            withNUL.insert(0, at: nul)
            XCTAssertEqual(TextDecoding.firstNUL(in: ([0x7B] + withNUL)[1...]), nul)
        }
        XCTAssertNil(TextDecoding.firstNUL(in: []))
    }

    func testBinaryAndEmptyFilesAreRefused() throws {
        let binary = try write("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
        let problem = thrownProblem { _ = try InputReader(path: binary, options: InputOptions()) }
        XCTAssertEqual(problem?.origin, binary)
        XCTAssertTrue(problem?.message.contains("binary") ?? false)
        XCTAssertTrue(problem?.description.hasPrefix("\(binary): ") ?? false)

        let late = try write("late.txt", Array(repeating: 0x61, count: 10_000) + [0x00])
        let (records, problems, _) = try readAll(late)
        XCTAssertEqual(records.count, 0)
        XCTAssertTrue(problems.first?.message.contains("binary") ?? false)

        let empty = try write("empty.jsonl", [])
        XCTAssertEqual(thrownProblem { _ = try InputReader(path: empty, options: InputOptions()) }?.message, "empty input")
        let missing = directory.appendingPathComponent("missing.txt").path
        XCTAssertNotNil(thrownProblem { _ = try InputReader(path: missing, options: InputOptions()) })
    }

    func testProblemDescription() {
        XCTAssertEqual(InputProblem(origin: "a.jsonl", line: 3, message: "not valid JSON").description, "a.jsonl:3: not valid JSON")
        XCTAssertEqual(InputProblem(origin: "a.jsonl", message: "empty input").description, "a.jsonl: empty input")
    }

    func testFormatDetection() throws {
        XCTAssertEqual(InputFormat.detect(path: "a.JSONL"), .jsonl)
        XCTAssertEqual(InputFormat.detect(path: "a.csv"), .csv)
        XCTAssertEqual(InputFormat.detect(path: "a.txt"), .text)
        XCTAssertEqual(InputFormat.detect(path: "-"), .text)
        XCTAssertEqual(InputFormat.detect(path: directory.path), .folder)
    }

    // MARK: Plain text

    func testPlainTextIsSegmentedIntoRecords() throws {
        let first = "Floods hit Dhaka on Monday, officials in Bangladesh said, and the"
        let text = first + "\n"
            + "UNREST: Police in Lima detained protesters near the Peruvian congress.\n"
        let path = try write("wire.txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8) + [0xFF])
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.map(\.metadata.id), ["wire-1", "wire-2"])
        XCTAssertEqual(records.last?.metadata.kicker, "UNREST")
        XCTAssertEqual(records.last?.metadata.origin, "\(path):2")
        XCTAssertTrue(records.last?.text.hasPrefix("Police in Lima") ?? false)
        // Offsets count scalars in the decoded text (the BOM is gone).
        XCTAssertEqual(records.first?.sourceRange, 0..<first.unicodeScalars.count)
        XCTAssertEqual(statistics.records, 2)
        XCTAssertEqual(statistics.repairedUTF8Sequences, 1)
    }

    func testPlainTextWithoutSegmentationIsOneRecord() throws {
        let path = try write("one.txt", "First line, cut off and\nUNREST: Second line.\n")
        let (records, _, _) = try readAll(path, InputOptions(segment: false))
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records.first?.metadata.id, "one-1")
    }

    // MARK: JSONL

    func testJSONLKeepsGoodLinesAndReportsBadOnes() throws {
        let lines = [
            #"{"id": "a1", "text": "Talks in Geneva.", "date": "2024-05-01", "url": "http://x", "title": "T", "source": "Reuters"}"#,
            "",
            "not json",
            #"{"id": "a3"}"#,
            #"{"text": 5}"#,
            #"[1, 2]"#,
            #"{"text": "No id here."}"#,
            #"{"id": 42, "text": "Numeric id."}"#,
        ]
        let path = try write("feed.jsonl", lines.joined(separator: "\r\n"))
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(records.map(\.metadata.id), ["a1", "feed-7", "42"])
        XCTAssertEqual(records.first?.metadata.date, "2024-05-01")
        XCTAssertEqual(records.first?.metadata.source, "Reuters")
        XCTAssertEqual(records.first?.metadata.url, "http://x")
        XCTAssertEqual(records.first?.metadata.title, "T")
        XCTAssertEqual(records.first?.metadata.origin, "\(path):1")
        XCTAssertEqual(problems.map(\.line), [3, 4, 5, 6])
        XCTAssertEqual(problems.first?.description, "\(path):3: not valid JSON")
        XCTAssertEqual(statistics, InputStatistics(records: 3, problems: 4, repairedUTF8Sequences: 0))
    }

    func testDatesPassOnAsISOAndUnreadableOnesAsGiven() throws {
        let path = try write("dates.csv", "id,date,text\n1,2017/2/7,Talks began.\n2,someday,Talks ended.\n")
        XCTAssertEqual(try readAll(path).records.map(\.metadata.date), ["2017-02-07", "someday"])
    }

    func testTextFieldsUnderCommonNamesAreFound() throws {
        let csv = try write("stories.csv", "story,rater1\n\"Police fired tear gas.\",yes\n")
        XCTAssertEqual(try readAll(csv).records.map(\.text), ["Police fired tear gas."])
        let lines = try write("docs.jsonl", "{\"doc_id\": 7, \"doc_text\": \"Rebels withdrew.\"}\n{\"sentences\": [\"One.\", \"Two.\"]}\n")
        let (records, problems, _) = try readAll(lines)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.map(\.metadata.id), ["7", "docs-2"])
        XCTAssertEqual(records.map(\.text), ["Rebels withdrew.", "One. Two."])
    }

    func testJSONDocumentFilesAreReadWhole() throws {
        // A pretty-printed object, as one-article-a-file datasets ship.
        let single = try write("story.json", "{\n  \"dId\": \"s1\",\n  \"date_publish\": \"2016-11-09\",\n  \"text\": \"Talks began.\"\n}\n")
        let (records, problems, _) = try readAll(single)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.map(\.metadata.id), ["s1"])
        XCTAssertEqual(records.first?.metadata.date, "2016-11-09")
        // An array of objects, with the text under another common name; a bad element is reported.
        let array = try write("set.json", #"[{"context": "Police fired tear gas."}, 7, {"id": "b", "context": "Rebels withdrew."}]"#)
        let (arrayRecords, arrayProblems, _) = try readAll(array)
        XCTAssertEqual(arrayRecords.map(\.metadata.id), ["set-1", "b"])
        XCTAssertEqual(arrayRecords.map(\.text), ["Police fired tear gas.", "Rebels withdrew."])
        XCTAssertEqual(arrayProblems.map(\.description), ["\(array): element 2 is not a JSON object"])
        // JSON Lines named .json are still read line by line, here with a "sentence" field.
        let lines = try write("lines.json", "{\"id\": 1, \"sentence\": \"One.\"}\n{\"id\": 2, \"sentence\": \"Two.\"}\n")
        XCTAssertEqual(try readAll(lines).records.map(\.text), ["One.", "Two."])
        // A text column named by the user is the only one tried.
        var options = InputOptions()
        options.csv.text = "body"
        XCTAssertEqual(try readAll(lines, options).problems.map(\.message), ["no \"body\" field", "no \"body\" field"])
    }

    func testJSONLRepairsInvalidUTF8InsideStrings() throws {
        let path = try write("bad.jsonl", Array(#"{"text": "caf"#.utf8) + [0xE9] + Array("\"}\n".utf8))
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.first?.text, "caf\u{FFFD}")
        XCTAssertEqual(statistics.repairedUTF8Sequences, 1)
    }

    func testJSONLFieldsKeepTheirTextsAcrossNumbersEscapesAndDuplicates() throws {
        let lines = [
            #"{"id": 12, "text": "Talks \"resumed\"\nin Doha.", "date": 20240501}"#,
            #"{"id": -7, "text": "caf\u00e9 \ud83d\ude00", "title": true}"#,
            #"{"id": 1.5, "text": "first", "text": "last", "source": null}"#,
            #"{"id": 1e3, "sentences": ["One.", 2, null, "Two."], }"#,
            #"{"id": "", "doc_id": 123456789012345678901, "text": "Long id."}"#,
        ]
        let path = try write("odd.jsonl", lines.joined(separator: "\n"))
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.map(\.metadata.id), ["12", "-7", "1.5", "1000.0", "123456789012345678901"])
        XCTAssertEqual(records.map(\.text), ["Talks \"resumed\"\nin Doha.", "caf\u{E9} 😀", "last", "One. Two.", "Long id."])
        XCTAssertEqual(records.first?.metadata.date, "2024-05-01")
        XCTAssertEqual(records[1].metadata.title, "1")
        XCTAssertNil(records[2].metadata.source)
        XCTAssertEqual(statistics.repairedUTF8Sequences, 0)
    }

    func testJSONLLinesThatAreNoObjectsKeepTheirMessages() throws {
        let lines = [
            #""just a string""#, "42", "null", #"[{"text": "In an array."}]"#, #"{"text": "a"} trailing"#,
            #"{"text": "unterminated}"#, "{\"text\": \"tab\there\"}", #"{"text": "\q"}"#, #"{"id": 1e400, "text": "x", "score": -1e999999999}"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
            #"{"text": true}"#, #"{"text": [1, 2]}"#, #"{"text": []}"#, #"{"text": {"nested": "x"}}"#, "{}",
        ]
        let path = try write("bad.jsonl", lines.joined(separator: "\n"))
        let (records, problems, _) = try readAll(path)
        // A number no Double holds is no reason to lose the record: an id keeps its text.
        XCTAssertEqual(records.map(\.metadata.id), ["1e400"])
        XCTAssertEqual(problems.map(\.line), Array(1...8) + Array(10...15))
        XCTAssertEqual(problems.map(\.message), [
            "not valid JSON", "not valid JSON", "not valid JSON", "not a JSON object", "not valid JSON",
            "not valid JSON", "not valid JSON", "not valid JSON", "nested too deeply: more than 512 arrays or objects",
            "\"text\" is not a string", "\"text\" is not a string", "\"text\" is not a string", "\"text\" is not a string",
            "no \"text\" field",
        ])
    }

    /// UTF-16 and UTF-32 text with a byte order mark is decoded; line formats name the encoding.
    func testWideUnicodeWithAByteOrderMarkIsDecodedOrNamed() throws {
        let text = "Police in Nairobi arrested three journalists on Friday.\n"
        let utf16LE: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16BE: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let utf32LE: [UInt8] = [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { scalar in
            (0..<4).map { UInt8((scalar.value >> (8 * UInt32($0))) & 0xFF) }
        }
        for (name, bytes) in [("le.txt", utf16LE), ("be.txt", utf16BE), ("32.txt", utf32LE)] {
            let (records, problems, _) = try readAll(try write(name, bytes))
            XCTAssertEqual(problems.map(\.message), [], name)
            XCTAssertEqual(records.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }, [text.trimmingCharacters(in: .newlines)], name)
        }
        let jsonl = try write("wide.jsonl", [0xFF, 0xFE] + #"{"text": "x"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertThrowsError(try readAll(jsonl)) { error in
            XCTAssertTrue("\(error)".contains("UTF-16LE"), "\(error)")
        }
    }

    func testJSONLLoneSurrogatesAndInvalidUTF8AreRepairedAndCounted() throws {
        let path = try write(
            "repair.jsonl",
            Array(#"{"text": "a\ud800b"}"#.utf8) + [0x0A] + [0xEF, 0xBB, 0xBF] + Array(#"{"text": "x"#.utf8) + [0xC3]
                + Array(#"", "id": "\udc00"}"#.utf8) + [0x0A] + [0xFF] + Array("{}".utf8))
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(records.map(\.text), ["a\u{FFFD}b", "x\u{FFFD}"])
        XCTAssertEqual(records.last?.metadata.id, "\u{FFFD}")
        XCTAssertEqual(problems.map(\.description), ["\(path):3: not valid JSON"])
        // One surrogate, then an invalid byte and a surrogate, then the invalid byte of the bad line.
        XCTAssertEqual(statistics.repairedUTF8Sequences, 4)
    }

    func testJSONDocumentFileWithEscapesAndRepairs() throws {
        let path = try write("doc.json", Array(#"[{"text": "One\n\u00e9\ud800"}, {"text": "Tw"#.utf8) + [0xC3] + Array(#"o"}]"#.utf8))
        let (records, problems, statistics) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.map(\.text), ["One\n\u{E9}\u{FFFD}", "Tw\u{FFFD}o"])
        XCTAssertEqual(records.map(\.metadata.origin), ["\(path)[1]", "\(path)[2]"])
        XCTAssertEqual(statistics.repairedUTF8Sequences, 2)
    }

    func testVeryLongJSONLLineIsRead() throws {
        let body = String(repeating: "Officials in Lagos said talks would go on. ", count: 500_000)  // ~21 MB
        let path = try write("long.jsonl", "{\"id\": \"big\", \"text\": \"\(body)\"}\n{\"text\": \"small\"}\n")
        let (records, problems, _) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records.first?.text.utf8.count, body.utf8.count)
    }

    func testTwentyMegabyteSingleLineOfPlainText() throws {
        let body = String(repeating: "Officials in Lagos said talks would go on. ", count: 470_000)  // ~20 MB
        let path = try write("huge.txt", body)
        let (records, problems, _) = try readAll(path)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records.first?.text.utf8.count, body.utf8.count - 1)  // trailing space trimmed
    }

    // MARK: CSV

    func testCSVQuotingAndColumns() throws {
        let csv = "doc,headline,body,when\r\n"
            + "1,\"Talks, at last\",\"He said \"\"no\"\".\nThen left.\",2024-01-02\r\n"
            + "\r\n"
            + "2,Plain,Short text.,2024-01-03\n"
            + "3,Broken,only three\n"
            + "4,,\"\",\n"
        let path = try write("news.csv", csv)
        let columns = CSVColumns(text: "body", id: "doc", date: "when")
        let (records, problems, _) = try readAll(path, InputOptions(csv: columns))
        XCTAssertEqual(records.map(\.metadata.id), ["1", "2", "4"])
        XCTAssertEqual(records.first?.text, "He said \"no\".\nThen left.")
        XCTAssertEqual(records.first?.metadata.title, "Talks, at last")
        XCTAssertEqual(records.first?.metadata.date, "2024-01-02")
        XCTAssertEqual(records[1].metadata.origin, "\(path):5")
        XCTAssertEqual(records.last?.text, "")
        XCTAssertNil(records.last?.metadata.title)
        XCTAssertEqual(problems.map(\.line), [6])
    }

    func testCSVWithoutTextColumnListsColumns() throws {
        // No column is "text" nor any of the common names for it.
        let path = try write("x.csv", "id,notes\n1,hello\n")
        let problem = thrownProblem { _ = try InputReader(path: path, options: InputOptions()) }
        XCTAssertEqual(problem?.line, 1)
        XCTAssertTrue(problem?.message.contains("\"id\", \"notes\"") ?? false, problem?.message ?? "")
    }

    func testCSVUnterminatedQuoteIsAProblem() throws {
        let path = try write("open.csv", "text\nok\n\"never closed\nmore\n")
        let (records, problems, _) = try readAll(path)
        XCTAssertEqual(records.map(\.text), ["ok"])
        XCTAssertEqual(problems.first?.line, 3)
    }

    /// A quote that closes a quoted field before its comma is a problem the user hears of, not a
    /// silent merge of rows: the rows after it still read.
    func testCSVQuoteClosedMidFieldIsAProblem() throws {
        let path = try write("mid.csv", "id,text\n1,\"Quoted\" then more\n2,\"He said \"\"no\"\"\"\n3,plain\n")
        let (records, problems, _) = try readAll(path)
        XCTAssertEqual(problems.map(\.line), [2])
        XCTAssertTrue(problems.first?.message.contains("ends before its comma") == true)
        XCTAssertEqual(records.map(\.metadata.id), ["2", "3"])
    }

    func testNewsArticlesCSVFromShared() throws {
        let url = SegmenterTests.sharedFile("corpora/news_articles_dataverse_gmfctr/NewsArticles.csv")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus not found at \(url.path)")
        }
        let (records, problems, _) = try readAll(url.path)
        XCTAssertEqual(problems.count, 0, problems.prefix(3).description)
        XCTAssertEqual(records.count, 3824)
        XCTAssertEqual(records.first?.metadata.id, "1")
        // "2017/2/7" in the file: dates pass on as ISO.
        XCTAssertEqual(records.first?.metadata.date, "2017-02-07")
        XCTAssertTrue(records.first?.metadata.title?.hasPrefix("Betsy DeVos Confirmed") ?? false)
        XCTAssertTrue(records.first?.metadata.url?.hasPrefix("http://abcnews.go.com") ?? false)
        XCTAssertTrue(records.first?.text.hasPrefix("Michigan billionaire") ?? false)
        XCTAssertEqual(records.last?.metadata.id, "3824")
        XCTAssertEqual(Set(records.map(\.metadata.id)).count, 3824)

        let named = CSVColumns(text: "text", id: "article_id", date: "publish_date", title: "title", url: "article_source_link")
        let again = try readAll(url.path, InputOptions(csv: named))
        XCTAssertEqual(again.records.count, 3824)
        XCTAssertEqual(again.records.map(\.metadata.id), records.map(\.metadata.id))
    }

    // MARK: Folder

    func testFolderReadsTextFilesSortedAndRecursive() throws {
        let folder = directory.appendingPathComponent("corpus")
        try write("corpus/b.txt", "Second.")
        try write("corpus/a.txt", "First.")
        try write("corpus/sub/c.txt", "Third.")
        try write("corpus/notes.md", "ignored")
        try write("corpus/z.txt", [])
        let (records, problems, statistics) = try readAll(folder.path)
        // Ids are paths under the folder, so files of one name in two subfolders differ.
        XCTAssertEqual(records.map(\.metadata.id), ["a-1", "b-1", "sub/c-1"])
        XCTAssertEqual(records.map(\.text), ["First.", "Second.", "Third."])
        XCTAssertEqual(problems.map(\.message), ["empty input"])
        XCTAssertEqual(statistics.records, 3)
        XCTAssertEqual(statistics.problems, 1)
        var whole = InputOptions()
        whole.segment = false
        XCTAssertEqual(try readAll(folder.path, whole).records.map(\.metadata.id), ["a", "b", "sub/c"])
    }

    /// A folder's files are split into articles as a file given alone is.
    func testFolderFilesAreSplitIntoArticles() throws {
        let folder = directory.appendingPathComponent("feeds")
        try write("feeds/one/news.txt", "OSLO (Dyad) - Norway and Finland met on Tuesday.\n\nNAIROBI (Dyad) - Kenyan police arrested two men.\n")
        try write("feeds/two/news.txt", "Sweden protested.")
        let (records, _, _) = try readAll(folder.path)
        XCTAssertEqual(records.map(\.metadata.id), ["one/news-1", "one/news-2", "two/news-1"])
        XCTAssertEqual(records.map(\.metadata.dateline), ["OSLO (Dyad)", "NAIROBI (Dyad)", nil])
    }
}
