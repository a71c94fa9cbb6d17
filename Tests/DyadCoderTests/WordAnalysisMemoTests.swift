import DyadCore
@testable import DyadCoder
import DyadLexicon
import DyadNLP
import XCTest

final class WordAnalysisMemoTests: XCTestCase {
    static let pipeline = try! TextPipeline.standard()
    static let lexicon = Lexicon(files: [
        ("types.txt", "GOV Government\nCOP Police\n"),
        ("irregular-verbs.txt", "hold held held\nsay said said\n"),
        ("countries.txt", "TUR: Turkey\n  adjective: Turkish\nCHE: Switzerland\n  capital: Zürich\n"),
        ("agents.txt", "GOV: minister; officials\nCOP: police\n"),
        ("verbs.txt", "173 arrest +\n040 hold talk\n"),
    ])

    func key(_ word: String, _ tag: UPOS) -> WordAnalysisMemo.Key? {
        Array(word.utf8).withUnsafeBufferPointer { WordAnalysisMemo.key($0, tag: tag) }
    }

    /// The analysis of every token read from the lexicon, uncached.
    func reference(_ document: Document, _ lexicon: Lexicon) -> [AnalyzedWord] {
        var lemmaBytes: [UInt8] = []
        return document.tokens.map { token in
            let lowered = document.text.bytes[token.range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return lowered.withUnsafeBufferPointer { WordAnalysis.analyze($0, tag: token.pos, lexicon: lexicon, lemmaBytes: &lemmaBytes) }
        }
    }

    /// More distinct words than the memo has slots, so that words replace each other, read
    /// twice: the second reading takes what the memo kept, and must read as the lexicon does.
    func testMemoizedAnalysisIsTheLexiconsOwn() {
        var text = "Turkish police arrested officials in Zürich. The minister held talks; ZÜRICH holds, naïve Ünal said. "
        text += "An extraordinarily-long-hyphenated-compound-word arrests. Police police the police. "
        for number in 0..<3000 { text += "Officials arrested w\(number)s and held Holder\(number). " }
        let document = Self.pipeline.document(metadata: DocumentMetadata(id: "t"), text: text)
        let shared = SharedLexicon(Self.lexicon)
        let expected = reference(document, Self.lexicon)
        let memos = ScratchPool { WordAnalysisMemo() }
        for reading in 0..<2 {
            let words = WordAnalysis(document: document, shared: shared, memos: memos)
            XCTAssertEqual(words.wordIds, expected.map(\.wordId), "reading \(reading)")
            XCTAssertEqual(words.lemmaIds, expected.map(\.lemmaId), "reading \(reading)")
            XCTAssertEqual(words.lowered, expected.map(\.form), "reading \(reading)")
            for index in expected.indices {
                let verb = expected[index].verbLemma ?? Self.lexicon.lemmatizer.verbLemma(expected[index].form)
                XCTAssertEqual(words.verbLemma(index), verb, "reading \(reading), token \(index)")
            }
        }
        // The text's words do reach the lexicon and the lemmatizer: the comparison above is
        // not between -1s.
        XCTAssertTrue(expected.contains { $0.wordId >= 0 })
        XCTAssertTrue(expected.contains { $0.lemmaId >= 0 && $0.lemmaId != $0.wordId })
        XCTAssertTrue(expected.contains { $0.form == "held" && $0.verbLemma == "hold" })
    }

    func testAWordIsKeptByItsBytesAndTheTagItsLemmaDependsOn() {
        XCTAssertNotEqual(key("held", .VERB), key("held", .ADJ))
        XCTAssertNotEqual(key("held", .VERB), key("held", .AUX))
        XCTAssertEqual(key("held", .ADP), key("held", .DET))  // neither is lemmatized
        XCTAssertEqual(key("Held", .VERB), key("held", .VERB))  // ASCII capitals are folded
        XCTAssertNotEqual(key("ZÜRICH", .PROPN), key("zürich", .PROPN))  // as the vocabulary folds them
        XCTAssertNotEqual(key("a", .NOUN), key("a\u{0}", .NOUN))  // the zero padding is not a byte
        XCTAssertNotNil(key(String(repeating: "é", count: 12), .NOUN))  // 24 bytes
        XCTAssertNil(key(String(repeating: "é", count: 12) + "s", .NOUN))
    }

    func testAWordReplacesTheOneInItsSlot() throws {
        let memo = WordAnalysisMemo()
        let first = try XCTUnwrap(key("police", .NOUN))
        // Another word of the same slot.
        var number = 0
        var second = try XCTUnwrap(key("w0", .NOUN))
        while WordAnalysisMemo.slot(of: second) != WordAnalysisMemo.slot(of: first) {
            number += 1
            second = try XCTUnwrap(key("w\(number)", .NOUN))
        }
        memo.keep(AnalyzedWord(wordId: 1, lemmaId: 1, form: "police", verbLemma: nil), as: first)
        XCTAssertEqual(memo.find(first)?.form, "police")
        XCTAssertNil(memo.find(second))
        memo.keep(AnalyzedWord(wordId: -1, lemmaId: -1, form: "w\(number)", verbLemma: nil), as: second)
        XCTAssertNil(memo.find(first))
        XCTAssertEqual(memo.find(second)?.form, "w\(number)")
    }
}
