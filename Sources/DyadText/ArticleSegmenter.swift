import DyadCore

/// One article found in a plain text.
public struct ArticleSegment: Sendable, Equatable {
    /// The body's UTF-8 byte range in the input (kicker, dateline and title excluded).
    public var byteRange: Range<Int>
    /// The body's range in Unicode scalars, as Python counts string offsets.
    public var characterRange: Range<Int>
    /// The body: the input's text over `byteRange`.
    public var text: String
    /// A run-in all-caps label that opened the article ("UNREST"), without its colon.
    public var kicker: String?
    /// A dateline that opened the article ("NEW YORK (Reuters)"), without its dash.
    public var dateline: String?
    /// A headline line above the body.
    public var title: String?
    /// 1-based line where the article starts (its title, kicker or first word).
    public var line: Int

    public init(
        byteRange: Range<Int>, characterRange: Range<Int>, text: String, kicker: String? = nil,
        dateline: String? = nil, title: String? = nil, line: Int
    ) {
        self.byteRange = byteRange
        self.characterRange = characterRange
        self.text = text
        self.kicker = kicker
        self.dateline = dateline
        self.title = title
        self.line = line
    }
}

/// Splits plain text into articles.
///
/// Rules, strongest first:
/// 1. **Explicit separators.** When the text holds a line of three or more `-`, `=` or `*`, a form
///    feed, or two or more blank lines in a row, those alone separate articles; single blank lines
///    inside are paragraph breaks, and each block is one article.
/// 2. **Single blank lines between blocks of whole-paragraph lines.** When most lines inside the
///    blocks end a sentence, the lines are paragraphs and each block is an article.
/// 3. **Otherwise the text decides.** Paragraphs are the blocks between single blank lines when
///    the text has blank lines inside it (hard-wrapped text, or one-line paragraphs spaced by
///    blank lines), else its lines (one paragraph a line, as in wire dumps). A new article starts
///    at a paragraph when:
///    - the paragraph before it stops mid-sentence (no final `.`, `!`, `?`, or closing quote or
///      bracket after one): such a paragraph is a cut-off article; unless this one goes on in
///      lower case, which continues a wrapped sentence;
///    - it opens with a kicker (one to four all-caps words and a colon, `UNREST:`) or a dateline
///      (`NEW YORK (Reuters) -`, `WASHINGTON, March 3 (AP) --`, `LONDON -`);
///    - it looks like a headline (at most 15 words, no final punctuation, not ending in a
///      function word) and a body follows; it becomes the article's title;
///    - its names (capitalized words, minus days, months, titles and function words) share
///      nothing with the article so far, it shares little of its vocabulary, it does not open
///      with a word that refers back (`The`, `He`, `But`, ...), and another cue agrees: it is
///      itself cut off, or the paragraph after it goes on with its names. Names alone never
///      split, because paragraphs of one article often name different people.
///
/// Kickers, datelines and titles are returned as metadata; the body range excludes them. Works on
/// UTF-8 bytes in linear time, so a 20 MB line is fine.
public struct ArticleSegmenter: Sendable {
    /// Lowercased capitalized words that are not names.
    private let commonCapitalized: Set<[UInt8]>
    /// Lowercased paragraph openers that refer back to the paragraph before.
    private let continuations: Set<[UInt8]>

    private static let sharedCommon: Set<[UInt8]> = Set(
        DyadTextResources.lines(of: "segmenter-common-capitalized.txt").map { Array($0.lowercased().utf8) })
    private static let sharedContinuations: Set<[UInt8]> = Set(
        DyadTextResources.lines(of: "segmenter-continuations.txt").map { Array($0.lowercased().utf8) })

    public init() {
        commonCapitalized = Self.sharedCommon
        continuations = Self.sharedContinuations
    }

