import DyadCore
import DyadLexicon
import XCTest

/// A small lexicon written for these tests, in Dyad's format.
let testFiles: [(name: String, text: String)] = [
    ("types.txt", "GOV Government\nMIL Military\nMED Media\nCOP Police\n"),
    ("irregular-verbs.txt", "hold held held\nstand stood stood\n"),
    ("countries.txt", """
        # test countries
        USA: United States; US; U.S.
          adjective: American
          capital: Washington
          seat: White House=GOV; Pentagon=MIL
        RUS: Russia; Russian Federation
          adjective: Russian
          capital: Moscow
        SUN: Soviet Union; USSR
          valid: 1922-12-30 1991-12-26
        """),
    ("organizations.txt", "NAT: North Atlantic Treaty Organization; NATO\n  code: IGOWSTNAT\n"),
    ("agents.txt", "GOV: government; minister; foreign minister\nMED: journalist; journalists\n"),
    ("people.txt", """
        RUSGOV foreign-minister 2004-03-09 -: Sergei Lavrov; Lavrov
        USAGOV foreign-minister 2021-01-26 2025-01-20: Antony Blinken; Blinken
        """),
    ("verbs.txt", """
        112 accuse +; accuse + of
        163 impose sanction on +
        111 criticize +
        XYZ frobnicate +
        173 accuse +
        """),
    ("nouns.txt", "173 arrest of +\n"),
]

final class LexiconTests: XCTestCase {
    func testFilesLoadIntoPhrasesAndPatterns() {
        let lexicon = Lexicon(files: testFiles)
        XCTAssertEqual(lexicon.countryCodes, ["USA", "RUS", "SUN"])
        XCTAssertEqual(lexicon.knownGroupCodes, ["NAT"])
        XCTAssertEqual(lexicon.verbPatterns.values.reduce(0) { $0 + $1.count }, 4)
        let accuse = lexicon.vocabulary.id(of: "accuse")
        // The longer pattern comes first.
        XCTAssertEqual(lexicon.verbPatterns[accuse]?.first?.text, "accuse + of")
        XCTAssertEqual(lexicon.nounPatterns[lexicon.vocabulary.id(of: "arrest")]?.count, 1)
    }

    func testUnknownCodesAndUnreachablePatternsAreReportedWithTheirLine() {
        let lexicon = Lexicon(files: testFiles)
        let messages = lexicon.issues.map(\.description)
        XCTAssertTrue(messages.contains { $0.hasPrefix("verbs.txt:4: error:") && $0.contains("XYZ") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("verbs.txt:5: error:") && $0.contains("unreachable") }, "\(messages)")
    }

    func testCodeAdjustmentsTakeTheLongestPrefixAndAreChecked() throws {
        let files = testFiles + [("code-adjustments.txt", """
            intend 07 -> 033
            threaten 17 -> 137
            threaten 172 -> 132
            threaten 1723 -> 1323
            refuse 04 -> 125
            refuse 99 -> 120
            intend 07 -> 030
            refuse 05 -> 9999
            bargain 04 -> 036
            """)]
        let lexicon = Lexicon(files: files)
        let adjustments = lexicon.codeAdjustments
        XCTAssertEqual(adjustments.adjusted("071", .intend), "033")
        XCTAssertEqual(adjustments.adjusted("1723", .threaten), "1323")
        XCTAssertEqual(adjustments.adjusted("1721", .threaten), "132")
        XCTAssertEqual(adjustments.adjusted("173", .threaten), "137")
        XCTAssertNil(adjustments.adjusted("112", .threaten), "no rule: the code stays")
        XCTAssertEqual(adjustments.adjusted("043", .refuse), "125")
        let messages = lexicon.issues.map(\.description)
        XCTAssertTrue(messages.contains { $0.hasPrefix("code-adjustments.txt:6: error:") && $0.contains("'99'") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("code-adjustments.txt:7: warning:") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("code-adjustments.txt:8: error:") && $0.contains("9999") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("code-adjustments.txt:9: error:") }, "\(messages)")
        let reloaded = try assertRoundTrip(lexicon)
        XCTAssertEqual(reloaded.codeAdjustments, adjustments)
    }

