import DyadCore
@testable import DyadNLP
import XCTest

final class DependencyParserTests: XCTestCase {
    // MARK: The transition system and its oracle

    /// Random projective trees over `count` words, the root among them (heads as positions,
    /// `count` for the root), made by splitting spans: a span's head takes the heads of the
    /// spans on either side of it as dependents.
    static func randomProjectiveTree(count: Int, random: inout SplitMix64) -> [Int32] {
        var heads = [Int32](repeating: -1, count: count)
        func build(_ range: Range<Int>, head: Int) {
            guard !range.isEmpty else { return }
            let word = range.lowerBound + random.below(range.count)
            heads[word] = Int32(head)
            build(range.lowerBound..<word, head: word)
            build((word + 1)..<range.upperBound, head: word)
        }
        build(0..<count, head: count)
        return heads
    }

    /// Following zero-cost moves from the start rebuilds every projective gold tree exactly:
    /// the oracle's costs are right where it matters most.
    func testZeroCostMovesRebuildTheGoldTree() {
        var random = SplitMix64(seed: 11)
        let system = ArcHybrid(labelCount: 3, rootLabel: 0)
        for trial in 0..<300 {
            let count = 1 + trial % 25
            let heads = Self.randomProjectiveTree(count: count, random: &random)
            let labels = heads.map { $0 == Int32(count) ? Int16(0) : Int16(1 + random.below(2)) }
            let gold = GoldTree(heads: heads, labels: labels)
            XCTAssertTrue(gold.isTree)
            XCTAssertTrue(gold.isProjective)
            let oracle = ArcHybridOracle(gold: gold)
            var state = ParseState(count: count)
            var steps = 0
            while !state.isFinal {
                let legal = system.legal(state)
                let cost = oracle.costs(state, legal: legal)
                var move: ArcHybrid.Move
                if legal.left, cost.left == 0, let label = oracle.goldLabel(state, right: false) {
                    move = .left(label)
                } else if legal.right, cost.right == 0, let label = oracle.goldLabel(state, right: true) {
                    move = .right(label)
                } else {
                    XCTAssertTrue(legal.shift && cost.shift == 0, "no zero-cost move in trial \(trial)")
                    move = .shift
                }
                system.apply(move, to: &state)
                steps += 1
            }
            XCTAssertEqual(steps, 2 * count, "arc-hybrid takes two moves a word")
            for word in 0..<count {
                XCTAssertEqual(state.head(of: word), Int(heads[word]), "trial \(trial) word \(word)")
                XCTAssertEqual(state.label(of: word), Int(labels[word]))
            }
        }
    }

    /// Whatever moves are taken, the parse ends as one tree with one word on the root.
    func testAnyLegalMovesGiveOneRootedTree() {
        var random = SplitMix64(seed: 5)
        let system = ArcHybrid(labelCount: 4, rootLabel: 2)
        for trial in 0..<300 {
            let count = 1 + trial % 30
            var state = ParseState(count: count)
            while !state.isFinal {
                let legal = system.legal(state)
                let classes = (0..<system.classCount).filter { system.isLegal($0, legal) }
                XCTAssertFalse(classes.isEmpty)
                system.apply(system.move(ofClass: classes[random.below(classes.count)]), to: &state)
            }
            let heads = (0..<count).map { state.head(of: $0) }
            XCTAssertEqual(heads.filter { $0 == count }.count, 1, "one word on the root")
            XCTAssertTrue(GoldTree(heads: heads.map { Int32($0) }, labels: heads.map { _ in 0 }).isTree)
            for word in 0..<count {
                XCTAssertEqual(state.label(of: word) == 2, heads[word] == count, "the root label marks the root's word only")
            }
        }
    }

    /// The oracle's cost of a move is the number of gold arcs no parse can make after it.
    func testOracleCostsCountArcsMadeUnreachable() {
        // "a b c": b heads a and c, the root heads b.
        let gold = GoldTree(heads: [1, 3, 1], labels: [1, 0, 1])
        let oracle = ArcHybridOracle(gold: gold)
        let system = ArcHybrid(labelCount: 2, rootLabel: 0)
        var state = ParseState(count: 3)
        system.apply(.shift, to: &state)  // stack [a], buffer b c ROOT
        var cost = oracle.costs(state, legal: system.legal(state))
        XCTAssertEqual(cost.left, 0, "a <- b is gold")
        XCTAssertEqual(cost.shift, 1, "once b is on the stack, a cannot hang on it")
        system.apply(.shift, to: &state)  // stack [a b]: a can no longer take b as its head
        cost = oracle.costs(state, legal: system.legal(state))
        XCTAssertEqual(cost.right, 2, "a -> b loses b's head (the root) and its dependent c")
        XCTAssertEqual(cost.left, 2, "b <- c loses b's head and its dependent c")
    }

