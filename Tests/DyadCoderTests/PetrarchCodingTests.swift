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

    func testNeitherNorJoinsSources() throws {
        XCTAssertEqual(triples(try runner(), "Neither Quendia nor the Twin Cities praised Zarbor."),
                       ["QND ZRB 051", "TWA ZRB 051", "TWB ZRB 051"])
    }

    func testDictionaryVerbAfterModalIsTaggedVerb() throws {
        let runner = try runner()
        var document = runner.pipeline.document(metadata: DocumentMetadata(id: "m"), text: "Quendia will not praise improved ties.")
        let praise = document.tokens.indices.first { document.text(ofToken: $0) == "praise" }!
        let improved = praise + 1
        document.tokens[praise].pos = .ADV  // as the tagger may have it
        document.tokens[improved].pos = .VERB
        let corrected = DictionaryVerbTags.correcting(document, lexicon: runner.lexicon, chunker: runner.pipeline.chunker)
        XCTAssertEqual(corrected.tokens[praise].pos, .VERB)
        XCTAssertEqual(corrected.tokens[improved].pos, .ADJ)
        XCTAssertTrue(corrected.chunks.contains { $0.kind == .verb && $0.head == praise })
    }

    func testRecordWithUnbalancedParseIsRefused() throws {
        let runner = try runner()
        var bad = record("Quendia praised Zarbor.")
        bad.parse = "(ROOT (S (NP (NNP Quendia)) (VP (VBD praised) (NP (NNP Zarbor)) (. .)))"
        bad.expected = .error("bad_input_parse")
        XCTAssertTrue(runner.check(bad).passed)
        bad.parse += ")"
        bad.expected = .events([ValidationSuite.Coding(source: "QND", target: "ZRB", code: "051")])
        XCTAssertTrue(runner.check(bad).passed)
    }

    func testPassiveNeedsByPhrase() throws {
        let runner = try runner()
        XCTAssertEqual(triples(runner, "Zarbor was praised by Quendia."), ["QND ZRB 051"])
        // Without "by", PETRARCH reads the subject as the one acting.
        XCTAssertEqual(triples(runner, "Zarbor was praised over its long help to Quendia."), ["ZRB QND 051"])
    }
}
