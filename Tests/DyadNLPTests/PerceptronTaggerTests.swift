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
        // Cut anywhere, or one byte changed: an error naming the file, never a crash.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            try Data(bytes.prefix(length)).write(to: url)
            XCTAssertThrowsError(try PerceptronTagger(contentsOf: url), "cut at \(length)") { error in
                XCTAssertTrue("\(error)".contains(url.lastPathComponent), "\(error)")
            }
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        try Data(flipped).write(to: url)
        XCTAssertThrowsError(try PerceptronTagger(contentsOf: url)) { error in
            XCTAssertTrue("\(error)".contains("checksum"), "\(error)")
        }
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

    /// The packed tables give the weights of the rows they were built from.
    func testPackedWeightsMatchRows() {
        let classes = PerceptronTagger.classCount
        var random = SplitMix64(seed: 3)
        var hashes: [UInt64] = []
        var quantized: [Int16] = []
        for row in 0..<500 {
            hashes.append(UInt64(row + 1) << 20 | random.next() & 0xFFFFF)
            let nonZero = row % 19  // 0...18 non-zero weights (at most 17 fit)
            var weights = [Int16](repeating: 0, count: classes)
            for _ in 0..<nonZero {
                weights[random.below(classes)] = Int16(truncatingIfNeeded: random.next())
            }
            if row == 7 { weights = [Int16](repeating: .min, count: classes) }
            if row == 8 { weights[16] = .max }
            quantized += weights
        }
        let packed = PackedWeights(featureHashes: hashes, quantized: quantized)
        packed.slots.withUnsafeBufferPointer { slots in
        packed.dense.withUnsafeBufferPointer { dense in
            for (row, hash) in hashes.enumerated() {
                var scores = [Int32](repeating: 0, count: classes)
                PackedWeights.add(hash, slots: slots, dense: dense.baseAddress!, to: &scores)
                XCTAssertEqual(scores, quantized[(row * classes)..<(row * classes + classes)].map(Int32.init))
            }
            var scores = [Int32](repeating: 0, count: classes)
            PackedWeights.add(12345, slots: slots, dense: dense.baseAddress!, to: &scores)
            XCTAssertEqual(scores, [Int32](repeating: 0, count: classes))
        }
        }
    }

    /// A two-pass model of `toyData`, with every word in its lexicon and a tag dictionary.
    static func toyTwoPassModel() -> PerceptronTagger {
        var trainer = TaggerTrainer(iterations: 4, seed: 5)
        trainer.twoPass = true
        trainer.stackingFolds = 2
        trainer.lexiconMinCount = 1
        trainer.lexiconFolds = 2
        trainer.dictionaryMinCount = 3
        return trainer.train(Self.toyData)
    }

    /// The decoder agrees with a plain one (every feature, one word at a time, weights found
    /// by binary search in the stored rows) on a two-pass model.
    func testDecodeMatchesPlainDecoding() {
        let model = Self.toyTwoPassModel()
        let sentences = Self.toyData.map { $0.map(\.word) } + [
            ["Protesters", "said", "the", "police", "fired", "on", "them", "in", "Paris", "."],
            ["Unknown", "words", "like", "zorblax", "and", "42,000", "are", "tagged", "too", "!"],
        ]
        for words in sentences {
            XCTAssertEqual(model.tag(words).map(\.rawValue), Self.plainTags(model, words), words.joined(separator: " "))
        }
    }

    /// What the tagger keeps about words it met (`WordMemo`) never changes a tag: the same
    /// sentences tagged again and again (the memo warm), with words repeated, words too long
    /// to keep and two words that share a memo slot, tag as plain decoding does.
    func testWordMemoChangesNoTag() throws {
        let model = Self.toyTwoPassModel()
        let sentences = try Self.memoSentences()
        for round in 0..<3 {
            for words in sentences {
                XCTAssertEqual(model.tag(words).map(\.rawValue), Self.plainTags(model, words), "round \(round): \(words.joined(separator: " "))")
            }
        }
    }

    /// Each row of the previous tags' sums is what the stored rows give for those tags'
    /// templates, for every pair of previous tags, start tags included.
    func testTagSumsAreTheStoredWeightsOfThePreviousTags() {
        let model = Self.toyTwoPassModel()
        let classes = PerceptronTagger.classCount
        let values = FeatureExtractor.previousTagValues
        XCTAssertEqual(values, classes + 2)
        for table in [model.first, model.second!] {
            var nonZero = 0
            for p1 in 0..<values {
                for p2 in 0..<values {
                    var features = [UInt64](repeating: 0, count: FeatureExtractor.maxFeatures)
                    let n = FeatureExtractor.extractTags(previous: UInt64(p1), beforePrevious: UInt64(p2), into: &features)
                    var expected = [Int32](repeating: 0, count: classes)
                    for feature in features[..<n] { Self.addStoredWeights(table, feature, to: &expected) }
                    let row = Array(table.tagSums[((p1 * values + p2) * classes)..<((p1 * values + p2 + 1) * classes)])
                    XCTAssertEqual(row, expected, "previous tags \(p1), \(p2)")
                    if expected.contains(where: { $0 != 0 }) { nonZero += 1 }
                }
            }
            XCTAssertGreaterThan(nonZero, values)
        }
    }

    /// Adds the weights of `feature` as stored (binary search in the rows), if any.
    static func addStoredWeights(_ table: WeightTable, _ feature: UInt64, to scores: inout [Int32]) {
        let classes = PerceptronTagger.classCount
        var low = 0, high = table.featureHashes.count
        while low < high {
            let middle = (low + high) / 2
            if table.featureHashes[middle] < feature { low = middle + 1 } else { high = middle }
        }
        guard low < table.featureHashes.count, table.featureHashes[low] == feature else { return }
        for c in 0..<classes { scores[c] += Int32(table.quantized[low * classes + c]) }
    }

    func testCountsWrittenAsLiteralsMatchWhatTheyCount() {
        XCTAssertEqual(PerceptronTagger.classCount, UPOS.allCases.count)
        XCTAssertEqual(WordMemo.partCount, 1 + FeatureExtractor.Neighbour.allCases.count)
    }

    /// The sums the memo keeps for a word standing as a neighbour are those the table gives:
    /// every score a pass adds up, for every word, is the same with a memo (cold, then warm)
    /// as without one.
    func testNeighbourSumsAddUpAsTheTableDoes() throws {
        let model = Self.toyTwoPassModel()
        let second = try XCTUnwrap(model.second)
        let memo = WordMemo(passCount: 2)
        let classes = PerceptronTagger.classCount
        for round in 0..<2 {
            for words in try Self.memoSentences() {
                let (bytes, ranges) = Self.layout(words)
                var kept: [WordMemo.Kept] = []
                let infos = bytes.withUnsafeBufferPointer {
                    FeatureExtractor.wordInfos(
                        $0, ranges, lexicon: model.lexicon, clusters: model.clusters, memo: memo, kept: &kept)
                }
                // Every word scored (none from the dictionary); made-up tags to its right.
                let known = [UInt8](repeating: WeightTable.unscored, count: words.count)
                let right = (0..<words.count).map { UInt8($0 * 7 % classes) }
                for (pass, table) in [model.first, second].enumerated() {
                    func scores(_ neighbours: WeightTable.NeighbourSums?) -> [Int32] {
                        var scores = [Int32](repeating: 0, count: words.count * classes)
                        var tags = [UInt8](repeating: 0, count: words.count)
                        infos.withUnsafeBufferPointer { infos in
                        known.withUnsafeBufferPointer { known in
                        right.withUnsafeBufferPointer { right in
                        scores.withUnsafeMutableBufferPointer { scores in
                        tags.withUnsafeMutableBufferPointer { tags in
                            table.decode(
                                infos, count: words.count, known: known, wordScores: scores.baseAddress!,
                                neighbours: neighbours, right: pass == 1 ? right : nil, into: tags)
                        }
                        }
                        }
                        }
                        }
                        return scores
                    }
                    let plain = scores(nil)
                    XCTAssertTrue(plain.contains { $0 != 0 })
                    XCTAssertEqual(
                        scores(WeightTable.NeighbourSums(memo: memo, kept: kept, pass: pass)), plain,
                        "round \(round), pass \(pass): \(words.joined(separator: " "))")
                }
            }
        }
    }

    /// Sentences that put the memo to work: repeated words, two made-up words that the memo
    /// keeps in one slot, side by side and apart, and a word too long to keep.
    static func memoSentences() throws -> [[String]] {
        func slot(_ word: String) -> Int {
            let bytes = Array(word.utf8)
            let key = bytes.withUnsafeBufferPointer { WordMemo.key($0, 0..<bytes.count)! }
            return WordMemo.slot(key, length: bytes.count)
        }
        var firstBySlot: [Int: String] = [:]
        var sharing: (String, String)? = nil
        for number in 0..<100_000 where sharing == nil {
            let word = "w\(number)x"
            if let other = firstBySlot[slot(word)] { sharing = (other, word) } else { firstBySlot[slot(word)] = word }
        }
        let (a, b) = try XCTUnwrap(sharing)
        let long = "counterrevolutionaries-and-their-allies"
        XCTAssertGreaterThan(long.utf8.count, WordMemo.maxWordBytes)
        return toyData.map { $0.map(\.word) } + [
            [a, "attacked", b, "near", a, "and", b, "fired", "."],
            [a, b, a, b, "said", b, a, "."],
            ["The", "police", "police", "the", "police", long, "said", long, "."],
            ["Unknown", "words", "like", "zorblax", "and", "42,000", "are", "tagged", "too", "!"],
            ["Go"],
        ]
    }

    /// The words' bytes one after another, and each word's range.
    static func layout(_ words: [String]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for word in words {
            let start = bytes.count
            bytes.append(contentsOf: word.utf8)
            ranges.append(start..<bytes.count)
        }
        return (bytes, ranges)
    }

    static func plainTags(_ model: PerceptronTagger, _ words: [String]) -> [UInt8] {
        let (bytes, ranges) = layout(words)
        let infos = bytes.withUnsafeBufferPointer { FeatureExtractor.wordInfos($0, ranges, lexicon: model.lexicon, clusters: model.clusters) }
        let classes = PerceptronTagger.classCount
        func pass(_ table: WeightTable, right: [UInt8]?) -> [UInt8] {
            var tags: [UInt8] = []
            var p1 = FeatureExtractor.startTag1
            var p2 = FeatureExtractor.startTag2
            var features = [UInt64](repeating: 0, count: FeatureExtractor.maxFeatures)
            infos.withUnsafeBufferPointer { infos in
                for i in 0..<words.count {
                    var best = Int(model.dictionary.find(infos[i + 2].form == 0 ? 1 : infos[i + 2].form))
                    if best < 0 {
                        var n = FeatureExtractor.extract(infos, i, previous: p1, beforePrevious: p2, into: &features)
                        if let right {
                            n += right.withUnsafeBufferPointer { right in
                                features.withUnsafeMutableBufferPointer {
                                    FeatureExtractor.extractRight(
                                        infos, i, count: words.count, right: right, previous: p1,
                                        into: $0.baseAddress! + n)
                                }
                            }
                        }
                        var scores = [Int32](repeating: 0, count: classes)
                        for feature in features[..<n] { addStoredWeights(table, feature, to: &scores) }
                        best = 0
                        for c in 1..<classes where scores[c] > scores[best] { best = c }
                    }
                    tags.append(UInt8(best))
                    p2 = p1
                    p1 = UInt64(best)
                }
            }
            return tags
        }
        let first = pass(model.first, right: nil)
        return model.second.map { pass($0, right: first) } ?? first
    }
}