    public func segment(_ text: String) -> [ArticleSegment] {
        let bytes = Array(text.utf8)
        let lines = Self.lines(of: bytes)
        var drafts: [Draft] = []
        let blocks = Self.blocks(lines, bytes, explicitOnly: false)
        if Self.hasExplicitSeparators(lines, bytes) {
            drafts = Self.blocks(lines, bytes, explicitOnly: true).compactMap { draftForBlock($0, bytes) }
        } else if blocks.count > 1, linesEndSentences(blocks, bytes) {
            // Blank lines between blocks whose lines are whole paragraphs: each block is an article.
            drafts = blocks.compactMap { draftForBlock($0, bytes) }
        } else if blocks.count > 1 {
            // Blank lines between hard-wrapped paragraphs.
            drafts = splitByText(blocks.compactMap(Self.paragraph(of:)), bytes)
        } else {
            let paragraphs = lines.compactMap {
                $0.isBlank || $0.isSeparator ? nil : Paragraph(start: $0.start, end: $0.end, line: $0.number)
            }
            drafts = splitByText(paragraphs, bytes)
        }
        return finish(drafts, bytes)
    }

    // MARK: - Lines and blocks

    struct Line {
        var start: Int
        /// End without trailing white space.
        var end: Int
        var number: Int
        var isBlank: Bool
        /// `---`, `===`, `***` or a form feed.
        var isSeparator: Bool
    }

    struct Paragraph {
        var start: Int
        var end: Int
        var line: Int
    }

