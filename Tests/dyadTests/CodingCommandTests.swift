import Foundation
import XCTest

/// `dyad code`, `eval` and `explain` run as a user runs them.
final class CodingCommandTests: DyadProcessTestCase {
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    func testBenchCodesWithTheDictionariesItIsGiven() throws {
        let folder = Self.shared.appendingPathComponent("reference/petrarch/p1-suite").path
        guard FileManager.default.fileExists(atPath: folder) else { throw XCTSkip("../shared is absent") }
        let text = try temporaryFile("bench.txt", Data("Turkish police arrested three journalists on Friday, officials said.\n".utf8))
        let run = try dyad(["bench", "--threads", "1", "--dictionaries", folder, text])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("lexicon load seconds"), run.stdout)
        // The PETRARCH reader reports what it loaded; the bundled lexicon says nothing of the kind.
        XCTAssertTrue(run.stderr.contains("dictionaries:"), run.stderr)
    }

    func testCodeWritesTheJSONLContractKeys() throws {
        let input = #"{"id":"d1","date":"2024-06-03","text":"Turkish police arrested three Greek journalists on Monday."}"#
        let run = try dyad(["code", "--input-format", "jsonl", "-"], stdin: Data(input.utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        let events = try jsonLines(run.stdout)
        XCTAssertEqual(events.count, 1)
        let event = try XCTUnwrap(events.first)
        for key in ["doc", "sentence", "source", "target", "cameo", "root", "quad", "goldstein", "plover", "date", "place", "evidence", "rule"] {
            XCTAssertTrue(event.keys.contains(key), "missing \(key)")
        }
        XCTAssertEqual(event["doc"] as? String, "d1")
        XCTAssertEqual(event["cameo"] as? String, "173")
        XCTAssertEqual((event["source"] as? [String: Any])?["code"] as? String, "TURCOP")
        XCTAssertEqual((event["target"] as? [String: Any])?["country"] as? String, "GRC")
        XCTAssertEqual(event["quad"] as? Int, 4)
        XCTAssertNotNil((event["rule"] as? String)?.range(of: #"verbs\.txt:\d+"#, options: .regularExpression))
    }

    func testOutputIsTheSameForAnyNumberOfThreads() throws {
        // More documents than one batch, so that several batches and workers interleave.
        let sentences = [
            "Turkish police arrested three Greek journalists on Monday.",
            "Russia accused Ukraine of shelling a dam, the foreign ministry said.",
            "Kenya and Tanzania signed a trade agreement in Nairobi.",
        ]
        let lines = (0..<300).map { index in
            #"{"id":"d\#(index)","date":"2024-06-03","text":"\#(sentences[index % sentences.count])"}"#
        }
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let one = try dyad(["code", "--threads", "1", "--input-format", "jsonl", "-"], stdin: input)
        let three = try dyad(["code", "--threads", "3", "--input-format", "jsonl", "-"], stdin: input)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(three.status, 0, three.stderr)
        XCTAssertGreaterThanOrEqual(try jsonLines(one.stdout).count, 300)
        XCTAssertEqual(one.stdout, three.stdout)
        XCTAssertEqual(try dyad(["code", "--threads", "0", "-"], stdin: input).status, 1)
    }

    func testGDELTRowsHaveSixtyOneColumnsWithStringCodes() throws {
        let input = #"{"id":"d1","date":"2024-06-03","text":"Russia expelled two Estonian diplomats. Estonia criticized Russia."}"#
        let run = try dyad(["code", "--format", "gdelt", "--input-format", "jsonl", "-"], stdin: Data(input.utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            XCTAssertEqual(row.count, 61)
            XCTAssertEqual(row[1], "20240603")
            XCTAssertEqual(row[4], "2024.4192")  // 2024 + (5 * 30 + 3) / 365
            XCTAssertEqual(row[27], row[26].prefix(3))
            XCTAssertEqual(row[28], row[26].prefix(2))
        }
        XCTAssertTrue(rows.contains { $0[26] == "161" && $0[5] == "RUS" && $0[7] == "RUS" && $0[17] == "EST" })
        XCTAssertTrue(rows.contains { $0[26].hasPrefix("11") && $0[29] == "3" })
    }

    func testActorsGetThePlaceTheirOwnWordsName() throws {
        let input = #"{"id":"d1","date":"2024-06-03","text":"Police in Nairobi arrested three Ugandan journalists on Monday."}"#
        let run = try dyad(["code", "--format", "gdelt", "--input-format", "jsonl", "-"], stdin: Data(input.utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        let row = try XCTUnwrap(run.stdout.split(separator: "\n").first?.split(separator: "\t", omittingEmptySubsequences: false))
        XCTAssertEqual(row.count, 61)
        XCTAssertEqual(row[5], "KENCOP")
        XCTAssertEqual(row[35], "4")  // Actor1Geo_Type: a world city
        XCTAssertTrue(row[36].hasPrefix("Nairobi"), String(row[36]))
        XCTAssertEqual(row[43], "1")  // Actor2Geo_Type: the country of "Ugandan"
        XCTAssertEqual(row[44], "Uganda")
    }

    func testExplainShowsWhyTheVanceSentenceIsAnAccusation() throws {
        let sentence = "US Vice President J.D. Vance on Friday accused Denmark of not having done enough to protect Greenland."
        let run = try dyad(["explain", "--date", "2025-03-28", sentence])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("US Vice President J.D. Vance -> USAGOV"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Denmark -> DNK"), run.stdout)
        XCTAssertTrue(run.stdout.contains("fired: 112 accuse +"), run.stdout)
        XCTAssertTrue(run.stdout.contains("EVENT USAGOV -> DNK 112"), run.stdout)
    }

    /// Each noun that has patterns shows once, with every pattern tried under it; an object the
    /// lexicon does not know shows by its words.
    func testExplainShowsEachNounOnceAndUnknownObjectsByTheirWords() throws {
        let run = try dyad(["explain", "Iran is opposed to the deployment of US troops."])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.components(separatedBy: "verb 'deployment'").count - 1, 1, run.stdout)
        XCTAssertTrue(run.stdout.contains("EVENT IRN -> USAMIL 110"), run.stdout)
        let unknown = try dyad(["explain", "The Ankara prosecutor's office launched an investigation into Boztepe."])
        XCTAssertTrue(unknown.stdout.contains("target: the object, not in the lexicon: 'Boztepe'"), unknown.stdout)
        XCTAssertTrue(unknown.stdout.contains("-> 'Boztepe' (not in the lexicon) 090"), unknown.stdout)
    }

    func testEvalGivesTheReferenceScorersNumbers() throws {
        let gold = Self.shared.appendingPathComponent("eval/seed.gold.jsonl").path
        let scorer = Self.shared.appendingPathComponent("eval/score.py").path
        guard FileManager.default.fileExists(atPath: gold) else { throw XCTSkip("../shared is absent") }
        let predictions = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-eval-\(UUID().uuidString).jsonl").path
        let ours = try dyad(["eval", gold, "--json", "--predictions", predictions])
        XCTAssertEqual(ours.status, 0, ours.stderr)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", scorer, gold, predictions, "--json"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let reference = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        guard python.terminationStatus == 0 else { throw XCTSkip("python3 could not run score.py") }
        let theirs = try XCTUnwrap(JSONSerialization.jsonObject(with: reference) as? [String: Any])
        let mine = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ours.stdout.utf8)) as? [String: Any])
        for mode in ["full", "code only", "dyad only"] {
            let a = try XCTUnwrap(mine[mode] as? [String: Any]), b = try XCTUnwrap(theirs[mode] as? [String: Any])
            for key in ["precision", "recall", "f1"] {
                XCTAssertEqual(a[key] as? Double ?? -1, b[key] as? Double ?? -2, accuracy: 0.0001, "\(mode) \(key)")
            }
        }
    }

    func testLexiconCheckReportsNoErrorsInTheBundledLexicon() throws {
        let run = try dyad(["lexicon", "check"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("0 error(s)"), run.stdout)
    }
}
