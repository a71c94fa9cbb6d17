import DyadCore
import Foundation
import XCTest

@testable import DyadText

/// The token texts of `text`.
func tokenTexts(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return Tokenizer.shared.tokenize(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
}

final class TokenizerTests: XCTestCase {
    func testAbbreviationsKeepTheirPeriod() {
        XCTAssertEqual(tokenTexts("Gen. Smith and Lt. Col. Brown met Mr. and Mrs. Lee of Acme Corp. and Dr. Ray."),
                       ["Gen.", "Smith", "and", "Lt.", "Col.", "Brown", "met", "Mr.", "and", "Mrs.", "Lee", "of",
                        "Acme", "Corp.", "and", "Dr.", "Ray", "."])
        XCTAssertEqual(tokenTexts("Sen. Doe (Rep. Roe, Gov. Poe) vs. the U.N., e.g. in Sept. or Aug. at 5 p.m. etc."),
                       ["Sen.", "Doe", "(", "Rep.", "Roe", ",", "Gov.", "Poe", ")", "vs.", "the", "U.N.", ",",
                        "e.g.", "in", "Sept.", "or", "Aug.", "at", "5", "p.m.", "etc."])
    }

    func testDottedLetterGroupsAndInitialsKeepTheirPeriod() {
        XCTAssertEqual(tokenTexts("Vice President J.D. Vance and Donald J. Trump flew to the U.S. and U.K. today."),
                       ["Vice", "President", "J.D.", "Vance", "and", "Donald", "J.", "Trump", "flew", "to", "the",
                        "U.S.", "and", "U.K.", "today", "."])
    }

    func testSentenceFinalDottedAbbreviationKeepsItsPeriod() {
        XCTAssertEqual(tokenTexts("She moved to the U.S."), ["She", "moved", "to", "the", "U.S."])
    }

    func testOrdinaryWordBeforePeriodDoesNotKeepIt() {
        XCTAssertEqual(tokenTexts("The talks ended. In May"), ["The", "talks", "ended", ".", "In", "May"])
        XCTAssertEqual(tokenTexts("He said no."), ["He", "said", "no", "."])
    }

    func testDecimalsAndThousandsStayWhole() {
        XCTAssertEqual(tokenTexts("Growth was 2.2 percent, 13,000 jobs and 1,000,000.50 euros."),
                       ["Growth", "was", "2.2", "percent", ",", "13,000", "jobs", "and", "1,000,000.50", "euros", "."])
    }

    func testPercentAndCurrencySplitOff() {
        XCTAssertEqual(tokenTexts("It cost $5 or 7.5% more"), ["It", "cost", "$", "5", "or", "7.5", "%", "more"])
    }

    func testOrdinalsDecadesDatesRangesStayWhole() {
        XCTAssertEqual(tokenTexts("the 1st and 22nd, the 1990s and '90s, on 2025-03-29, in 2004-2008, on 3/29"),
                       ["the", "1st", "and", "22nd", ",", "the", "1990s", "and", "'90s", ",", "on", "2025-03-29", ",",
                        "in", "2004-2008", ",", "on", "3/29"])
    }

    func testTimeWithGluedSuffixIsOneNumberToken() {
        let bytes = Array("at 8:10am and 9:30 p.m.".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["at", "8:10am", "and", "9:30", "p.m."])
        XCTAssertEqual(tokens[1].shape, .number)
    }

    func testPossessiveSplitsOff() {
        XCTAssertEqual(tokenTexts("Russia's and Turkey's navies and the countries' borders"),
                       ["Russia", "'s", "and", "Turkey", "'s", "navies", "and", "the", "countries", "'", "borders"])
        XCTAssertEqual(tokenTexts("Ankara’s view"), ["Ankara", "’s", "view"])
    }

    func testNegationAndOtherCliticsSplitOff() {
        XCTAssertEqual(tokenTexts("I don't know, they can't and won't go."),
                       ["I", "do", "n't", "know", ",", "they", "ca", "n't", "and", "wo", "n't", "go", "."])
        XCTAssertEqual(tokenTexts("I'm sure they're fine, we've left, he'll stay and she'd go"),
                       ["I", "'m", "sure", "they", "'re", "fine", ",", "we", "'ve", "left", ",", "he", "'ll", "stay",
                        "and", "she", "'d", "go"])
        XCTAssertEqual(tokenTexts("We don’t care"), ["We", "do", "n’t", "care"])
        XCTAssertEqual(tokenTexts("You cannot, we're gonna wait"),
                       ["You", "can", "not", ",", "we", "'re", "gon", "na", "wait"])
    }

    func testApostropheInsideNameStays() {
        XCTAssertEqual(tokenTexts("O'Brien's party at five o'clock"),
                       ["O'Brien", "'s", "party", "at", "five", "o'clock"])
    }

    func testHyphenatedWordsStayWhole() {
        XCTAssertEqual(tokenTexts("anti-government, resource-rich, post-Cold War, face-to-face, under-invested"),
                       ["anti-government", ",", "resource-rich", ",", "post-Cold", "War", ",", "face-to-face", ",",
                        "under-invested"])
    }

    func testSpacedOrDoubleHyphenIsPunctuation() {
        let bytes = Array("Smith -- not long after - left".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["Smith", "--", "not", "long", "after", "-", "left"])
        XCTAssertEqual(tokens[1].shape, .punctuation)
        XCTAssertEqual(tokenTexts("Smith — not long"), ["Smith", "—", "not", "long"])
    }

    func testPunctuationSplitsOff() {
        XCTAssertEqual(tokenTexts("(a) [b] {c}; d: e! f? g, h."),
                       ["(", "a", ")", "[", "b", "]", "{", "c", "}", ";", "d", ":", "e", "!", "f", "?", "g", ",",
                        "h", "."])
    }

    func testEllipsisIsOneToken() {
        XCTAssertEqual(tokenTexts("we are simply ... looking, or waiting..."),
                       ["we", "are", "simply", "...", "looking", ",", "or", "waiting", "..."])
    }

    func testQuotesSplitOffWords() {
        XCTAssertEqual(tokenTexts("a \"traitor,\" he said"), ["a", "\"", "traitor", ",", "\"", "he", "said"])
        XCTAssertEqual(tokenTexts("a “traitor,” he said"), ["a", "“", "traitor", ",", "”", "he", "said"])
        XCTAssertEqual(tokenTexts("'no' he said"), ["'", "no", "'", "he", "said"])
    }

    func testURLsEmailsHandlesAndHashtagsStayWhole() {
        let text = "See https://example.org/a/b?c=1&d=2, www.example.com. Write to jane.doe@example.org."
        XCTAssertEqual(tokenTexts(text),
                       ["See", "https://example.org/a/b?c=1&d=2", ",", "www.example.com", ".", "Write", "to",
                        "jane.doe@example.org", "."])
        XCTAssertEqual(tokenTexts("@some_user posted #Protest2025 (see example.com)"),
                       ["@some_user", "posted", "#Protest2025", "(", "see", "example.com", ")"])
    }

    func testCJKRunInParenthesesIsOneToken() {
        let bytes = Array("the shoal (黃岩島) is disputed".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["the", "shoal", "(", "黃岩島", ")", "is", "disputed"])
        XCTAssertEqual(tokens[3].shape, .other)
        XCTAssertFalse(tokens[3].spaceAfter)
    }

    func testCyrillicGreekArabicAndAccentedLettersAreWordCharacters() {
        let bytes = Array("Путин, Αθήνα, بغداد and Erdoğan's São Paulo".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["Путин", ",", "Αθήνα", ",", "بغداد", "and", "Erdoğan", "'s", "São", "Paulo"])
        XCTAssertEqual(tokens[0].shape, .word)
    }

    func testOtherNonASCIIScalarsAreSymbolTokens() {
        let bytes = Array("bad\u{FFFD}byte 🇺🇦 👍🏽 €5".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["bad", "\u{FFFD}", "byte", "🇺🇦", "👍🏽", "€", "5"])
        XCTAssertEqual(tokens[1].shape, .symbol)
        XCTAssertEqual(tokens[3].shape, .symbol)
    }

    func testSpaceAfterIsSetFromTheNextByte() {
        let tokens = Tokenizer.shared.tokenize(Array("Hi, you.\nOk".utf8))
        XCTAssertEqual(tokens.map(\.spaceAfter), [false, true, false, true, true])
        XCTAssertTrue(tokens.allSatisfy { $0.pos == .X })
    }

    func testUnicodeSpacesAndLineBreaksSeparateTokens() {
        let bytes = Array("a\u{A0}b\u{2009}c\r\nd\u{FEFF}e".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }, ["a", "b", "c", "d", "e"])
        XCTAssertTrue(tokens.allSatisfy(\.spaceAfter))
    }

    func testNumberWithHyphenatedWordsIsAWord() {
        let bytes = Array("a 5-year-old and a 2004-2008 term at AT&T and S&P".utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
                       ["a", "5-year-old", "and", "a", "2004-2008", "term", "at", "AT&T", "and", "S&P"])
        XCTAssertEqual(tokens[1].shape, .word)
        XCTAssertEqual(tokens[4].shape, .number)
    }

    func testMissingSpaceAfterPeriodBeforeCapitalSplits() {
        XCTAssertEqual(tokenTexts("It ended.The next day, the US.The"),
                       ["It", "ended", ".", "The", "next", "day", ",", "the", "US", ".", "The"])
    }

    func testTokenizeIntoReusesTheBuffer() {
        var tokens: [Token] = []
        Tokenizer.shared.tokenize(Array("one two three".utf8), into: &tokens)
        XCTAssertEqual(tokens.count, 3)
        Tokenizer.shared.tokenize(Array("four".utf8), into: &tokens)
        XCTAssertEqual(tokens.count, 1)
        XCTAssertEqual(tokens[0].range, 0..<4)
    }

    func testEveryNonSpaceByteIsCovered() {
        // Deterministic xorshift so that failures reproduce.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextRandom() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let pieces: [[UInt8]] = ["a", "Z", "9", ".", "-", "'", "’", "\"", " ", "\n", "$", "%", "@", "#", ":", "/",
                                 ",", "黃", "й", "\u{FFFD}", "\u{200D}", "\u{A0}", "👍", "\u{FE0F}", "U.S.", "n't",
                                 "http://", "www.", "&", "_", "+", "(", ")"].map { Array($0.utf8) }
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            let length = Int(nextRandom() % 40)
            for _ in 0..<length {
                if nextRandom() % 3 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: nextRandom()))  // any byte, often invalid UTF-8
                } else {
                    bytes += pieces[Int(nextRandom() % UInt64(pieces.count))]
                }
            }
            let tokens = Tokenizer.shared.tokenize(bytes)
            var covered = [Bool](repeating: false, count: bytes.count)
            var previousEnd = 0
            for token in tokens {
                XCTAssertLessThan(token.start, token.end, "round \(round): empty token")
                XCTAssertGreaterThanOrEqual(Int(token.start), previousEnd, "round \(round): overlap or disorder")
                previousEnd = Int(token.end)
                for offset in token.range { covered[offset] = true }
            }
            var offset = 0
            while offset < bytes.count {
                if covered[offset] { offset += 1; continue }
                // An uncovered byte must start whitespace, which is skipped whole.
                XCTAssertTrue(TokenizerBytes.isWhitespace(bytes, at: offset),
                              "round \(round): byte \(offset) of \(bytes) uncovered")
                let length = bytes[offset] < 0x80 ? 1 : (TokenizerBytes.decodeScalar(bytes, at: offset)?.length ?? 1)
                offset += length
            }
            // The splitter must cover these tokens too, whatever they are.
            let sentences = SentenceSplitter.shared.split(bytes, tokens: tokens)
            var next = 0
            for sentence in sentences {
                XCTAssertEqual(sentence.tokens.lowerBound, next, "round \(round): sentence gap")
                XCTAssertFalse(sentence.tokens.isEmpty, "round \(round): empty sentence")
                next = sentence.tokens.upperBound
            }
            XCTAssertEqual(next, tokens.count, "round \(round): sentences do not cover the tokens")
        }
    }

    func testSeedNewsProperties() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seed/news.txt")
        guard let data = try? Data(contentsOf: url) else { throw XCTSkip("no seed news at \(url.path)") }
        let bytes = [UInt8](data)
        let tokens = Tokenizer.shared.tokenize(bytes)
        let texts = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        XCTAssertTrue(texts.contains("J.D."))
        XCTAssertTrue(texts.contains("8:10am"))
        XCTAssertTrue(texts.contains("face-to-face"))
        XCTAssertFalse(texts.contains { $0.contains(" ") || $0.contains("\n") })
        let sentences = SentenceSplitter.shared.split(bytes, tokens: tokens)
        let sentenceTexts = sentences.map { sentence -> String in
            guard let first = sentence.tokens.first, let last = sentence.tokens.last else { return "" }
            return String(decoding: bytes[Int(tokens[first].start)..<Int(tokens[last].end)], as: UTF8.self)
        }
        XCTAssertTrue(sentenceTexts.contains("The envoy has not returned."))
        XCTAssertTrue(sentenceTexts.contains { $0.hasPrefix("US Vice President J.D. Vance on Friday") })
        XCTAssertTrue(sentenceTexts.contains { $0.hasSuffix("security architecture of this") })
        XCTAssertEqual(sentences.first?.tokens.lowerBound, 0)
        XCTAssertEqual(sentences.last?.tokens.upperBound, tokens.count)
    }
}
