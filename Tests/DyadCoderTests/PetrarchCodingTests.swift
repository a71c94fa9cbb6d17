@testable import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import XCTest

/// Coding with small TABARI/PETRARCH dictionaries written for these tests (invented names).
final class PetrarchCodingTests: XCTestCase {
    private static let actors = """
        QUENDIA [QND]
        ZARBOR [ZRB]
        TWIN_CITIES [TWA/TWB]
        """
    private static let agents = """
        OFFICIAL [~GOV]
        """
    private static let verbs = """
        --- PRAISE [051] ---
        PRAISE {PRAISED PRAISES PRAISING}

        --- SAID [010] ---
        SAID
        """

    private func runner() throws -> ValidationRunner {
        let lexicon = PetrarchDictionaries.lexicon(files: [
            PetrarchDictionaryFile(name: "t.actors.txt", kind: .actors, text: Self.actors),
            PetrarchDictionaryFile(name: "t.agents.txt", kind: .agents, text: Self.agents),
            PetrarchDictionaryFile(name: "t.verbs.txt", kind: .verbs, text: Self.verbs),
        ]).lexicon
        return ValidationRunner(lexicon: lexicon, pipeline: try TextPipeline.standard())
    }

    private func record(_ text: String, options: [String: String] = [:]) -> ValidationSuite.Record {
        ValidationSuite.Record(id: "t", date: "20200101", category: "", valid: true, expected: .noEvents, text: text,
                               parse: "", options: options)
    }

    private func triples(_ runner: ValidationRunner, _ text: String, options: [String: String] = [:]) -> Set<String> {
        Set((runner.code(record(text, options: options)) ?? []).map { "\($0.source) \($0.target) \($0.code)" })
    }

    func testActorWithAlternativeCodesMakesOneEventPerAlternative() throws {
        let runner = try runner()
        XCTAssertEqual(triples(runner, "Quendia praised the Twin Cities."), ["QND TWA 051", "QND TWB 051"])
        XCTAssertEqual(triples(runner, "The Twin Cities praised Zarbor."), ["TWA ZRB 051", "TWB ZRB 051"])
    }

    func testCommaClausesAreDroppedByLength() throws {
        let runner = try runner()
        let text = "Quendia praised Zarbor, an official said on Monday."
        // The terminal clause (6 words) goes by default: no statement by the official.
        XCTAssertEqual(triples(runner, text, options: ["require_dyad": "false"]), ["QND ZRB 051"])
        // With terminal clauses kept, the official's words are coded too.
        XCTAssertGreaterThan(triples(runner, text, options: ["require_dyad": "false", "comma_emax": "0"]).count, 1)
        // An internal clause goes with both its commas, so the subject is found past it.
        XCTAssertEqual(triples(runner, "Quendia, after a long wait in the rain, praised Zarbor for its great help in the long war."),
                       ["QND ZRB 051"])
        XCTAssertEqual(triples(runner, "Quendia praised Zarbor, the Twin Cities and others."),
                       ["QND ZRB 051", "QND TWA 051", "QND TWB 051"])
    }

    func testClauseCommasAreToldFromNounPhraseCommas() throws {
        let pipeline = try TextPipeline.standard()
        let document = pipeline.document(metadata: DocumentMetadata(id: "c"),
                                         text: "Quendia, Zarbor and the Twin Cities, three old allies, met on Monday, officials said.")
        let commas = document.tokens.indices.filter { document.text(ofToken: $0) == "," }
        let sentence = document.sentences[0]
        XCTAssertEqual(commas.map { CommaClauses.delimitsClause(comma: $0, sentence: sentence, in: document) },
                       [false, false, true, true])
    }
}
