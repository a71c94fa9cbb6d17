import DyadCore

/// Groups tokens into sentences.
///
/// A sentence ends after `.`, `!`, `?` (and closing quotes or brackets glued to them) when
/// whitespace and a plausible sentence start follow: a capital letter, a digit, an opening quote
/// or bracket. An ellipsis ends one only before a capitalized word. After an abbreviation that can
/// end a sentence ("Inc.", "U.S.", an initial "J.", "J.D."), it splits only before a typical
/// sentence starter ("The", "He", ...; Resources/sentence_starters.txt); after titles and the
/// like ("Mr.", "No.", "e.g.") never. A line break always ends a sentence. An aside in
/// parentheses inside a sentence, closed within the paragraph, is not split and does not end the
/// sentence unless a full stop comes right before its `)` ("... (see below.) Then ...");
/// parentheses that open a sentence are split like other text. What is left at the end is a
/// sentence even without a full stop. A dateline or kicker that opens the text ("MOSCOW, Sept.
/// 24 --", "ISLAMABAD:") is a sentence of its own: it says where the story comes from, and is
/// no part of the sentence after it. A run of more than `maxTokens` tokens without a sentence
/// end (a list, a table, text with no full stops) is cut into pieces at commas, semicolons or
/// colons where it can be, marked `isPieceOfLonger`.
public struct SentenceSplitter: Sendable {
    public static let shared = SentenceSplitter()

    let abbreviations: TokenizerAbbreviations
    let sentenceStarters: TokenizerWordSet
    /// How far ahead a closing parenthesis is looked for, in tokens.
    let parenthesisReach = 80
    /// The most tokens a sentence may have; real sentences stay far below.
    public static let maxTokens = 300

    public init() {
        abbreviations = TokenizerAbbreviations.shared
        sentenceStarters = TokenizerWordSet(DyadTextResources.lines(of: "sentence_starters.txt"))
    }

    /// The number of tokens of a dateline or kicker that opens the text, when one does and text
    /// follows it on its line.
    func openingHeaderEnd(_ bytes: [UInt8], _ tokens: [Token]) -> Int? {
        guard let first = tokens.first, Int(first.start) < bytes.count else { return nil }
        var lineEnd = Int(first.start)
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let start = Int(first.start)
        guard let header = ArticleSegmenter.dateline(bytes, from: start, to: lineEnd)
                ?? ArticleSegmenter.kicker(bytes, from: start, to: lineEnd) else { return nil }
        guard let end = tokens.firstIndex(where: { Int($0.start) >= header.bodyStart }), end > 0 else { return nil }
        return end
    }

    /// Sentences as ranges of token indices, covering every token exactly once, in order.
    /// Token ranges outside `bytes` are tolerated (treated as empty).
    public func split(_ bytes: [UInt8], tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        let count = tokens.count
        var sentenceStart = 0
        var index = 0
        if let headerEnd = openingHeaderEnd(bytes, tokens) {
            sentences.append(Sentence(tokens: 0..<headerEnd))
            sentenceStart = headerEnd
            index = headerEnd
        }
        while index < count {
            var last = index  // the last token of the sentence if it ends here
            var endsHere = false
            switch boundaryKind(bytes, tokens[index]) {
            case .fullStop, .ellipsis:
                last = absorbClosers(bytes, tokens, after: index)
                let isEllipsis = boundaryKind(bytes, tokens[index]) == .ellipsis
                endsHere = startsSentence(bytes, tokens, at: last + 1, requireCapital: isEllipsis)
            case .continuingAbbreviation:
                break
            case .mayEndAbbreviation:
                last = absorbClosers(bytes, tokens, after: index)
                endsHere = last + 1 < count && tokens[last].spaceAfter
                    && sentenceStarters.contains(bytes, clampedRange(tokens[last + 1], bytes.count))
            case .openingParenthesis:
                // A parenthesis that opens a sentence holds sentences of its own ("(He left.
                // Nobody knows why.)"): its content is split like any text. One inside a sentence
                // is an aside, which does not end it.
                if index != sentenceStart, let closing = matchingParenthesis(bytes, tokens, openingAt: index) {
                    // No split inside; a full stop just before the closing parenthesis can end
                    // the sentence after it.
                    last = absorbClosers(bytes, tokens, after: closing)
                    if closing - 1 > index, boundaryKind(bytes, tokens[closing - 1]) == .fullStop {
                        endsHere = startsSentence(bytes, tokens, at: last + 1, requireCapital: false)
                    }
                }
            case .none:
                break
            }
            if endsHere || hasLineBreak(bytes, tokens, after: last) {
                sentences.append(Sentence(tokens: sentenceStart..<(last + 1)))
                sentenceStart = last + 1
            }
            index = last + 1
        }
        if sentenceStart < count {
            sentences.append(Sentence(tokens: sentenceStart..<count))
        }
        guard sentences.contains(where: { $0.tokens.count > Self.maxTokens }) else { return sentences }
        return sentences.flatMap { cut($0, bytes, tokens) }
    }