    func testProjectivizeLiftsCrossingArcs() {
        // Words 0..3; 0 heads 2, the root heads 1, 1 heads 0 and 3; 2 is attached to 0 across 1.
        var tree = GoldTree(heads: [1, 4, 0, 1], labels: [1, 0, 1, 1])
        XCTAssertTrue(tree.isTree)
        XCTAssertFalse(tree.isProjective)
        XCTAssertEqual(tree.projectivize(), 1)
        XCTAssertTrue(tree.isProjective)
        XCTAssertEqual(tree.heads, [1, 4, 1, 1], "the crossing arc goes up to the head's head")
    }

    func testBrokenTreesAreNotTrees() {
        XCTAssertFalse(GoldTree(heads: [1, 0], labels: [0, 0]).isTree, "a cycle")
        XCTAssertFalse(GoldTree(heads: [2, 2], labels: [0, 0]).isTree, "two words on the root")
        XCTAssertFalse(GoldTree(heads: [0, 2], labels: [0, 0]).isTree, "a word heading itself")
        XCTAssertTrue(GoldTree(heads: [2, 0, 3], labels: [0, 0, 0]).isTree)
    }

    // MARK: Training, saving, loading

    /// A treebank written for this test: a few clause shapes with their words varied.
    static func tinyTreebank() -> [ParserTrainer.Example] {
        let subjects = ["Police", "Rebels", "Officials", "Protesters", "Soldiers"]
        let verbs = ["arrested", "attacked", "criticized", "met", "blamed"]
        let objects = ["journalists", "villagers", "ministers", "leaders", "students"]
        var examples: [ParserTrainer.Example] = []
        for (i, subject) in subjects.enumerated() {
            for (j, verb) in verbs.enumerated() {
                let object = objects[(i + j) % objects.count]
                // "Police arrested journalists on Friday ."
                examples.append(ParserTrainer.Example(
                    words: [subject, verb, object, "on", "Friday", "."],
                    goldTags: [.NOUN, .VERB, .NOUN, .ADP, .PROPN, .PUNCT],
                    heads: [1, -1, 1, 4, 1, 1], relations: [.nsubj, .root, .obj, .case, .obl, .punct]))
                // "The police said they arrested journalists ."
                examples.append(ParserTrainer.Example(
                    words: ["The", subject.lowercased(), "said", "they", verb, object, "."],
                    goldTags: [.DET, .NOUN, .VERB, .PRON, .VERB, .NOUN, .PUNCT],
                    heads: [1, 2, -1, 4, 2, 4, 2], relations: [.det, .nsubj, .root, .nsubj, .ccomp, .obj, .punct]))
            }
        }
        return examples
    }

    func testTrainsAParserThatLearnsItsTreebank() {
        var trainer = ParserTrainer(iterations: 8, seed: 1)
        trainer.pruneBelow = 0
        var report = ParserTrainer.Report()
        let parser = trainer.train(Self.tinyTreebank(), report: &report)
        XCTAssertEqual(report.sentences, 50)
        XCTAssertEqual(report.skipped, 0)
        let arcs = parser.parse(
            words: ["Soldiers", "criticized", "villagers", "on", "Friday", "."], tags: [.NOUN, .VERB, .NOUN, .ADP, .PROPN, .PUNCT])
        XCTAssertEqual(arcs.map(\.head), [1, nil, 1, 4, 1, 1])
        XCTAssertEqual(arcs.map(\.relation), [.nsubj, .root, .obj, .case, .obl, .punct])
    }

    func testTrainingIsReproducibleAndModelsRoundTrip() throws {
        var report = ParserTrainer.Report()
        let first = ParserTrainer(iterations: 3, seed: 7).train(Self.tinyTreebank(), report: &report)
        let second = ParserTrainer(iterations: 3, seed: 7).train(Self.tinyTreebank(), report: &report)
        let bytes = ParserModelFile.encode(first)
        XCTAssertEqual(bytes, ParserModelFile.encode(second), "same data and seed, same bytes")
        let reloaded = try ParserModelFile.decode(bytes, name: "tiny")
        XCTAssertEqual(ParserModelFile.encode(reloaded), bytes)
        let words = ["Rebels", "blamed", "students", "."]
        let tags: [UPOS] = [.NOUN, .VERB, .NOUN, .PUNCT]
        XCTAssertEqual(reloaded.parse(words: words, tags: tags), first.parse(words: words, tags: tags))
    }

