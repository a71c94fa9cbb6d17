import DyadCore
import DyadNLP
import XCTest

/// Builds a one-sentence document from "word/TAG word/TAG ..." so chunking is tested apart from
/// the tagger.
func taggedDocument(_ tagged: String) -> Document {
    let pairs = tagged.split(separator: " ").map { item -> (String, UPOS) in
        let slash = item.lastIndex(of: "/")!
        return (String(item[..<slash]), UPOS(name: item[item.index(after: slash)...])!)
    }
    var document = Document(id: "test", text: pairs.map(\.0).joined(separator: " "))
    var offset = 0
    for (word, tag) in pairs {
        let length = word.utf8.count
        document.tokens.append(Token(start: offset, end: offset + length, shape: .word, pos: tag))
        offset += length + 1
    }
    document.sentences = [Sentence(tokens: 0..<pairs.count)]
    return document
}

func describe(_ document: Document) -> [String] {
    document.chunks.map { chunk in
        "\(chunk.kind.label)[\(document.text(ofTokens: chunk.tokens))]@\(document.text(ofToken: chunk.head))"
    }
}

final class ChunkerTests: XCTestCase {
    func testNounPhraseHeadIsItsLastNoun() {
        var document = taggedDocument("the/DET main/ADJ opposition/NOUN party/NOUN organized/VERB a/DET rally/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), [
            "NP[the main opposition party]@party", "VP[organized]@organized", "NP[a rally]@rally",
        ])
    }

    func testParticipleAfterAMainVerbOpensTheNounPhrase() {
        var document = taggedDocument("Zambia/PROPN extradited/VERB suspected/VERB militants/NOUN to/ADP Britain/PROPN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), [
            "NP[Zambia]@Zambia", "VP[extradited]@extradited", "NP[suspected militants]@militants", "PP[to Britain]@Britain",
        ])
        // After an auxiliary and a main verb too.
        var future = taggedDocument("Arnor/PROPN will/AUX abandon/VERB improved/VERB relations/NOUN")
        Chunker().chunk(&future)
        XCTAssertEqual(describe(future), ["NP[Arnor]@Arnor", "VP[will abandon]@abandon", "NP[improved relations]@relations"])
        // After auxiliaries alone the participle is the main verb: "has been arrested".
        var passive = taggedDocument("he/PRON was/AUX arrested/VERB")
        Chunker().chunk(&passive)
        XCTAssertEqual(describe(passive), ["NP[he]@he", "VP[was arrested]@arrested"])
    }

    func testVerbGroupTakesAuxiliariesNegationAndAdverbs() {
        var document = taggedDocument("it/PRON has/AUX still/ADV not/PART been/AUX publicly/ADV agreed/VERB ./PUNCT")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[it]@it", "VP[has still not been publicly agreed]@agreed"])
    }

    func testInfinitiveJoinsTheVerbGroupAndHeadsIt() {
        var document = taggedDocument("ministers/NOUN were/AUX expected/VERB to/PART hold/VERB talks/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), [
            "NP[ministers]@ministers", "VP[were expected to hold]@hold", "NP[talks]@talks",
        ])
    }

    func testPrepositionalPhraseIsHeadedByItsNounAsInUD() {
        var document = taggedDocument("talks/NOUN on/ADP the/DET sidelines/NOUN of/ADP a/DET gathering/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), [
            "NP[talks]@talks", "PP[on the sidelines]@sidelines", "PP[of a gathering]@gathering",
        ])
    }

    func testPossessiveJoinsPossessorAndPossessed() {
        var document = taggedDocument("Russia/PROPN 's/PART Kommersant/PROPN newspaper/NOUN cited/VERB sources/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), [
            "NP[Russia 's Kommersant newspaper]@newspaper", "VP[cited]@cited", "NP[sources]@sources",
        ])
    }

    func testCoordinatedNounsAreSeparatePhrases() {
        var document = taggedDocument("Blinken/PROPN and/CCONJ Lavrov/PROPN met/VERB")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[Blinken]@Blinken", "NP[Lavrov]@Lavrov", "VP[met]@met"])
    }

    func testPossessivePronounOpensANounPhrase() {
        var document = taggedDocument("he/PRON recalled/VERB its/PRON US/PROPN ambassador/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[he]@he", "VP[recalled]@recalled", "NP[its US ambassador]@ambassador"])
    }

    func testPrepositionWithoutObjectIsItsOwnPhrase() {
        var document = taggedDocument("Russia/PROPN beefed/VERB up/ADP ./PUNCT")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[Russia]@Russia", "VP[beefed]@beefed", "PP[up]@up"])
    }

    func testTrailingPunctuationAndConjunctionsBelongToNoPhrase() {
        var document = taggedDocument("but/CCONJ ,/PUNCT ./PUNCT")
        Chunker().chunk(&document)
        XCTAssertEqual(document.chunks, [])
    }
}

final class ChunkerModifierTests: XCTestCase {
    func testParticipleBetweenDeterminerAndNounStaysInTheNounPhrase() {
        var document = taggedDocument("visited/VERB the/DET strategically/ADV placed/VERB and/CCONJ resource-rich/ADJ territory/NOUN")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["VP[visited]@visited", "NP[the strategically placed and resource-rich territory]@territory"])
    }

    /// A word tagged as a verb after a coordinated adjective and before a noun modifies the
    /// noun ("defense" mistagged); after a noun the conjunction ends the phrase.
    func testVerbAfterCoordinatedAdjectiveStaysInTheNounPhrase() {
        var document = taggedDocument("their/PRON foreign/ADJ and/CCONJ defense/VERB chiefs/NOUN met/VERB")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[their foreign and defense chiefs]@chiefs", "VP[met]@met"])
        var nouns = taggedDocument("the/DET police/NOUN and/CCONJ armed/VERB men/NOUN")
        Chunker().chunk(&nouns)
        XCTAssertEqual(describe(nouns).first, "NP[the police]@police")
    }

    func testAdverbAfterANounPhraseIsNotPulledIn() {
        var document = taggedDocument("the/DET minister/NOUN quickly/ADV left/VERB")
        Chunker().chunk(&document)
        XCTAssertEqual(describe(document), ["NP[the minister]@minister", "VP[quickly left]@left"])
    }
}
