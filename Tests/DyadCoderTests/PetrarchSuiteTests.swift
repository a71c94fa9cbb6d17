import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import Foundation
import XCTest

/// Runs the PETRARCH-1 validation suite in ../shared (skipped when it is absent) and holds the
/// pass count to the floor reached so far.
final class PetrarchSuiteTests: XCTestCase {
    static let floor = 242
    /// With tokens and tags from the records' Treebank parses (`--use-parse`).
    static let parseFloor = 251

    func testTreebankLeaves() {
        let parse = "(ROOT (S (NP (NNP Quendia)) (VP (VBD was) (VP (VBN praised) (PP (IN by) (NP (NNP Zarbor))))) (. .)))"
        let leaves = TreebankDocument.leaves(parse)
        XCTAssertEqual(leaves.map(\.word), ["Quendia", "was", "praised", "by", "Zarbor", "."])
        XCTAssertEqual(leaves.map(\.tag), ["NNP", "VBD", "VBN", "IN", "NNP", "."])
        XCTAssertEqual(TreebankDocument.upos("VBD", word: "was"), .AUX)
        XCTAssertEqual(TreebankDocument.upos("VBN", word: "praised"), .VERB)
        XCTAssertEqual(TreebankDocument.leaves("(-LRB- -LRB-)").first?.word, "(")
        XCTAssertTrue(TreebankDocument.leaves("((( )").isEmpty)
    }

    func testPetrarchOneSuite() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/reference/petrarch/p1-suite")
        let records = folder.appendingPathComponent("PETR.UnitTest.records.xml")
        guard FileManager.default.fileExists(atPath: records.path) else {
            throw XCTSkip("\(records.path) is absent")
        }
        let suite = try ValidationSuite(xml: try Data(contentsOf: records))
        XCTAssertEqual(suite.records.filter(\.valid).count, 276)
        let lexicon = try ValidationRunner.loadDictionaries(suite: suite, folder: folder.path)
        XCTAssertFalse(lexicon.actors.isEmpty)
        let runner = ValidationRunner(lexicon: lexicon, pipeline: try TextPipeline.standard())
        let result = runner.run(suite)
        XCTAssertEqual(result.passed + result.failed, 276)
        XCTAssertGreaterThanOrEqual(result.passed, Self.floor, "passed \(result.passed) of 276")
        var parsed = runner
        parsed.useParse = true
        let withParse = parsed.run(suite)
        XCTAssertGreaterThanOrEqual(withParse.passed, Self.parseFloor, "--use-parse passed \(withParse.passed) of 276")
    }
}