    /// A sentence of more than `maxTokens` tokens as pieces of at most that many, each ending at
    /// the last comma, semicolon or colon of its second half when there is one.
    func cut(_ sentence: Sentence, _ bytes: [UInt8], _ tokens: [Token]) -> [Sentence] {
        guard sentence.tokens.count > Self.maxTokens else { return [sentence] }
        var pieces: [Sentence] = []
        var start = sentence.tokens.lowerBound
        while start < sentence.tokens.upperBound {
            var end = min(start + Self.maxTokens, sentence.tokens.upperBound)
            if end < sentence.tokens.upperBound,
               let breakAt = ((start + Self.maxTokens / 2)..<end).last(where: { index in
                   tokens[index].shape == .punctuation && Int(tokens[index].start) < bytes.count
                       && [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(bytes[Int(tokens[index].start)])
               }) {
                end = breakAt + 1
            }
            pieces.append(Sentence(tokens: start..<end, isPieceOfLonger: true))
            start = end
        }
        return pieces
    }

    enum BoundaryKind {
        case none
        /// `.`, `!`, `?` or a run of them other than an ellipsis.
        case fullStop
        /// `...` or `…`.
        case ellipsis
        /// A word ending in a period that never ends a sentence ("Mr.").
        case continuingAbbreviation
        /// A word ending in a period that may end one ("Inc.", "U.S.", "J.").
        case mayEndAbbreviation
        case openingParenthesis
    }

    private func boundaryKind(_ bytes: [UInt8], _ token: Token) -> BoundaryKind {
        let range = clampedRange(token, bytes.count)
        guard let first = range.first else { return .none }
        let firstByte = bytes[first]
        let lastByte = bytes[range.upperBound - 1]
        switch token.shape {
        case .punctuation:
            if firstByte == UInt8(ascii: ".") { return range.count >= 2 ? .ellipsis : .fullStop }
            if firstByte == UInt8(ascii: "!") || firstByte == UInt8(ascii: "?") { return .fullStop }
            if firstByte == UInt8(ascii: "(") { return .openingParenthesis }
            if range.count == 3 && firstByte == 0xE2 && bytes[first + 1] == 0x80 && bytes[first + 2] == 0xA6 {
                return .ellipsis  // U+2026
            }
            return .none
        case .word:
            guard lastByte == UInt8(ascii: "."), range.count >= 2 else { return .none }
            return abbreviations.continuing.contains(bytes, range) ? .continuingAbbreviation : .mayEndAbbreviation
        default:
            return .none
        }
    }

    /// The index of the last token glued to `index` that still belongs to its sentence: closing
    /// quotes and brackets and further end marks (`."`, `?!`, `.)`).
    private func absorbClosers(_ bytes: [UInt8], _ tokens: [Token], after index: Int) -> Int {
        var last = index
        while last + 1 < tokens.count, !tokens[last].spaceAfter, isCloser(bytes, tokens[last + 1]) {
            last += 1
        }
        // A straight double quote with space on both sides right after the end mark (`said. " Next`)
        // closes the quotation: an opening quote would be glued to the word after it.
        if last + 2 < tokens.count, tokens[last].spaceAfter, tokens[last + 1].spaceAfter,
           isStraightDoubleQuote(bytes, tokens[last + 1]) {
            last += 1
        }
        return last
    }

    private func isStraightDoubleQuote(_ bytes: [UInt8], _ token: Token) -> Bool {
        let range = clampedRange(token, bytes.count)
        return range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "\"")
    }

