import DyadCore
import XCTest

@testable import DyadText

/// The sentences of `text`, each as the text from its first token to its last.
func sentenceTexts(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    let tokens = Tokenizer.shared.tokenize(bytes)
    return SentenceSplitter.shared.split(bytes, tokens: tokens).map { sentence in
        guard let first = sentence.tokens.first, let last = sentence.tokens.last else { return "" }
        return String(decoding: bytes[Int(tokens[first].start)..<Int(tokens[last].end)], as: UTF8.self)
    }
}

final class SentenceSplitterTests: XCTestCase {
    func testSplitsAfterFullStopBeforeCapital() {
        XCTAssertEqual(sentenceTexts("The talks ended. Both sides left! Why? Nobody knows."),
                       ["The talks ended.", "Both sides left!", "Why?", "Nobody knows."])
    }

    func testSplitsBeforeDigitOpeningQuoteOrBracket() {
        XCTAssertEqual(sentenceTexts("It rained. 2024 was wet. \"Enough,\" she said. (Not really.)"),
                       ["It rained.", "2024 was wet.", "\"Enough,\" she said.", "(Not really.)"])
    }

    /// A dateline or kicker that opens a text is no part of the sentence after it.
    func testOpeningDatelineOrKickerIsASentenceOfItsOwn() {
        XCTAssertEqual(sentenceTexts("OSLO, March 3 (Dyad News) -- The minister resigned. He left."),
                       ["OSLO, March 3 (Dyad News) --", "The minister resigned.", "He left."])
        XCTAssertEqual(sentenceTexts("NAIROBI: Police dispersed a crowd."), ["NAIROBI:", "Police dispersed a crowd."])
        XCTAssertEqual(sentenceTexts("HERAT (Dyad Wire) : Police dispersed a crowd."), ["HERAT (Dyad Wire) :", "Police dispersed a crowd."])
        XCTAssertEqual(sentenceTexts("GAO, May 2: Troops left."), ["GAO, May 2:", "Troops left."])
        XCTAssertEqual(sentenceTexts("Herat, May 2, Dyad Wire - Troops left."), ["Herat, May 2, Dyad Wire -", "Troops left."])
        XCTAssertEqual(sentenceTexts("On Monday, 5 people - all of them - left."), ["On Monday, 5 people - all of them - left."], "no month, no agency")
        XCTAssertEqual(sentenceTexts("UN (left) : talks resumed."), ["UN (left) : talks resumed."], "two capitals are no place")
        XCTAssertEqual(sentenceTexts("US - China talks resumed."), ["US - China talks resumed."], "no dateline")
        XCTAssertEqual(sentenceTexts("The talks in OSLO -- a surprise -- went on."), ["The talks in OSLO -- a surprise -- went on."])
    }

    /// A run of words with no sentence end is cut into pieces of at most `maxTokens`, at a comma
    /// where one falls in the piece's second half, so that no stage's work grows with the input.
    func testOverlongRunIsCutIntoMarkedPieces() {
        let text = Array(repeating: "rebels attacked the town , police came", count: 200).joined(separator: " ")
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        let sentences = SentenceSplitter.shared.split(bytes, tokens: tokens)
        XCTAssertEqual(tokens.count, 1_400)
        XCTAssertGreaterThan(sentences.count, 4)
        XCTAssertTrue(sentences.allSatisfy { $0.tokens.count <= SentenceSplitter.maxTokens && $0.isPieceOfLonger })
        XCTAssertEqual(sentences.map(\.tokens.count).reduce(0, +), tokens.count, "every token in one piece")
        for piece in sentences.dropLast() {
            XCTAssertEqual(String(decoding: bytes[Int(tokens[piece.tokens.upperBound - 1].start)...].prefix(1), as: UTF8.self), ",")
        }
        XCTAssertFalse(SentenceSplitter.shared.split(Array("Police came. Rebels left.".utf8),
                                                     tokens: Tokenizer.shared.tokenize(Array("Police came. Rebels left.".utf8)))
            .contains(where: \.isPieceOfLonger))
    }

    func testNoSplitBeforeLowercase() {
        XCTAssertEqual(sentenceTexts("He said no. and then left."), ["He said no. and then left."])
    }

