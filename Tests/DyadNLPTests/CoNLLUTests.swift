import DyadCore
@testable import DyadNLP
import XCTest

final class CoNLLUTests: XCTestCase {
    /// A small file written for these tests: comments, a multiword token and an empty node.
    static let sample = """
        # sent_id = test-1
        # text = We can't stop now.
        1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_
        2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
        4\tstop\tstop\tVERB\tVB\t_\t0\troot\t_\t_
        5\tnow\tnow\tADV\tRB\t_\t4\tadvmod\t_\tSpaceAfter=No
        5.1\tgo\tgo\t_\t_\t_\t_\t_\t4:conj\t_
        6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

        # sent_id = test-2
        1\tThanks\tthanks\tNOUN\tNNS\t_\t0\troot\t_\t_


        """

    func testRoundTripKeepsCommentsMultiwordAndEmptyNodes() throws {
        let sentences = try CoNLLU.read(Self.sample)
        XCTAssertEqual(sentences.count, 2)
        XCTAssertEqual(sentences[0].comments, ["# sent_id = test-1", "# text = We can't stop now."])
        XCTAssertEqual(sentences[0].rows.count, 8)
        XCTAssertEqual(sentences[0].rows[1][0], "2-3")
        XCTAssertEqual(sentences[0].rows[6][0], "5.1")
        XCTAssertEqual(sentences[0].words.map { $0[1] }, ["We", "ca", "n't", "stop", "now", "."])
        let written = CoNLLU.write(sentences)
        // Same text, apart from the extra blank lines at the end of the sample.
        XCTAssertEqual(written, Self.sample.replacingOccurrences(of: "\n\n\n", with: "\n"))
        XCTAssertEqual(try CoNLLU.read(written), sentences)
    }

    func testErrorsNameTheLine() {
        let text = "# sent_id = x\n1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tbroken line\n"
        XCTAssertThrowsError(try CoNLLU.read(text)) { error in
            guard let error = error as? CoNLLU.ParseError else { return XCTFail("wrong error \(error)") }
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.description.hasPrefix("line 3:"))
        }
    }

    /// A broken tree or a bad HEAD is reported with its line; a malformed line drops its
    /// sentence and the rest is read.
    func testBrokenTreesAndBadLinesNameTheirLineAndTheRestIsRead() throws {
        let text = """
            # sent_id = good
            1\tPolice\tpolice\tNOUN\tNN\t_\t2\tnsubj\t_\t_
            2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_

            # sent_id = bad-head
            1\tPolice\tpolice\tNOUN\tNN\t_\t7\tnsubj\t_\t_
            2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_

            # sent_id = cycle
            1\tPolice\tpolice\tNOUN\tNN\t_\t2\tnsubj\t_\t_
            2\tcame\tcome\tVERB\tVBD\t_\t1\tobj\t_\t_
            3\t.\t.\tPUNCT\t.\t_\t0\troot\t_\t_

            # sent_id = malformed
            1\tPolice\tonly three columns

            # sent_id = last
            1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
            2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_

            """
        var problems: [CoNLLU.ParseError] = []
        let sentences = CoNLLU.read(text, problems: &problems)
        XCTAssertEqual(sentences.map { $0.comments.first ?? "" }, ["# sent_id = good", "# sent_id = bad-head", "# sent_id = cycle", "# sent_id = last"])
        XCTAssertEqual(problems.map(\.line), [15])
        XCTAssertEqual(try sentences[0].tree().heads, [1, -1])
        XCTAssertEqual(try sentences[0].tree().relations, [.nsubj, .root])
        XCTAssertThrowsError(try sentences[1].tree()) { error in
            XCTAssertEqual((error as? CoNLLU.ParseError)?.line, 6)
        }
        XCTAssertThrowsError(try sentences[2].tree()) { error in
            XCTAssertEqual((error as? CoNLLU.ParseError)?.line, 10, "\(error)")
            XCTAssertTrue("\(error)".contains("cycle"))
        }
    }

    /// UAS and LAS the CoNLL 2018 way: punctuation counts, labels by their universal part.
    func testAttachmentScoresCountPunctuationAndUniversalLabels() throws {
        let gold = try CoNLLU.read(Self.sample)
        var predicted = gold
        predicted[0].rows[0][7] = "nsubj:pass"  // same universal label
        predicted[0].rows[4][6] = "5"  // a wrong head ("stop" on "now")
        predicted[0].rows[7][7] = "dep"  // punctuation with the wrong label
        let score = CoNLLU.attachment(gold: gold, predicted: predicted)
        XCTAssertEqual(score.total, 7)
        XCTAssertEqual(score.unlabeled, 6)
        XCTAssertEqual(score.labeled, 5)
        XCTAssertEqual(score.labeledFull, 4)
    }

    func testRetagChangesOnlyTheUPOSColumn() throws {
        let gold = try CoNLLU.read(Self.sample)
        // Blank the gold tags so that the tagger's work shows.
        var blanked = gold
        for s in blanked.indices {
            for r in blanked[s].rows.indices where CoNLLU.Sentence.isWord(blanked[s].rows[r]) {
                blanked[s].rows[r][3] = "X"
            }
        }
        let tagger = try PerceptronTagger.bundled()
        let retagged = CoNLLU.retag(blanked, with: tagger)
        XCTAssertEqual(retagged.count, gold.count)
        for (before, after) in zip(blanked, retagged) {
            XCTAssertEqual(before.comments, after.comments)
            XCTAssertEqual(before.rows.count, after.rows.count)
            for (b, a) in zip(before.rows, after.rows) {
                XCTAssertEqual(a.count, 10)
                for column in 0..<10 where column != 3 { XCTAssertEqual(a[column], b[column]) }
                if CoNLLU.Sentence.isWord(b) {
                    XCTAssertNotNil(UPOS(name: a[3]))
                } else {
                    XCTAssertEqual(a[3], b[3], "multiword and empty-node lines are left alone")
                }
            }
        }
        let (correct, total) = CoNLLU.accuracy(gold: gold, predicted: retagged)
        XCTAssertEqual(total, 7)
        XCTAssertGreaterThanOrEqual(correct, 6)
    }

    func testAccuracyCountsMissingSentencesAsWrong() throws {
        let gold = try CoNLLU.read(Self.sample)
        XCTAssertEqual(CoNLLU.accuracy(gold: gold, predicted: gold).correct, 7)
        let partial = CoNLLU.accuracy(gold: gold, predicted: Array(gold.prefix(1)))
        XCTAssertEqual(partial.correct, 6)
        XCTAssertEqual(partial.total, 7)
    }
}