    private func isCloser(_ bytes: [UInt8], _ token: Token) -> Bool {
        guard token.shape == .punctuation else { return false }
        let range = clampedRange(token, bytes.count)
        guard let first = range.first else { return false }
        let byte = bytes[first]
        if range.count == 1 {
            return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
        }
        if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ".") { return true }
        // ” (U+201D), ’ (U+2019), » (U+00BB)
        if range.count == 3 && byte == 0xE2 && bytes[first + 1] == 0x80 {
            return bytes[first + 2] == 0x9D || bytes[first + 2] == 0x99
        }
        return range.count == 2 && byte == 0xC2 && bytes[first + 1] == 0xBB
    }

    /// Whether the token at `index` can begin a sentence, with whitespace before it: a capital
    /// letter, or (unless `requireCapital`) a digit, an opening quote or bracket.
    private func startsSentence(_ bytes: [UInt8], _ tokens: [Token], at index: Int, requireCapital: Bool) -> Bool {
        guard index > 0, index < tokens.count, tokens[index - 1].spaceAfter else { return false }
        let range = clampedRange(tokens[index], bytes.count)
        guard let first = range.first else { return false }
        let byte = bytes[first]
        if TokenizerBytes.isASCIIUpper(byte) { return true }
        if byte < 0x80 {
            if requireCapital { return false }
            return TokenizerBytes.isASCIIDigit(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[")
        }
        guard let scalar = TokenizerBytes.decodeScalar(bytes, at: first) else { return false }
        switch TokenizerBytes.scalarKind(scalar.value) {
        case .letter:
            // Caseless scripts (Arabic, Hebrew) can start a sentence; lowercase letters cannot.
            guard let unicodeScalar = Unicode.Scalar(scalar.value) else { return false }
            return !unicodeScalar.properties.isLowercase
        case .cjk:
            return true
        case .quote:
            // “ ‘ « open; ” » close.
            return !requireCapital && (scalar.value == 0x201C || scalar.value == 0x2018 || scalar.value == 0xAB
                || scalar.value == 0x201E)
        default:
            return false
        }
    }

    /// The index of the `)` that closes the `(` at `index` within the same paragraph and
    /// `parenthesisReach` tokens, or nil.
    private func matchingParenthesis(_ bytes: [UInt8], _ tokens: [Token], openingAt index: Int) -> Int? {
        var depth = 0
        var position = index
        let end = min(tokens.count, index + parenthesisReach)
        while position < end {
            let range = clampedRange(tokens[position], bytes.count)
            if range.count == 1 && tokens[position].shape == .punctuation {
                let byte = bytes[range.lowerBound]
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { return position }
                }
            }
            if hasLineBreak(bytes, tokens, after: position) { return nil }
            position += 1
        }
        return nil
    }

    /// Whether the whitespace between the token at `index` and the next one holds a line break
    /// (LF, CR, U+2028 or U+2029): paragraphs always end sentences.
    private func hasLineBreak(_ bytes: [UInt8], _ tokens: [Token], after index: Int) -> Bool {
        guard index + 1 < tokens.count, tokens[index].spaceAfter else { return false }
        let gapStart = max(0, min(Int(tokens[index].end), bytes.count))
        let gapEnd = max(gapStart, min(Int(tokens[index + 1].start), bytes.count))
        var position = gapStart
        while position < gapEnd {
            let byte = bytes[position]
            if byte == 0x0A || byte == 0x0D { return true }
            if byte == 0xE2, position + 2 < gapEnd, bytes[position + 1] == 0x80,
               bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9 {
                return true
            }
            position += 1
        }
        return false
    }

    /// A token's byte range, clipped to the text so that bad input cannot trap.
    private func clampedRange(_ token: Token, _ byteCount: Int) -> Range<Int> {
        let lower = max(0, min(Int(token.start), byteCount))
        let upper = max(lower, min(Int(token.end), byteCount))
        return lower..<upper
    }
}