    func testEveryTokenIsInExactlyOneSentence() {
        let bytes = Array("One. Two\nthree ... Four? \"Five.\" (six) seven".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        let sentences = SentenceSplitter.shared.split(bytes, tokens: tokens)
        XCTAssertEqual(sentences.flatMap { Array($0.tokens) }, Array(0..<tokens.count))
        XCTAssertTrue(SentenceSplitter.shared.split([], tokens: []).isEmpty)
    }

    func testTitlesAndInitialsDoNotEndSentences() {
        XCTAssertEqual(sentenceTexts("Mr. Smith met Gen. Jones and Dr. A. Brown on Jan. 5 at No. 10 Main St. in town."),
                       ["Mr. Smith met Gen. Jones and Dr. A. Brown on Jan. 5 at No. 10 Main St. in town."])
        XCTAssertEqual(sentenceTexts("Vice President J.D. Vance met Donald J. Trump there."),
                       ["Vice President J.D. Vance met Donald J. Trump there."])
    }

    func testDottedAbbreviationEndsSentenceOnlyBeforeSentenceStarter() {
        XCTAssertEqual(sentenceTexts("She flew to the U.S. The trip was short."),
                       ["She flew to the U.S.", "The trip was short."])
        XCTAssertEqual(sentenceTexts("The U.S. President spoke. It was brief."),
                       ["The U.S. President spoke.", "It was brief."])
        XCTAssertEqual(sentenceTexts("He works for Acme Inc. He likes it."), ["He works for Acme Inc.", "He likes it."])
    }

    func testQuoteClosingAfterPeriodStaysWithSentence() {
        XCTAssertEqual(sentenceTexts("\"We will not wait.\" The minister left."),
                       ["\"We will not wait.\"", "The minister left."])
        XCTAssertEqual(sentenceTexts("She said, “It is over.” Then she left."),
                       ["She said, “It is over.”", "Then she left."])
    }

    func testDetachedQuoteAfterPeriodClosesTheSentence() {
        XCTAssertEqual(sentenceTexts("\"We will not wait. \" The minister left."),
                       ["\"We will not wait. \"", "The minister left."])
    }

    func testQuotationOfSeveralSentencesSplits() {
        XCTAssertEqual(sentenceTexts("\"We are ready. They are not,\" he said."),
                       ["\"We are ready.", "They are not,\" he said."])
    }

    func testQuestionInsideQuoteBeforeLowercaseDoesNotSplit() {
        XCTAssertEqual(sentenceTexts("\"Why now?\" he asked."), ["\"Why now?\" he asked."])
    }

    func testParagraphBreakAlwaysEndsSentence() {
        XCTAssertEqual(sentenceTexts("A headline without a stop\nThe body starts here\n\nand goes on."),
                       ["A headline without a stop", "The body starts here", "and goes on."])
    }

    func testCutOffLastSentenceIsKept() {
        XCTAssertEqual(sentenceTexts("The plan failed. You have neglected the defence of this"),
                       ["The plan failed.", "You have neglected the defence of this"])
    }

    func testParenthesesDoNotEndSentenceInside() {
        XCTAssertEqual(sentenceTexts("The group (based in St. Louis. Or so it says) met today. It voted."),
                       ["The group (based in St. Louis. Or so it says) met today.", "It voted."])
        XCTAssertEqual(sentenceTexts("He left (he came back later.) Then it rained."),
                       ["He left (he came back later.)", "Then it rained."])
    }

    func testParenthesesOpeningSentenceAreSplitInside() {
        XCTAssertEqual(sentenceTexts("He left. (He came back later. Nobody knew why.) Then it rained."),
                       ["He left.", "(He came back later.", "Nobody knew why.)", "Then it rained."])
    }

    func testDecimalsTimesAndEllipsesInsideSentenceDoNotSplit() {
        XCTAssertEqual(sentenceTexts("It grew 2.2 percent by 8:10 a.m. on Friday, we are simply ... waiting."),
                       ["It grew 2.2 percent by 8:10 a.m. on Friday, we are simply ... waiting."])
        XCTAssertEqual(sentenceTexts("We waited ... Nothing came."), ["We waited ...", "Nothing came."])
    }

    func testSplitterToleratesTokensOutsideTheText() {
        let tokens = [Token(start: 0, end: 3, shape: .word), Token(start: 5, end: 90, shape: .punctuation),
                      Token(start: 200, end: 100, shape: .word)]
        let sentences = SentenceSplitter.shared.split(Array("Hi. There".utf8), tokens: tokens)
        XCTAssertEqual(sentences.flatMap { Array($0.tokens) }, [0, 1, 2])
    }
}
