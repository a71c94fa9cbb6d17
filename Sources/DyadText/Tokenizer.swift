import DyadCore

/// Splits normalized UTF-8 text into tokens (byte ranges), following the Penn Treebank / UD
/// English-EWT conventions the tagger was trained on.
///
/// - Abbreviations keep their period: listed ones ("Mr.", "Inc.", Resources/abbreviations.txt),
///   initials ("J.") and dotted letter groups ("U.S.", "J.D.", "a.m."), also at a sentence end.
/// - Clitics split off: "Russia's" -> "Russia" "'s", "don't" -> "do" "n't", "can't" -> "ca" "n't",
///   "cannot" -> "can" "not", "gonna" -> "gon" "na"; a trailing apostrophe ("countries'") is its
///   own token.
/// - Numbers stay whole with their inner separators and letter suffixes: "2.2", "13,000",
///   "2025-03-29", "2004-2008", "3/29", "1990s", "'90s", "22nd", and times with a glued suffix:
///   "8:10am" is one `.number` token (EWT would split "8:10" "am"; the tagger copes, and a time
///   recognizer reads it whole). "$" and "%" are tokens of their own.
/// - Words joined by single hyphens stay whole ("anti-government", "face-to-face").
/// - Punctuation splits off; a run of the same mark is one token ("...", "--", "!!").
/// - URLs ("https://...", "www...."), e-mail addresses, @handles and #hashtags are one token.
/// - A run of CJK, kana or hangul is one `.other` token; other non-ASCII letters are word
///   characters; any other non-ASCII scalar (U+FFFD, an emoji with its modifiers) is a `.symbol`
///   token, and so is each byte that is not well-formed UTF-8.
///
/// Whitespace (ASCII and Unicode spaces, BOM, bidi marks) separates tokens and belongs to none;
/// every other byte belongs to exactly one token. Texts longer than `Int32.max` bytes are
/// tokenized up to that length, since token offsets are 32-bit.
public struct Tokenizer: Sendable {
    public static let shared = Tokenizer()

    /// Abbreviations that keep their final period, with the period.
    let abbreviations: TokenizerWordSet

    public init() {
        abbreviations = TokenizerAbbreviations.shared.all
    }

