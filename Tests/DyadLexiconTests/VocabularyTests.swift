import DyadLexicon
import XCTest

final class VocabularyTests: XCTestCase {
    private func vocabulary(_ words: [String]) -> Vocabulary {
        var vocabulary = Vocabulary()
        for word in words { vocabulary.intern(word) }
        return vocabulary
    }

    func testBytesFindTheWordInAnyASCIICase() {
        let vocabulary = vocabulary(["police", "Kabul", "UN", "de-escalate"])
        for (text, word) in [("POLICE", "police"), ("Police", "police"), ("kabul", "kabul"), ("KABUL", "kabul"),
                             ("un", "un"), ("De-Escalate", "de-escalate")] {
            XCTAssertEqual(vocabulary.id(of: ArraySlice(text.utf8)), vocabulary.ids[word], text)
            XCTAssertEqual(vocabulary.id(of: text), vocabulary.ids[word], text)
        }
    }

    func testUnknownWordsAndPrefixesHaveNoId() {
        let vocabulary = vocabulary(["police", "policeman"])
        for text in ["polic", "policemen", "", "police ", "pólice"] {
            XCTAssertEqual(vocabulary.id(of: ArraySlice(text.utf8)), -1, text)
        }
    }

    func testNonASCIILettersKeepTheirCase() {
        // Only ASCII is lower-cased (as `Vocabulary.key` does): "É" and "é" stay different words.
        let vocabulary = vocabulary(["école", "Ürümqi"])
        XCTAssertEqual(vocabulary.id(of: ArraySlice("ÉCOLE".utf8)), -1)
        XCTAssertEqual(vocabulary.id(of: ArraySlice("éCOLE".utf8)), vocabulary.ids["école"])
        XCTAssertEqual(vocabulary.id(of: ArraySlice("ÜRüMQI".utf8)), vocabulary.ids["Ürümqi"])
    }

    func testByteLookupAgreesWithTheDictionaryOnManyWords() {
        // Enough words that many share home slots and probe chains.
        var words: [String] = []
        for first in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for second in UInt8(ascii: "a")...UInt8(ascii: "z") {
                words.append(String(decoding: [first, second, UInt8(ascii: "x")], as: UTF8.self))
            }
        }
        let vocabulary = vocabulary(words)
        for word in words {
            let id = vocabulary.id(of: ArraySlice(word.uppercased().utf8))
            XCTAssertEqual(id, vocabulary.ids[word], word)
            XCTAssertEqual(vocabulary.word(id), word)
        }
        XCTAssertEqual(vocabulary.id(of: ArraySlice("zzy".utf8)), -1)
    }
}
