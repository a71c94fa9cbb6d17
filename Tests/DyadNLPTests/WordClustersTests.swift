import DyadCore
@testable import DyadNLP
import XCTest

final class WordClustersTests: XCTestCase {
    /// A class table written for this test: made-up words without shared affixes, so that what a
    /// model learns about one of them can only reach another through its class.
    static let table = """
        # columns: word K=2 K=4 K=8
        # a comment
        kelp\t0\t1\t2
        zorn\t0\t1\t2
        mib\t0\t1\t2
        tuq\t0\t1\t2
        wex\t0\t1\t2
        vash\t1\t3\t6
        glim\t1\t3\t6
        pry\t1\t3\t6
        dov\t1\t3\t6
        fub\t1\t3\t6
        year9999\t1\t2\t5
        """

    func testReadsTheScriptFormatFoldingCaseAndDigits() throws {
        let clusters = try WordClusters(text: Self.table, name: "toy")
        XCTAssertEqual(clusters.count, 11)
        let kelp = clusters.classes(ofFolded: WordClusters.foldedHash("KELP"))
        XCTAssertEqual([0, 1, 2].map { WordClusters.level($0, of: kelp) }, [0, 1, 2])
        let year = clusters.classes(ofFolded: WordClusters.foldedHash("Year2017"))
        XCTAssertEqual([0, 1, 2].map { WordClusters.level($0, of: year) }, [1, 2, 5], "digits read as 9")
        XCTAssertEqual(clusters.classes(ofFolded: WordClusters.foldedHash("unseen")), WordClusters.unknown)
    }

    func testBadLinesAreRefusedWithTheirNumber() {
        for (text, expected) in [
            ("a\t1\t2\nb\t1\n", "line 2"),
            ("a\t1\na\t2\n", "listed twice"),
            ("a\t1\nb\tseven\n", "line 2"),
            ("a\t1023\n", "below 1023"),
            ("a\t1\t2\t3\t4\n", "line 1"),
        ] {
            XCTAssertThrowsError(try WordClusters(text: text, name: "bad")) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }

    /// Words the tagger never saw get the tag of the words of their class.
    func testTaggerReadsClassesOfUnseenWordsAndKeepsThemInItsModel() throws {
        let clusters = try WordClusters(text: Self.table, name: "toy")
        let nouns = ["kelp", "zorn", "mib", "tuq"], verbs = ["vash", "glim", "pry", "dov"]
        var sentences: [[(word: String, tag: UPOS)]] = []
        for _ in 0..<5 {
            for noun in nouns { sentences.append([(noun, .NOUN), (".", .PUNCT)]) }
            for verb in verbs { sentences.append([(verb, .VERB), (".", .PUNCT)]) }
        }
        // One round, in which the classes decide for an unseen word on data this small: the
        // test is about reading them, not how much they weigh against a word's other features.
        var trainer = TaggerTrainer(iterations: 1, seed: 3)
        XCTAssertEqual(trainer.train(sentences).tag(["fub", "."]), [.NOUN, .PUNCT], "without classes")
        trainer.clusters = clusters
        let tagger = trainer.train(sentences)
        XCTAssertEqual(tagger.tag(["wex", "."]), [.NOUN, .PUNCT])
        XCTAssertEqual(tagger.tag(["fub", "."]), [.VERB, .PUNCT])

        let reloaded = try ModelFile.decode(tagger.serialized(), name: "toy")
        XCTAssertEqual(reloaded.clusters.count, clusters.count)
        XCTAssertEqual(reloaded.serialized(), tagger.serialized())
        XCTAssertEqual(reloaded.tag(["fub", "."]), [.VERB, .PUNCT])
    }

    func testParserModelKeepsItsClasses() throws {
        var trainer = ParserTrainer(iterations: 2, seed: 5)
        trainer.clusters = try WordClusters(text: Self.table, name: "toy")
        var report = ParserTrainer.Report()
        let examples = [
            ParserTrainer.Example(
                words: ["kelp", "vash", "zorn", "."], goldTags: [.NOUN, .VERB, .NOUN, .PUNCT],
                heads: [1, -1, 1, 1], relations: [.nsubj, .root, .obj, .punct])
        ]
        let parser = trainer.train(examples, report: &report)
        let bytes = ParserModelFile.encode(parser)
        let reloaded = try ParserModelFile.decode(bytes, name: "toy")
        XCTAssertEqual(reloaded.clusters.count, 11)
        XCTAssertEqual(ParserModelFile.encode(reloaded), bytes)
    }
}