    /// Tokens of normalized UTF-8 text, as byte ranges, with shape and `spaceAfter` set and
    /// `pos == .X`.
    public func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5 + 1)
        tokenize(bytes, into: &tokens)
        return tokens
    }

    /// Tokenizes into the caller's buffer, which is emptied first and keeps its capacity.
    public func tokenize(_ bytes: [UInt8], into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        let limit = min(bytes.count, Int(Int32.max) - 1)
        var index = 0
        while index < limit {
            let byte = bytes[index]
            let next: Int
            if byte < 0x80 {
                if TokenizerBytes.isASCIIAlphanumeric(byte) {
                    next = scanWord(bytes, start: index, coreStart: index, limit: limit, into: &tokens)
                } else if TokenizerBytes.isASCIIWhitespace(byte) {
                    next = index + 1
                } else {
                    next = scanASCIIMark(bytes, at: index, limit: limit, into: &tokens)
                }
            } else {
                next = scanNonASCII(bytes, at: index, limit: limit, into: &tokens)
            }
            // Every scanner consumes at least one byte; the max() makes that a guarantee.
            index = max(next, index + 1)
        }
    }

    // MARK: - Scanners. Each one appends tokens for the text at `index` and returns where it stopped.

    @inline(__always)
    private func emit(_ tokens: inout [Token], _ bytes: [UInt8], _ start: Int, _ end: Int, _ shape: TokenShape) {
        let spaceAfter = end >= bytes.count || TokenizerBytes.isWhitespace(bytes, at: end)
        tokens.append(Token(start: start, end: end, shape: shape, spaceAfter: spaceAfter))
    }

    /// ASCII punctuation and symbols.
    private func scanASCIIMark(_ bytes: [UInt8], at index: Int, limit: Int, into tokens: inout [Token]) -> Int {
        let byte = bytes[index]
        let following: UInt8 = index + 1 < limit ? bytes[index + 1] : 0
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: "~"):
            var end = index + 1
            while end < limit && bytes[end] == byte { end += 1 }
            let isPunctuation = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            emit(&tokens, bytes, index, end, isPunctuation ? .punctuation : .symbol)
            return end
        case UInt8(ascii: "'"):
            if TokenizerBytes.isASCIIDigit(following) {  // '90s
                return scanWord(bytes, start: index, coreStart: index + 1, limit: limit, into: &tokens)
            }
            emit(&tokens, bytes, index, index + 1, .punctuation)
            return index + 1
        case UInt8(ascii: "@"), UInt8(ascii: "#"):
            guard TokenizerBytes.isASCIIAlphanumeric(following) || following == UInt8(ascii: "_") else {
                emit(&tokens, bytes, index, index + 1, .symbol)
                return index + 1
            }
            var end = index + 1
            while end < limit && (TokenizerBytes.isASCIIAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "_")) {
                end += 1
            }
            emit(&tokens, bytes, index, end, .word)
            return end
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "\""), UInt8(ascii: "/"):
            emit(&tokens, bytes, index, index + 1, .punctuation)
            return index + 1
        default:  // $ % & + < > ^ ` | \ _ and control characters
            emit(&tokens, bytes, index, index + 1, .symbol)
            return index + 1
        }
    }

    /// A non-ASCII scalar: letters start words; CJK runs, quotes, dashes and symbols are tokens.
    private func scanNonASCII(_ bytes: [UInt8], at index: Int, limit: Int, into tokens: inout [Token]) -> Int {
        guard let scalar = TokenizerBytes.decodeScalar(bytes, at: index), index + scalar.length <= limit else {
            emit(&tokens, bytes, index, index + 1, .symbol)  // a byte that is not well-formed UTF-8
            return index + 1
        }
        let end = index + scalar.length
        switch TokenizerBytes.scalarKind(scalar.value) {
        case .space:
            return end
        case .letter:
            return scanWord(bytes, start: index, coreStart: index, limit: limit, into: &tokens)
        case .cjk:
            var runEnd = end
            while runEnd < limit, let next = TokenizerBytes.decodeScalar(bytes, at: runEnd),
                  runEnd + next.length <= limit {
                let kind = TokenizerBytes.scalarKind(next.value)
                guard kind == .cjk || kind == .extender else { break }
                runEnd += next.length
            }
            emit(&tokens, bytes, index, runEnd, .other)
            return runEnd
        case .apostrophe:
            if end < limit && TokenizerBytes.isASCIIDigit(bytes[end]) {  // ’90s
                return scanWord(bytes, start: index, coreStart: end, limit: limit, into: &tokens)
            }
            emit(&tokens, bytes, index, end, .punctuation)
            return end
        case .quote, .punctuation:
            emit(&tokens, bytes, index, end, .punctuation)
            return end
        case .dash:
            var runEnd = end
            while runEnd < limit, let next = TokenizerBytes.decodeScalar(bytes, at: runEnd), next.value == scalar.value,
                  runEnd + next.length <= limit {
                runEnd += next.length
            }
            emit(&tokens, bytes, index, runEnd, .punctuation)
            return runEnd
        case .symbol, .extender:
            let symbolEnd = scanSymbolSequence(bytes, first: scalar.value, end: end, limit: limit)
            emit(&tokens, bytes, index, symbolEnd, .symbol)
            return symbolEnd
        }
    }

    /// Extends a symbol over what renders as one glyph with it: variation selectors, skin tones,
    /// zero-width-joined symbols, the second half of a flag.
    private func scanSymbolSequence(_ bytes: [UInt8], first: UInt32, end start: Int, limit: Int) -> Int {
        let isRegionalIndicator: (UInt32) -> Bool = { $0 >= 0x1F1E6 && $0 <= 0x1F1FF }
        var awaitingFlagHalf = isRegionalIndicator(first)
        var end = start
        while end < limit, let next = TokenizerBytes.decodeScalar(bytes, at: end), end + next.length <= limit {
            if TokenizerBytes.scalarKind(next.value) == .extender {
                end += next.length
                if next.value == 0x200D, let joined = TokenizerBytes.decodeScalar(bytes, at: end),
                   end + joined.length <= limit,
                   TokenizerBytes.scalarKind(joined.value) == .symbol {
                    end += joined.length
                    awaitingFlagHalf = false
                }
            } else if awaitingFlagHalf && isRegionalIndicator(next.value) {
                end += next.length
                awaitingFlagHalf = false
            } else {
                break
            }
        }
        return end
    }

    /// Whether a word character (ASCII letter or digit, non-ASCII letter) starts at `index`.
    @inline(__always)
    private func startsWordCharacter(_ bytes: [UInt8], at index: Int, limit: Int) -> Bool {
        guard index < limit else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return TokenizerBytes.isASCIIAlphanumeric(byte) }
        guard let scalar = TokenizerBytes.decodeScalar(bytes, at: index) else { return false }
        return TokenizerBytes.scalarKind(scalar.value) == .letter
    }

    /// Whether a letter (ASCII or not) starts at `index`.
    @inline(__always)
    private func startsLetter(_ bytes: [UInt8], at index: Int, limit: Int) -> Bool {
        guard index < limit else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return TokenizerBytes.isASCIILetter(byte) }
        guard let scalar = TokenizerBytes.decodeScalar(bytes, at: index) else { return false }
        return TokenizerBytes.scalarKind(scalar.value) == .letter
    }

    /// A word or number: letters and digits joined by single hyphens, clitic apostrophes, inner
    /// periods of dotted abbreviations and domains, and the separators of numbers; then decides
    /// on a trailing abbreviation period and splits off clitics. `start` is where the token
    /// begins, `coreStart` where its letters or digits begin (after the apostrophe of "'90s").
    private func scanWord(_ bytes: [UInt8], start: Int, coreStart: Int, limit: Int, into tokens: inout [Token]) -> Int {
        if start == coreStart, let urlEnd = urlEnd(bytes, start: start, limit: limit) {
            emit(&tokens, bytes, start, urlEnd, .word)
            return urlEnd
        }
        var index = coreStart
        var previousIsLetter = false
        var previousIsDigit = false
        var previousIsUpper = false
        var segmentLength = 0  // characters since the start, the last hyphen or the last inner period
        var hasDottedLetters = false  // "U.S", "a.m", "Ph.D": short letter groups joined by periods
        var isDomain = false  // "reuters.com"
        var hasHyphenBeforeLetter = false
        var apostropheAt = -1
        var apostropheLength = 0

        scan: while index < limit {
            let byte = bytes[index]
            if TokenizerBytes.isASCIILetter(byte) {
                // Tight loop over the run of letters: most of the text is spent here.
                var runEnd = index + 1
                while runEnd < limit && TokenizerBytes.isASCIILetter(bytes[runEnd]) { runEnd += 1 }
                previousIsLetter = true; previousIsDigit = false
                previousIsUpper = TokenizerBytes.isASCIIUpper(bytes[runEnd - 1])
                segmentLength += runEnd - index; index = runEnd
                continue
            }
            if TokenizerBytes.isASCIIDigit(byte) {
                previousIsLetter = false; previousIsDigit = true; previousIsUpper = false
                segmentLength += 1; index += 1
                continue
            }
            if byte >= 0x80 {
                guard let scalar = TokenizerBytes.decodeScalar(bytes, at: index), index + scalar.length <= limit else {
                    break scan
                }
                let kind = TokenizerBytes.scalarKind(scalar.value)
                if kind == .letter || (kind == .extender && (previousIsLetter || previousIsDigit)) {
                    previousIsLetter = true; previousIsDigit = false; previousIsUpper = false
                    segmentLength += 1; index += scalar.length
                    continue
                }
                if kind == .apostrophe, previousIsLetter || previousIsDigit,
                   index + scalar.length < limit, TokenizerBytes.isASCIILetter(bytes[index + scalar.length]) {
                    apostropheAt = index; apostropheLength = scalar.length
                    previousIsLetter = false; previousIsDigit = false; previousIsUpper = false
                    index += scalar.length
                    continue
                }
                break scan
            }
            let following: UInt8 = index + 1 < limit ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "-"):
                if (previousIsLetter || previousIsDigit) && startsWordCharacter(bytes, at: index + 1, limit: limit) {
                    if startsLetter(bytes, at: index + 1, limit: limit) { hasHyphenBeforeLetter = true }
                    previousIsLetter = false; previousIsDigit = false; previousIsUpper = false
                    segmentLength = 0; index += 1
                    continue scan
                }
            case UInt8(ascii: "."):
                if previousIsDigit && TokenizerBytes.isASCIIDigit(following) {  // 2.2, 1,000,000.50
                    previousIsDigit = false; index += 1
                    continue scan
                }
                if previousIsLetter && TokenizerBytes.isASCIILetter(following) {
                    var run = 0  // letters after the period
                    var runIsLower = true
                    while index + 1 + run < limit && TokenizerBytes.isASCIILetter(bytes[index + 1 + run]) {
                        if !TokenizerBytes.isASCIILower(bytes[index + 1 + run]) { runIsLower = false }
                        run += 1
                    }
                    if segmentLength <= 2 && run <= 2 && !isDomain {
                        hasDottedLetters = true
                    } else if runIsLower && run >= 2 && run <= 4 && !hasDottedLetters {
                        isDomain = true  // "reuters.com", "gov.uk"
                    } else {
                        break scan
                    }
                    previousIsLetter = false; previousIsUpper = false
                    segmentLength = 0; index += 1
                    continue scan
                }
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"):
                if previousIsDigit && TokenizerBytes.isASCIIDigit(following) {  // 13,000  8:10  3/29
                    previousIsDigit = false; index += 1
                    continue scan
                }
            case UInt8(ascii: "'"):
                if (previousIsLetter || previousIsDigit) && TokenizerBytes.isASCIILetter(following) {
                    apostropheAt = index; apostropheLength = 1
                    previousIsLetter = false; previousIsDigit = false; previousIsUpper = false
                    index += 1
                    continue scan
                }
            case UInt8(ascii: "&"):
                if previousIsUpper && TokenizerBytes.isASCIIUpper(following) {  // AT&T, S&P
                    previousIsLetter = false; previousIsUpper = false
                    index += 1
                    continue scan
                }
            case UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "+"):
                if start == coreStart, let emailEnd = emailEnd(bytes, start: start, limit: limit) {
                    emit(&tokens, bytes, start, emailEnd, .word)
                    return emailEnd
                }
            default:
                break
            }
            break scan
        }
        let coreEnd = index
        guard coreEnd > coreStart else {  // cannot happen for callers' inputs; keeps progress certain
            emit(&tokens, bytes, start, max(coreEnd, start + 1), .symbol)
            return max(coreEnd, start + 1)
        }
        let firstIsDigit = TokenizerBytes.isASCIIDigit(bytes[coreStart])
        let shape: TokenShape = firstIsDigit && !hasHyphenBeforeLetter ? .number : .word

        // The period after an abbreviation, an initial or a dotted letter group is part of it.
        if coreEnd < limit, bytes[coreEnd] == UInt8(ascii: "."), previousIsLetter, !isDomain,
           !(coreEnd + 1 < limit && bytes[coreEnd + 1] == UInt8(ascii: ".")) {
            let isInitial = coreEnd - coreStart == 1 && TokenizerBytes.isASCIIUpper(bytes[coreStart])
            if hasDottedLetters || isInitial || abbreviations.contains(bytes, start..<(coreEnd + 1)) {
                emit(&tokens, bytes, start, coreEnd + 1, .word)
                return coreEnd + 1
            }
        }

        if let cliticStart = cliticStart(bytes, start: start, end: coreEnd,
                                         apostropheAt: apostropheAt, apostropheLength: apostropheLength) {
            emit(&tokens, bytes, start, cliticStart, shape)
            emit(&tokens, bytes, cliticStart, coreEnd, .word)
            return coreEnd
        }
        // EWT splits these fused forms: "can" "not", "gon" "na", "wan" "na", "got" "ta".
        let isFusedForm = (coreEnd - start == 6 && matchesLowercased(bytes, start, "cannot"))
            || (coreEnd - start == 5 && (matchesLowercased(bytes, start, "gonna")
                || matchesLowercased(bytes, start, "wanna") || matchesLowercased(bytes, start, "gotta")))
        if isFusedForm {
            emit(&tokens, bytes, start, start + 3, .word)
            emit(&tokens, bytes, start + 3, coreEnd, .word)
            return coreEnd
        }
        emit(&tokens, bytes, start, coreEnd, shape)
        return coreEnd
    }

    /// Where a clitic that EWT splits off begins: "'s", "'m", "'d", "'ll", "'re", "'ve" at the
    /// apostrophe, "n't" one letter before it. Nil when the word has none.
    private func cliticStart(_ bytes: [UInt8], start: Int, end: Int, apostropheAt: Int, apostropheLength: Int) -> Int? {
        guard apostropheAt > start else { return nil }
        let suffixStart = apostropheAt + apostropheLength
        switch end - suffixStart {
        case 1:
            let letter = bytes[suffixStart] | 0x20
            if letter == UInt8(ascii: "s") || letter == UInt8(ascii: "m") || letter == UInt8(ascii: "d") {
                return apostropheAt
            }
            if letter == UInt8(ascii: "t") && apostropheAt - 1 > start
                && bytes[apostropheAt - 1] | 0x20 == UInt8(ascii: "n") {
                return apostropheAt - 1
            }
            return nil
        case 2:
            let first = bytes[suffixStart] | 0x20, second = bytes[suffixStart + 1] | 0x20
            let isClitic = (first == UInt8(ascii: "l") && second == UInt8(ascii: "l"))
                || (first == UInt8(ascii: "r") && second == UInt8(ascii: "e"))
                || (first == UInt8(ascii: "v") && second == UInt8(ascii: "e"))
            return isClitic ? apostropheAt : nil
        default:
            return nil
        }
    }

    /// Whether the bytes at `start`, ASCII-lowercased, spell `word` (lowercase ASCII).
    private func matchesLowercased(_ bytes: [UInt8], _ start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start >= 0, start + count <= bytes.count else { return false }
        return word.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[start + offset] | 0x20 != expected[offset] { return false }
            return true
        }
    }

    /// The end of a URL starting at `start` ("http://", "https://", "www."), without the
    /// punctuation that follows it in the sentence. Nil when no URL starts there.
    private func urlEnd(_ bytes: [UInt8], start: Int, limit: Int) -> Int? {
        let first = bytes[start] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w"), start + 4 < limit else { return nil }
        // Most words starting with h or w are not URLs: reject them on the second letter.
        let second = bytes[start + 1] | 0x20
        guard second == (first == UInt8(ascii: "h") ? UInt8(ascii: "t") : UInt8(ascii: "w")) else { return nil }
        let prefixLength: Int
        if matchesLowercased(bytes, start, "https://") { prefixLength = 8 }
        else if matchesLowercased(bytes, start, "http://") { prefixLength = 7 }
        else if matchesLowercased(bytes, start, "www.") { prefixLength = 4 }
        else { return nil }
        var end = start + prefixLength
        var hasOpeningParenthesis = false
        while end < limit {
            let byte = bytes[end]
            // URLs end at whitespace, quotes, angle brackets and non-ASCII (curly quotes).
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "<"),
                  byte != UInt8(ascii: ">") else { break }
            if byte == UInt8(ascii: "(") { hasOpeningParenthesis = true }
            end += 1
        }
        while end > start + prefixLength {
            let last = bytes[end - 1]
            let isTrailingPunctuation = last == UInt8(ascii: ".") || last == UInt8(ascii: ",")
                || last == UInt8(ascii: ";") || last == UInt8(ascii: ":") || last == UInt8(ascii: "!")
                || last == UInt8(ascii: "?") || last == UInt8(ascii: "'") || last == UInt8(ascii: "]")
                || last == UInt8(ascii: "}") || (last == UInt8(ascii: ")") && !hasOpeningParenthesis)
            guard isTrailingPunctuation else { break }
            end -= 1
        }
        guard end > start + prefixLength, TokenizerBytes.isASCIIAlphanumeric(bytes[start + prefixLength]) else {
            return nil
        }
        return end
    }

    /// The end of an e-mail address starting at `start`: a local part of letters, digits and
    /// . _ + -, an "@", and a domain with at least one inner period. Nil when there is none.
    private func emailEnd(_ bytes: [UInt8], start: Int, limit: Int) -> Int? {
        var index = start
        while index < limit {
            let byte = bytes[index]
            guard TokenizerBytes.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { break }
            index += 1
        }
        guard index > start, index < limit, bytes[index] == UInt8(ascii: "@") else { return nil }
        index += 1
        let domainStart = index
        while index < limit {
            let byte = bytes[index]
            guard TokenizerBytes.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            else { break }
            index += 1
        }
        // A period or hyphen at the end is the sentence's, not the address's.
        while index > domainStart, bytes[index - 1] == UInt8(ascii: ".") || bytes[index - 1] == UInt8(ascii: "-") {
            index -= 1
        }
        guard index - domainStart >= 3, bytes[(domainStart + 1)..<(index - 1)].contains(UInt8(ascii: ".")) else {
            return nil
        }
        return index
    }
}