    /// Lines split at LF, CR and form feed (a form feed is also a separator line of its own).
    static func lines(of bytes: [UInt8]) -> [Line] {
        var result: [Line] = []
        var start = 0
        var number = 1
        var index = 0
        func close(_ end: Int) {
            var trimmedEnd = end
            while trimmedEnd > start, isSpace(bytes[trimmedEnd - 1]) { trimmedEnd -= 1 }
            var first = start
            while first < trimmedEnd, isSpace(bytes[first]) { first += 1 }
            let blank = first == trimmedEnd
            var separator = false
            if !blank, trimmedEnd - first >= 3 {
                let mark = bytes[first]
                if mark == 0x2D || mark == 0x3D || mark == 0x2A {
                    separator = bytes[first..<trimmedEnd].allSatisfy { $0 == mark }
                }
            }
            result.append(Line(start: first, end: trimmedEnd, number: number, isBlank: blank, isSeparator: separator))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D || byte == 0x0C {
                close(index)
                if byte == 0x0C {
                    result.append(Line(start: index, end: index, number: number, isBlank: false, isSeparator: true))
                }
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                if byte != 0x0C { number += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { close(bytes.count) }
        return result
    }

    static func hasExplicitSeparators(_ lines: [Line], _ bytes: [UInt8]) -> Bool {
        var blankRun = 0
        var seenText = false
        for line in lines {
            if line.isSeparator { return true }
            if line.isBlank {
                blankRun += 1
                // Two blank lines between texts, not at the start of the file.
                if blankRun >= 2, seenText { return true }
            } else {
                // Trailing blank lines at the end of the file do not count: checked on the next text.
                seenText = true
                blankRun = 0
            }
        }
        return false
    }

    /// Runs of non-blank lines. With `explicitOnly`, single blank lines stay inside a block and
    /// only separator lines and double blank lines end it.
    static func blocks(_ lines: [Line], _ bytes: [UInt8], explicitOnly: Bool) -> [[Line]] {
        var result: [[Line]] = []
        var current: [Line] = []
        var blankRun = 0
        for line in lines {
            if line.isSeparator || (line.isBlank && (!explicitOnly || blankRun >= 1)) {
                if !current.isEmpty { result.append(current) }
                current = []
                blankRun = line.isBlank ? blankRun + 1 : 0
                continue
            }
            if line.isBlank {
                blankRun += 1
                continue
            }
            blankRun = 0
            current.append(line)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Whether most lines followed by another line of the same block end a sentence: the lines
    /// are paragraphs, not hard-wrapped pieces of one. False when no block has two lines.
    func linesEndSentences(_ blocks: [[Line]], _ bytes: [UInt8]) -> Bool {
        var inside = 0
        var ending = 0
        for block in blocks {
            for line in block.dropLast() {
                inside += 1
                if endsSentence(Paragraph(start: line.start, end: line.end, line: line.number), bytes) { ending += 1 }
            }
        }
        return inside > 0 && ending * 2 > inside
    }

    static func paragraph(of block: [Line]) -> Paragraph? {
        guard let first = block.first, let last = block.last else { return nil }
        return Paragraph(start: first.start, end: last.end, line: first.number)
    }

    // MARK: - Articles

    /// An article before its header (title, kicker, dateline) is split off its body.
    struct Draft {
        var title: Paragraph?
        var start: Int
        var end: Int
        var line: Int
    }

    private func draftForBlock(_ block: [Line], _ bytes: [UInt8]) -> Draft? {
        // Paragraphs inside the block are separated by single blank lines.
        let paragraphs = Self.blocks(block, bytes, explicitOnly: false).compactMap(Self.paragraph(of:))
        guard let first = paragraphs.first, let last = paragraphs.last else { return nil }
        if paragraphs.count > 1, isHeadline(first, bytes) {
            return Draft(title: first, start: paragraphs[1].start, end: last.end, line: first.line)
        }
        // A headline line directly above the body, without a blank line.
        if block.count > 1, let firstLine = block.first,
           isHeadline(Paragraph(start: firstLine.start, end: firstLine.end, line: firstLine.number), bytes) {
            let title = Paragraph(start: firstLine.start, end: firstLine.end, line: firstLine.number)
            return Draft(title: title, start: block[1].start, end: last.end, line: firstLine.number)
        }
        return Draft(title: nil, start: first.start, end: last.end, line: first.line)
    }

    private func splitByText(_ paragraphs: [Paragraph], _ bytes: [UInt8]) -> [Draft] {
        var drafts: [Draft] = []
        var current: Draft?
        var articleNames = Names()
        let names = paragraphs.map { self.names(in: $0, bytes) }
        var index = 0
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            let isLast = index + 1 == paragraphs.count
            // A headline above a body starts an article and is not part of its body.
            if !isLast, isHeadline(paragraph, bytes) {
                if let current { drafts.append(current) }
                let body = paragraphs[index + 1]
                current = Draft(title: paragraph, start: body.start, end: body.end, line: paragraph.line)
                articleNames = names[index]
                articleNames.formUnion(names[index + 1])
                index += 2
                continue
            }
            if var article = current {
                let previous = paragraphs[index - 1]
                // A paragraph going on in lower case continues a hard-wrapped sentence.
                let cutOffBefore = !endsSentence(previous, bytes) && !Self.isLower(bytes[paragraph.start])
                var startsNew = cutOffBefore || opensWithHeader(paragraph, bytes)
                if !startsNew {
                    startsNew = changesTopic(
                        paragraph, names[index], next: isLast ? nil : names[index + 1],
                        articleNames: articleNames, bytes)
                }
                if startsNew {
                    drafts.append(article)
                    current = Draft(title: nil, start: paragraph.start, end: paragraph.end, line: paragraph.line)
                    articleNames = names[index]
                } else {
                    article.end = paragraph.end
                    current = article
                    articleNames.formUnion(names[index])
                }
            } else {
                current = Draft(title: nil, start: paragraph.start, end: paragraph.end, line: paragraph.line)
                articleNames = names[index]
            }
            index += 1
        }
        if let current { drafts.append(current) }
        return drafts
    }

    /// A paragraph naming at least two things, none of which the article so far mentions, and not
    /// opening by referring back, starts a new article when it is itself cut off and long enough
    /// to be an article (a short cut-off paragraph is more likely the end of the one before), or
    /// when the next paragraph goes on with its names and not the old ones. Either way it must
    /// share little vocabulary with the article so far.
    func changesTopic(
        _ paragraph: Paragraph, _ names: Names, next: Names?, articleNames article: Names, _ bytes: [UInt8]
    ) -> Bool {
        guard names.inside.count >= 2, article.all.count >= 2, names.all.isDisjoint(with: article.all),
              !opensWithContinuation(paragraph, bytes)
        else { return false }
        let shared = Self.sharedFraction(names.words, article.words)
        if !endsSentence(paragraph, bytes) {
            return paragraph.end - paragraph.start >= Self.articleSizedParagraph && shared < Self.maximumSharedVocabulary
        }
        guard let next, names.inside.count >= Self.minimumNewNames, shared < Self.maximumSharedVocabularyWhole else { return false }
        return next.all.isDisjoint(with: article.all) && !next.all.isDisjoint(with: names.all)
    }

    /// Names a whole (not cut-off) paragraph must bring for a change of topic.
    static let minimumNewNames = 2
    /// Tighter than for a cut-off paragraph: a whole one splits only with the next one's support
    /// and little shared vocabulary. Both thresholds were tuned on BBC articles run together.
    static let maximumSharedVocabularyWhole = 0.1
    /// A paragraph sharing more of its long words than this with the article so far stays in it.
    static let maximumSharedVocabulary = 0.3
    /// A cut-off paragraph at least this long (bytes) can be an article of its own; a shorter one
    /// is more likely the cut-off end of the article before.
    static let articleSizedParagraph = 300

    static func sharedFraction(_ words: Set<[UInt8]>, _ article: Set<[UInt8]>) -> Double {
        guard !words.isEmpty else { return 0 }
        return Double(words.intersection(article).count) / Double(words.count)
    }

    /// Splits off kicker and dateline, and converts offsets to characters in one pass.
    private func finish(_ drafts: [Draft], _ bytes: [UInt8]) -> [ArticleSegment] {
        var counter = ScalarCounter(bytes: bytes)
        var segments: [ArticleSegment] = []
        for draft in drafts {
            var start = draft.start
            var kicker: String?
            var dateline: String?
            if let found = Self.kicker(bytes, from: start, to: draft.end) {
                kicker = String(decoding: bytes[start..<found.labelEnd], as: UTF8.self)
                start = found.bodyStart
            }
            if let found = Self.dateline(bytes, from: start, to: draft.end) {
                dateline = String(decoding: bytes[start..<found.labelEnd], as: UTF8.self)
                start = found.bodyStart
            }
            guard start < draft.end else { continue }
            let title = draft.title.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            let lower = counter.scalars(before: start)
            let upper = counter.scalars(before: draft.end)
            segments.append(ArticleSegment(
                byteRange: start..<draft.end, characterRange: lower..<upper,
                text: String(decoding: bytes[start..<draft.end], as: UTF8.self),
                kicker: kicker, dateline: dateline, title: title, line: draft.line))
        }
        return segments
    }

    // MARK: - Cues

    /// Whether a paragraph ends a sentence: `.`, `!`, `?` or `…`, possibly followed by closing
    /// quotes or brackets.
    func endsSentence(_ paragraph: Paragraph, _ bytes: [UInt8]) -> Bool {
        var index = paragraph.end
        while index > paragraph.start {
            let byte = bytes[index - 1]
            switch byte {
            case 0x2E, 0x21, 0x3F: return true
            case 0x22, 0x27, 0x29, 0x5D: index -= 1
            default:
                // ” ’ (E2 80 9D / E2 80 99) close; … (E2 80 A6) ends.
                if index - paragraph.start >= 3, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x80 {
                    switch bytes[index - 1] {
                    case 0xA6: return true
                    case 0x9D, 0x99: index -= 3; continue
                    default: return false
                    }
                }
                if index - paragraph.start >= 2, bytes[index - 2] == 0xC2, byte == 0xBB {  // »
                    index -= 2
                    continue
                }
                return false
            }
        }
        return false
    }

    /// A short line without final punctuation that does not stop on a function word.
    func isHeadline(_ paragraph: Paragraph, _ bytes: [UInt8]) -> Bool {
        let length = paragraph.end - paragraph.start
        guard length > 0, length <= 150 else { return false }
        guard let last = bytes[paragraph.end - 1] as UInt8?,
              Self.isLetter(last) || Self.isDigit(last) || last >= 0x80
        else { return false }
        if endsSentence(paragraph, bytes) { return false }
        if opensWithHeader(paragraph, bytes) { return false }
        var words = 0
        var inWord = false
        var lastWordStart = paragraph.start
        for index in paragraph.start..<paragraph.end {
            let space = Self.isSpace(bytes[index])
            if !space, !inWord { words += 1; lastWordStart = index }
            inWord = !space
        }
        guard words <= 15 else { return false }
        let lastWord = Array(bytes[lastWordStart..<paragraph.end]).map(Self.lowercased)
        return !Self.dangling.contains(lastWord)
    }

    /// Words a headline does not end on (a cut-off sentence does).
    private static let dangling: Set<[UInt8]> = Set(
        ["the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "from",
         "that", "said", "was", "is", "were", "are", "has", "have", "had", "but", "as", "than"]
            .map { Array($0.utf8) })

    func opensWithHeader(_ paragraph: Paragraph, _ bytes: [UInt8]) -> Bool {
        Self.kicker(bytes, from: paragraph.start, to: paragraph.end) != nil
            || Self.dateline(bytes, from: paragraph.start, to: paragraph.end) != nil
    }

    func opensWithContinuation(_ paragraph: Paragraph, _ bytes: [UInt8]) -> Bool {
        var index = paragraph.start
        guard index < paragraph.end else { return false }
        // An opening quote: the paragraph quotes someone the article already named.
        if bytes[index] == 0x22 { return true }
        if paragraph.end - index >= 3, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C {
            return true
        }
        var word: [UInt8] = []
        while index < paragraph.end, Self.isLetter(bytes[index]) {
            word.append(Self.lowercased(bytes[index]))
            index += 1
        }
        return continuations.contains(word)
    }

    /// The names a paragraph talks about, lowercased and cut to five bytes so that "Russia" and
    /// "Russian" meet. `inside` holds capitalized words inside sentences (and all-caps ones such
    /// as "US" anywhere): those are names. `all` adds sentence-initial capitalized words, which
    /// may be names or not; it is used for overlap, so a shared word there keeps articles together.
    struct Names {
        var inside: Set<[UInt8]> = []
        var all: Set<[UInt8]> = []
        /// Every word of five letters or more, lowercased and cut to five: the vocabulary that
        /// paragraphs of one story share ("profit", "fuel") even when they name different people.
        var words: Set<[UInt8]> = []

        mutating func formUnion(_ other: Names) {
            inside.formUnion(other.inside)
            all.formUnion(other.all)
            words.formUnion(other.words)
        }
    }

    func names(in paragraph: Paragraph, _ bytes: [UInt8]) -> Names {
        var result = Names()
        var sentenceStart = true
        var index = paragraph.start
        let end = paragraph.end
        while index < end {
            let byte = bytes[index]
            if Self.isWordByte(bytes, index, end) {
                let wordStart = index
                while index < end, Self.isWordByte(bytes, index, end) { index += 1 }
                let word = bytes[wordStart..<index]
                if word.count >= 5 { result.words.insert(Array(word.prefix(5).map(Self.lowercased))) }
                let capitalized = Self.isUpper(bytes[wordStart])
                    || (index - wordStart >= 3 && Self.isLatin1Capital(bytes, wordStart))
                guard capitalized, word.count >= 2 else {
                    sentenceStart = false
                    continue
                }
                let allCaps = word.allSatisfy(Self.isUpper)
                let lower = word.map(Self.lowercased)
                if !commonCapitalized.contains(lower) {
                    let key = Array(lower.prefix(5))
                    result.all.insert(key)
                    if !sentenceStart || allCaps { result.inside.insert(key) }
                }
                sentenceStart = false
                continue
            }
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                if index + 1 >= end || Self.isSpace(bytes[index + 1]) { sentenceStart = true }
            }
            index += 1
        }
        return result
    }

    /// À to Þ (C3 80 to C3 9E, without ×): capitals of Latin-1 names ("Élysée").
    static func isLatin1Capital(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index + 1 < bytes.count, bytes[index] == 0xC3 else { return false }
        let second = bytes[index + 1]
        return second >= 0x80 && second <= 0x9E && second != 0x97
    }

    /// Letters of a word: ASCII letters, and non-ASCII bytes except the General Punctuation block
    /// (lead byte E2: curly quotes, dashes), which separates words.
    static func isWordByte(_ bytes: [UInt8], _ index: Int, _ end: Int) -> Bool {
        let byte = bytes[index]
        if isLetter(byte) { return true }
        guard byte >= 0x80 else { return false }
        if byte == 0xE2 { return false }
        if byte < 0xC0 {
            // A continuation byte: part of a word unless its sequence started with E2.
            var lead = index
            while lead > 0, bytes[lead - 1] & 0xC0 == 0x80, index - lead < 3 { lead -= 1 }
            return lead == 0 || bytes[lead - 1] != 0xE2
        }
        return true
    }

    // MARK: - Kickers and datelines

    struct Header {
        /// End of the label to keep ("UNREST", "NEW YORK (Reuters)").
        var labelEnd: Int
        /// First byte of the body after the label and its punctuation.
        var bodyStart: Int
    }

    /// One to four all-caps words and a colon at `start`: `UNREST:`, `JOINT EFFORTS:`.
    static func kicker(_ bytes: [UInt8], from start: Int, to end: Int) -> Header? {
        var index = start
        var words = 0
        var letters = 0
        while index < end, words < 4 {
            let wordStart = index
            while index < end, isCapsWordByte(bytes[index]) {
                if isUpper(bytes[index]) { letters += 1 }
                index += 1
            }
            guard index > wordStart else { return nil }
            words += 1
            guard index < end else { return nil }
            if bytes[index] == 0x3A {
                // Two-letter labels are speakers in interviews ("DW: What ..."), not kickers.
                guard letters >= 3 else { return nil }
                let labelEnd = index
                index += 1
                guard index == end || isSpace(bytes[index]) else { return nil }
                while index < end, isSpace(bytes[index]) { index += 1 }
                return Header(labelEnd: labelEnd, bodyStart: index)
            }
            guard bytes[index] == 0x20 else { return nil }
            index += 1
        }
        return nil
    }

    /// `PLACE[, date] [(Agency)] -` at `start`, where PLACE is one to four all-caps words and the
    /// dash is `-`, `--`, `–` or `—` with spaces around it; after a date or an agency a colon
    /// may stand for the dash.
    static func dateline(_ bytes: [UInt8], from start: Int, to end: Int) -> Header? {
        var index = start
        var words = 0
        var letters = 0
        // "Tehran, March 15, IRNA -": a place in title case, which only a month or an agency in
        // parentheses tells from a sentence's subject.
        var titleCase = false
        while index < end, words < 4 {
            let wordStart = index
            while index < end, isCapsWordByte(bytes[index]) || bytes[index] == 0x2E || bytes[index] >= 0x80 && !isDashAt(bytes, index, end)
                    || index > wordStart && isLower(bytes[index]) {
                if isUpper(bytes[index]) { letters += 1 }
                if isLower(bytes[index]) { titleCase = true }
                index += 1
            }
            guard index > wordStart, letters > 0 else { return nil }
            words += 1
            // Another word follows only after one space and a capital.
            if index + 1 < end, bytes[index] == 0x20, isUpper(bytes[index + 1]) || bytes[index + 1] >= 0xC0 {
                index += 1
                continue
            }
            break
        }
        guard words > 0 else { return nil }
        var hasDateOrAgency = false
        var hasMonthOrAgency = false
        // ", March 3": anything short without sentence punctuation up to "(", the dash or a colon.
        if index < end, bytes[index] == 0x2C {
            let limit = min(end, index + 40)
            var probe = index + 1
            while probe < limit, bytes[probe] != 0x28, !(bytes[probe] == 0x20 && isDashAt(bytes, probe + 1, end)) {
                let byte = bytes[probe]
                if byte == 0x3A, probe + 1 < end, isSpace(bytes[probe + 1]) { break }
                if byte == 0x3A || byte == 0x3B || byte == 0x21 || byte == 0x3F || byte == 0x22 { return nil }
                if isUpper(byte), probe + 2 < limit, Self.monthPrefixes.contains(String(decoding: bytes[probe..<(probe + 3)], as: UTF8.self)) {
                    hasMonthOrAgency = true
                }
                probe += 1
            }
            guard probe < limit else { return nil }
            index = probe
            hasDateOrAgency = true
        }
        // " (Reuters)"
        var probe = index
        while probe < end, bytes[probe] == 0x20 { probe += 1 }
        if probe < end, bytes[probe] == 0x28 {
            let limit = min(end, probe + 40)
            var close = probe + 1
            while close < limit, bytes[close] != 0x29, bytes[close] != 0x28 { close += 1 }
            guard close < limit, bytes[close] == 0x29 else { return nil }
            index = close + 1
            hasDateOrAgency = true
            hasMonthOrAgency = true
        }
        guard !titleCase || hasMonthOrAgency else { return nil }
        let labelEnd = index
        while index < end, bytes[index] == 0x20 { index += 1 }
        if hasDateOrAgency, letters >= 3, index < end, bytes[index] == 0x3A {
            // "KABUL (Pajhwok):", as South Asian agencies write it.
            index += 1
        } else {
            // The dash, with white space on both sides.
            guard index > labelEnd, let dashLength = dashLength(bytes, index, end) else { return nil }
            index += dashLength
        }
        guard index < end, isSpace(bytes[index]) else { return nil }
        while index < end, isSpace(bytes[index]) { index += 1 }
        // A bare place ("LONDON -") needs three letters, so "US - China" is no dateline.
        guard hasDateOrAgency || letters >= 3, index < end else { return nil }
        return Header(labelEnd: labelEnd, bodyStart: index)
    }

    static let monthPrefixes: Set<String> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func isDashAt(_ bytes: [UInt8], _ index: Int, _ end: Int) -> Bool {
        dashLength(bytes, index, end) != nil
    }

    /// Length in bytes of a dash at `index`: `--`, `-`, `—` or `–`.
    static func dashLength(_ bytes: [UInt8], _ index: Int, _ end: Int) -> Int? {
        guard index < end else { return nil }
        if bytes[index] == 0x2D {
            return index + 1 < end && bytes[index + 1] == 0x2D ? 2 : 1
        }
        if index + 2 < end, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
           bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 {
            return 3
        }
        return nil
    }

    // MARK: - Bytes

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }
    /// Bytes of an all-caps word in a kicker: capitals, digits, `&`, `'`, `-`.
    static func isCapsWordByte(_ byte: UInt8) -> Bool {
        isUpper(byte) || isDigit(byte) || byte == 0x26 || byte == 0x27 || byte == 0x2D
    }
}

/// Counts Unicode scalars before increasing byte offsets in one forward pass, so converting all
/// segment bounds costs one scan of the text, not one per bound.
struct ScalarCounter {
    let bytes: [UInt8]
    private var position = 0
    private var count = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scalars(before offset: Int) -> Int {
        if offset < position {
            position = 0
            count = 0
        }
        let target = min(offset, bytes.count)
        while position < target {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
    }
}
