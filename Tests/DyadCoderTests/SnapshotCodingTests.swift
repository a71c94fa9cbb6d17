import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import Foundation
import XCTest

/// A lexicon read back from its snapshot codes exactly what the lexicon it was taken from codes.
final class SnapshotCodingTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference/petrarch")

    /// News-like sentences written for these tests.
    private static let sentences = [
        "Turkish police arrested three Greek journalists in Istanbul on Monday, officials said.",
        "Russia expelled two Estonian diplomats, and Estonia criticized the decision on Tuesday.",
        "The United States imposed sanctions on Iranian oil companies after talks in Geneva failed.",
        "Chinese coast guard ships fired water cannon at a Philippine supply boat near the shoal.",
        "Prime Minister Narendra Modi met Japanese leaders in Tokyo and praised their help.",
        "Rebels attacked an army base in northern Mali, killing five soldiers, the military said.",
        "The European Union urged Israel and Hamas to agree to a ceasefire in Gaza.",
        "Protesters clashed with riot police outside the parliament in Nairobi on Thursday.",
        "NATO foreign ministers promised more air defence systems for Ukraine.",
        "Quendia praised Zarbor, and Zarbor was praised by the Twin Cities officials.",
    ]

    private func events(_ lexicon: Lexicon, pipeline: TextPipeline) -> [[Event]] {
        let coder = EventCoder(lexicon: lexicon)
        return Self.sentences.enumerated().map { index, text in
            coder.code(pipeline.document(metadata: DocumentMetadata(id: "s\(index)", date: "2024-06-03"), text: text))
        }
    }

    private func assertSameEvents(_ lexicon: Lexicon, minimum: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let reloaded = try Lexicon(snapshot: lexicon.snapshot())
        let pipeline = try TextPipeline.standard()
        let original = events(lexicon, pipeline: pipeline)
        XCTAssertGreaterThanOrEqual(original.joined().count, minimum, "the sentences make events", file: file, line: line)
        XCTAssertEqual(events(reloaded, pipeline: pipeline), original, file: file, line: line)
    }

    func testSmallDictionariesCodeTheSameAfterASnapshot() throws {
        let lexicon = PetrarchDictionaries.lexicon(files: [
            PetrarchDictionaryFile(name: "t.actors.txt", kind: .actors, text: "QUENDIA [QND]\nZARBOR [ZRB]\nTWIN_CITIES [TWA/TWB]\n"),
            PetrarchDictionaryFile(name: "t.agents.txt", kind: .agents, text: "OFFICIAL [~GOV]\n"),
            PetrarchDictionaryFile(name: "t.verbs.txt", kind: .verbs, text: "--- PRAISE [051] ---\nPRAISE {PRAISED PRAISES PRAISING}\n"),
        ]).lexicon
        try assertSameEvents(lexicon, minimum: 1)
    }

    func testBundledLexiconCodesTheSameAfterASnapshot() throws {
        try assertSameEvents(try Lexicon.bundled(), minimum: 5)
    }

    func testProductionDictionariesCodeTheSameAfterASnapshot() throws {
        let folder = Self.root.appendingPathComponent("dictionaries")
        guard FileManager.default.fileExists(atPath: folder.path) else { throw XCTSkip("\(folder.path) is absent") }
        try assertSameEvents(try PetrarchDictionaries.load(directory: folder), minimum: 5)
    }

    func testValidationSuitePassesTheSameAfterASnapshot() throws {
        let folder = Self.root.appendingPathComponent("p1-suite")
        let records = folder.appendingPathComponent("PETR.UnitTest.records.xml")
        guard FileManager.default.fileExists(atPath: records.path) else { throw XCTSkip("\(records.path) is absent") }
        let suite = try ValidationSuite(xml: try Data(contentsOf: records))
        let lexicon = try ValidationRunner.loadDictionaries(suite: suite, folder: folder.path)
        let pipeline = try TextPipeline.standard()
        let original = ValidationRunner(lexicon: lexicon, pipeline: pipeline).run(suite)
        let reloaded = ValidationRunner(lexicon: try Lexicon(snapshot: lexicon.snapshot()), pipeline: pipeline).run(suite)
        XCTAssertEqual(reloaded.passed, original.passed)
        XCTAssertEqual(reloaded.outcomes.map(\.report), original.outcomes.map(\.report))
    }
}