    func testDuplicatePhraseIsAWarningAndLoadingGoesOn() {
        var files = testFiles
        files[4] = ("agents.txt", "GOV: government; minister\nGOV: minister\nMED: journalist\n")
        let lexicon = Lexicon(files: files)
        XCTAssertTrue(lexicon.issues.contains { $0.severity == .warning && $0.source.line == 2 && $0.message.contains("duplicate") })
        XCTAssertNotEqual(lexicon.vocabulary.id(of: "journalist"), -1)
    }

    func testBadPersonLinesAreErrorsNotCrashes() {
        var files = testFiles
        files[5] = ("people.txt", "RUSGOV president 2030-01-01 2020-01-01: Nobody\nbroken line\nUSAGOV president 2021-13-01 -: Somebody\n")
        let lexicon = Lexicon(files: files)
        let lines = lexicon.issues.filter { $0.source.file == "people.txt" && $0.severity == .error }.map(\.source.line)
        XCTAssertEqual(lines, [1, 2, 3])
    }

    func testWindowsLineEndingsReadLikeUnixOnes() {
        let crlf = testFiles.map { ($0.name, $0.text.replacingOccurrences(of: "\n", with: "\r\n")) }
        let lexicon = Lexicon(files: crlf)
        XCTAssertEqual(lexicon.countryCodes, ["USA", "RUS", "SUN"])
        XCTAssertEqual(lexicon.verbPatterns.values.reduce(0) { $0 + $1.count }, 4)
        XCTAssertTrue(lexicon.issues.contains { $0.source == LexiconSource(file: "verbs.txt", line: 4) })
    }

    func testDatedEntriesApplyOnlyInTheirTerm() {
        let lexicon = Lexicon(files: testFiles)
        let blinken = lexicon.actors.first { $0.name == "Antony Blinken" }!
        XCTAssertTrue(blinken.isValid(on: 2021_05_18))
        XCTAssertFalse(blinken.isValid(on: 2025_03_28))
        XCTAssertTrue(blinken.isValid(on: nil))
        let soviet = lexicon.actors.first { $0.code == "SUN" }!
        XCTAssertFalse(soviet.isValid(on: 2000_01_01))
    }

    func testLemmatizerUndoesRegularAndIrregularForms() {
        let lexicon = Lexicon(files: testFiles)
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("held"), "hold")
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("accused"), "accuse")
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("criticizes"), "criticize")
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("imposing"), "impose")
        XCTAssertEqual(lexicon.lemmatizer.nounLemma("sanctions"), "sanction")
        XCTAssertEqual(lexicon.lemmatizer.nounLemma("journalists"), "journalist")  // the singular wins when known
        XCTAssertTrue(lexicon.lemmatizer.isPastParticiple("held"))
        XCTAssertTrue(lexicon.lemmatizer.isPastParticiple("warned"))
    }

    func testAcronymsMatchOnlyInCapitals() {
        let lexicon = Lexicon(files: testFiles)
        let text = Array("us US".utf8)
        let ids: [Int32] = [lexicon.vocabulary.id(of: "us"), lexicon.vocabulary.id(of: "US")]
        let lower = lexicon.actorPhrases.matches(at: 0, wordIds: ids, limit: 2) { _ in text[0..<2] }
        let upper = lexicon.actorPhrases.matches(at: 1, wordIds: ids, limit: 2) { _ in text[3..<5] }
        XCTAssertTrue(lower.isEmpty)
        XCTAssertEqual(upper.count, 1)
    }

    func testBundledLexiconLoadsWithoutErrors() throws {
        let lexicon = try Lexicon.bundled()
        let errors = lexicon.issues.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.description), [])
        XCTAssertGreaterThan(lexicon.countryCodes.count, 200)
        let patterns = lexicon.verbPatterns.values.reduce(0) { $0 + $1.count }
        XCTAssertGreaterThanOrEqual(patterns, 1500)
        let roots = Set(lexicon.verbPatterns.values.flatMap { $0.map { $0.code.prefix(2) } })
        XCTAssertEqual(roots.count, 20, "every CAMEO root 01-20 has patterns")
    }
}
