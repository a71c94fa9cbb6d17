import DyadCore
import XCTest

final class DependencyTreeTests: XCTestCase {
    /// A document of one sentence with the parse given as (word, tag, head position or -1, relation).
    static func parsed(_ rows: [(String, UPOS, Int, DependencyRelation)], prefix: [String] = []) -> (Document, Sentence) {
        let words = prefix + rows.map(\.0)
        let text = words.joined(separator: " ")
        var document = Document(id: "t", text: text)
        var offset = 0
        for word in words {
            document.tokens.append(Token(start: offset, end: offset + word.utf8.count, shape: .word))
            offset += word.utf8.count + 1
        }
        let base = prefix.count
        for (position, row) in rows.enumerated() {
            document.tokens[base + position].pos = row.1
            document.tokens[base + position].head = Int32(row.2 < 0 ? -1 : base + row.2)
            document.tokens[base + position].relation = row.3
        }
        let sentence = Sentence(tokens: base..<words.count)
        if base > 0 { document.sentences.append(Sentence(tokens: 0..<base)) }
        document.sentences.append(sentence)
        return (document, sentence)
    }

    func testRolesOfAVerb() {
        // "Police and soldiers arrested and released journalists in Ankara on Friday ."
        // (a sentence before it, so that document and sentence positions differ)
        let (document, sentence) = Self.parsed([
            ("Police", .NOUN, 3, .nsubj), ("and", .CCONJ, 2, .cc), ("soldiers", .NOUN, 0, .conj),
            ("arrested", .VERB, -1, .root), ("and", .CCONJ, 5, .cc), ("released", .VERB, 3, .conj),
            ("journalists", .NOUN, 3, .obj), ("in", .ADP, 8, .case), ("Ankara", .PROPN, 3, .obl),
            ("on", .ADP, 10, .case), ("Friday", .PROPN, 3, .obl), (".", .PUNCT, 3, .punct),
        ], prefix: ["Hello", "."])
        var tree = DependencyTree(document, sentence: sentence)
        XCTAssertTrue(tree.isParsed)
        let at = { (position: Int) in position + 2 }
        XCTAssertEqual(tree.root, at(3))
        XCTAssertEqual(tree.subjects(of: at(3)), [at(0)])
        XCTAssertEqual(tree.conjuncts(of: at(0)), [at(2)], "coordinated subjects")
        XCTAssertEqual(tree.conjuncts(of: at(2)), [at(0)], "a later conjunct finds the first")
        XCTAssertEqual(tree.objects(of: at(3)), [at(6)])
        XCTAssertEqual(tree.obliques(of: at(3)).map(\.word), [at(8), at(10)])
        XCTAssertEqual(tree.obliques(of: at(3)).map(\.caseWords), [[at(7)], [at(9)]])
        XCTAssertEqual(tree.conjuncts(of: at(3)), [at(5)])
        XCTAssertEqual(tree.governingPredicate(of: at(5)), at(3))
        XCTAssertNil(tree.governingPredicate(of: at(3)))
        XCTAssertEqual(tree.subtree(of: at(8)), [at(7), at(8)])
        XCTAssertEqual(tree.ancestors(of: at(7)), [at(7), at(8), at(3)])
        XCTAssertEqual(tree.head(of: at(7)), at(8))
        XCTAssertNil(tree.head(of: at(3)))
        // An unparsed sentence: every word stands alone.
        var unparsed = document
        for index in unparsed.tokens.indices {
            unparsed.tokens[index].head = -1
            unparsed.tokens[index].relation = nil
        }
        tree = DependencyTree(unparsed, sentence: sentence)
        XCTAssertFalse(tree.isParsed)
        XCTAssertNil(tree.root)
        XCTAssertEqual(tree.subjects(of: at(3)), [])
    }

    func testComplementsAndPassives() {
        // "Ankara was urged by Washington to lift the ban"
        let (document, sentence) = Self.parsed([
            ("Ankara", .PROPN, 2, .nsubjPass), ("was", .AUX, 2, .auxPass), ("urged", .VERB, -1, .root),
            ("by", .ADP, 4, .case), ("Washington", .PROPN, 2, .oblAgent), ("to", .PART, 6, .mark),
            ("lift", .VERB, 2, .xcomp), ("the", .DET, 8, .det), ("ban", .NOUN, 6, .obj),
        ])
        let tree = DependencyTree(document, sentence: sentence)
        XCTAssertEqual(tree.subjects(of: 2), [0])
        XCTAssertTrue(tree.relation(of: 0)!.isPassiveSubject)
        XCTAssertEqual(tree.obliques(of: 2).map(\.relation), [.oblAgent])
        XCTAssertEqual(tree.clausalComplements(of: 2), [6])
        XCTAssertEqual(tree.governingPredicate(of: 6), 2)
        XCTAssertEqual(tree.objects(of: 6), [8])
    }

    func testRelationNamesAndUniversalParts() {
        XCTAssertEqual(DependencyRelation(label: "nsubj:pass"), .nsubjPass)
        XCTAssertEqual(DependencyRelation.nsubjPass.universal, .nsubj)
        XCTAssertEqual(DependencyRelation(label: "obl:made-up"), .obl, "an unknown subtype reads as its universal part")
        XCTAssertEqual(DependencyRelation(label: "nonsense"), .dep)
        XCTAssertNil(DependencyRelation(label: "_"))
        for relation in DependencyRelation.allCases {
            XCTAssertEqual(DependencyRelation(exactly: relation.name), relation)
        }
    }
}