    func testDamagedModelFilesAreRefusedWithAReason() {
        var report = ParserTrainer.Report()
        let bytes = ParserModelFile.encode(ParserTrainer(iterations: 1, seed: 7).train(Self.tinyTreebank(), report: &report))
        XCTAssertThrowsError(try ParserModelFile.decode(Array(bytes.dropLast(3)), name: "cut")) { error in
            XCTAssertTrue("\(error)".contains("checksum"), "\(error)")
        }
        XCTAssertThrowsError(try ParserModelFile.decode(Array("DYADPOS\u{0}........".utf8), name: "tagger")) { error in
            XCTAssertTrue("\(error)".contains("not a Dyad parser model"), "\(error)")
        }
    }

    // MARK: The bundled model

    /// Sentences written for this test, with the arcs any fair English parse gives them.
    func testBundledModelParsesClearSentences() throws {
        let pipeline = TextPipeline(tagger: try PerceptronTagger.bundled(), parser: try DependencyParser.bundled())
        let document = pipeline.document(
            metadata: DocumentMetadata(id: "t"),
            text: "Turkish police detained three journalists on Friday. The minister was criticized by the opposition. "
                + "Protesters marched in Ankara on Sunday.")
        XCTAssertEqual(document.sentences.count, 3)
        func word(_ text: String) -> Int { document.tokens.indices.first { document.text(ofToken: $0) == text }! }
        let tree = DependencyTree(document, sentence: document.sentences[0])
        let detained = word("detained")
        XCTAssertEqual(tree.root, detained)
        XCTAssertEqual(tree.subjects(of: detained), [word("police")])
        XCTAssertEqual(tree.objects(of: detained), [word("journalists")])
        XCTAssertEqual(tree.obliques(of: detained).map(\.word), [word("Friday")])
        let passive = DependencyTree(document, sentence: document.sentences[1])
        let criticized = word("criticized")
        XCTAssertEqual(passive.relation(of: word("minister")), .nsubjPass)
        XCTAssertEqual(passive.obliques(of: criticized).first?.relation, .oblAgent)
        let marched = DependencyTree(document, sentence: document.sentences[2])
        let obliques = marched.obliques(of: word("marched"))
        XCTAssertEqual(obliques.map(\.word), [word("Ankara"), word("Sunday")])
        XCTAssertEqual(obliques.map { $0.caseWords.map { document.text(ofToken: $0) } }, [["in"], ["on"]])
    }

    /// A "sentence" of 12,000 words parses in two moves a word, to one tree.
    func testVeryLongSentenceParsesToOneTree() throws {
        let parser = try DependencyParser.bundled()
        let words = (0..<12_000).map { ["the", "rebels", "attacked", "and", "police", ","][$0 % 6] }
        let tags: [UPOS] = (0..<12_000).map { [.DET, .NOUN, .VERB, .CCONJ, .NOUN, .PUNCT][$0 % 6] }
        let arcs = parser.parse(words: words, tags: tags)
        XCTAssertEqual(arcs.count, words.count)
        XCTAssertEqual(arcs.filter { $0.head == nil }.count, 1)
        let heads = arcs.map { Int32($0.head ?? words.count) }
        XCTAssertTrue(GoldTree(heads: heads, labels: heads.map { _ in 0 }).isTree)
    }

    /// UAS and LAS on UD English-EWT test from gold tokens with Dyad's own tags, read from
    /// ../shared when present (CI's floors check the same with scripts/conllu_eval.py).
    func testAttachmentOnEWTTest() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpora/ud_english_ewt/en_ewt-ud-test.conllu")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) not found") }
        let gold = try CoNLLU.read(String(contentsOf: url, encoding: .utf8))
        let parsed = CoNLLU.reparse(CoNLLU.retag(gold, with: try PerceptronTagger.bundled()), with: try DependencyParser.bundled())
        let score = CoNLLU.attachment(gold: gold, predicted: parsed)
        print("EWT test: UAS \(score.uas) LAS \(score.las) over \(score.total) words")
        XCTAssertGreaterThan(score.total, 20_000)
        XCTAssertGreaterThanOrEqual(score.uas, 0.85)
        XCTAssertGreaterThanOrEqual(score.las, 0.82)
    }
}
