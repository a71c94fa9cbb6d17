import DyadCore
@testable import DyadNLP
import Foundation
import XCTest

final class PerceptronTaggerTests: XCTestCase {
    /// A toy training set written for this test.
    static let toyData: [[(word: String, tag: UPOS)]] = {
        let sentences = [
            "The/DET police/NOUN arrested/VERB two/NUM protesters/NOUN in/ADP Paris/PROPN ./PUNCT",
            "Rebels/NOUN attacked/VERB a/DET convoy/NOUN near/ADP the/DET border/NOUN ./PUNCT",
            "She/PRON will/AUX meet/VERB the/DET president/NOUN on/ADP Monday/PROPN ./PUNCT",
            "Troops/NOUN fired/VERB on/ADP the/DET crowd/NOUN and/CCONJ killed/VERB 12/NUM people/NOUN ./PUNCT",
            "The/DET talks/NOUN were/AUX very/ADV short/ADJ ,/PUNCT he/PRON said/VERB ./PUNCT",
            "Did/AUX they/PRON sign/VERB the/DET new/ADJ treaty/NOUN ?/PUNCT",
        ]
        return sentences.map { line in
            line.split(separator: " ").map { item in
                let parts = item.split(separator: "/")
                return (String(parts[0]), UPOS(name: parts[1])!)
            }
        }
    }()

    func testTrainingIsReproducible() throws {
        var trainer = TaggerTrainer(iterations: 5, seed: 7)
        trainer.dictionaryMinCount = 3
        trainer.lexiconMinCount = 1
        trainer.lexiconFolds = 3
        let first = trainer.train(Self.toyData).serialized()
        let second = trainer.train(Self.toyData).serialized()
        XCTAssertGreaterThan(first.count, 100)
        XCTAssertEqual(first, second, "same data and seed must give the same model bytes")

        // A model written and read back is the same model.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-toy-\(UUID()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        let model = trainer.train(Self.toyData)
        try model.write(to: url)
        let reloaded = try PerceptronTagger(contentsOf: url)
        XCTAssertEqual(reloaded.serialized(), first)
        let words = ["The", "police", "attacked", "the", "crowd", "."]
        XCTAssertEqual(reloaded.tag(words), model.tag(words))
        XCTAssertEqual(model.tag(Self.toyData[0].map(\.word)), Self.toyData[0].map(\.tag))
    }

    func testTwoPassModelsAreReproducibleAndRoundTrip() throws {
        var trainer = TaggerTrainer(iterations: 4, seed: 11)
        trainer.twoPass = true
        trainer.stackingFolds = 2
        trainer.lexiconMinCount = 1
        trainer.lexiconFolds = 2
        let model = trainer.train(Self.toyData)
        XCTAssertTrue(model.isTwoPass)
        XCTAssertEqual(model.serialized(), trainer.train(Self.toyData).serialized())
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-2p-\(UUID()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let reloaded = try PerceptronTagger(contentsOf: url)
        XCTAssertTrue(reloaded.isTwoPass)
        XCTAssertEqual(reloaded.serialized(), model.serialized())
        for sentence in Self.toyData {
            XCTAssertEqual(reloaded.tag(sentence.map(\.word)), model.tag(sentence.map(\.word)))
        }
    }

    func testDamagedModelFilesAreRejected() throws {
        let bytes = TaggerTrainer(iterations: 2).train(Self.toyData).serialized()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-bad-\(UUID()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes.prefix(bytes.count - 20)).write(to: url)
        XCTAssertThrowsError(try PerceptronTagger(contentsOf: url))
        try Data("not a model".utf8).write(to: url)
        XCTAssertThrowsError(try PerceptronTagger(contentsOf: url))
    }

    func testBundledModelTagsClearSentences() throws {
        let tagger = try PerceptronTagger.bundled()
        let cases: [(String, String)] = [
            ("The minister arrested three journalists on Friday .",
             "DET NOUN VERB NUM NOUN ADP PROPN PUNCT"),
            ("Police fired tear gas at protesters in the capital .",
             "NOUN VERB NOUN NOUN ADP NOUN ADP DET NOUN PUNCT"),
            ("She said that the government would not negotiate with the rebels .",
             "PRON VERB SCONJ DET NOUN AUX PART VERB ADP DET NOUN PUNCT"),
            ("Two soldiers were killed and 15 were arrested .",
             "NUM NOUN AUX VERB CCONJ NUM AUX VERB PUNCT"),
        ]
        for (sentence, expected) in cases {
            let words = sentence.split(separator: " ").map(String.init)
            let tags = tagger.tag(words).map(\.name).joined(separator: " ")
            XCTAssertEqual(tags, expected, sentence)
        }
        XCTAssertEqual(tagger.tag([]), [])
    }

    func testTagsDocumentTokensInPlace() throws {
        let text = "Rebels attacked the town . The army said nothing ."
        var document = Document(id: "d1", text: text)
        for word in text.split(separator: " ") {
            let start = text.utf8.distance(from: text.startIndex, to: word.startIndex)
            let shape: TokenShape = word == "." ? .punctuation : .word
            document.tokens.append(Token(start: start, end: start + word.utf8.count, shape: shape))
        }
        document.sentences = [Sentence(tokens: 0..<5), Sentence(tokens: 5..<10)]
        let tagger = try PerceptronTagger.bundled()
        tagger.tag(&document)
        XCTAssertEqual(
            document.tokens.map(\.pos.name).joined(separator: " "),
            "NOUN VERB DET NOUN PUNCT DET NOUN VERB PRON PUNCT")
        let first = tagger.tag(["Rebels", "attacked", "the", "town", "."])
        XCTAssertEqual(Array(document.tokens[0..<5].map(\.pos)), first)
    }

    /// UPOS accuracy on UD English-EWT test with gold tokens. The treebank is not part of the
    /// repository: it is read from ../shared/corpora next to the package when present.
    func testAccuracyOnEWTTest() throws {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpora/ud_english_ewt/en_ewt-ud-test.conllu")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) not found")
        }
        let gold = try CoNLLU.read(String(contentsOf: url, encoding: .utf8))
        let predicted = CoNLLU.retag(gold, with: try PerceptronTagger.bundled())
        let (correct, total) = CoNLLU.accuracy(gold: gold, predicted: predicted)
        XCTAssertGreaterThan(total, 20_000)
        let accuracy = Double(correct) / Double(total)
        print("EWT test UPOS accuracy: \(correct)/\(total) = \(accuracy)")
        XCTAssertGreaterThanOrEqual(accuracy, 0.955)
    }
}
