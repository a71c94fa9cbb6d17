import DyadCore
import DyadNLP
import Foundation

/// How long a comma-delimited clause may be, in words, for PETRARCH-1 to drop it before coding:
/// an initial one (before the first comma), internal ones (between two commas) and a terminal
/// one (after the last comma). A maximum of 0 turns that kind off.
///
/// PETRARCH-1 drops such clauses so that an aside ("five years after crowds burned down its
/// embassy", "a senior official said on Saturday") neither lends the main verb an actor nor codes
/// an event of its own; its validation suite changes the lengths with `<Config option="comma_*">`.
public struct CommaClauseOptions: Sendable, Hashable {
    public var initial: ClosedRange<Int>? = nil
    /// Internal clauses, between two commas.
    public var inner: ClosedRange<Int>? = 2...8
    public var terminal: ClosedRange<Int>? = 2...8

    /// PETRARCH-1's defaults: internal and terminal clauses of 2 to 8 words, initial ones kept.
    public init() {}

    /// The defaults changed by `comma_min`, `comma_max`, `comma_bmin`, `comma_bmax`, `comma_emin`
    /// and `comma_emax` (lower-case keys, integer values; others are ignored).
    public init(options: [String: String]) {
        func value(_ key: String, _ fallback: Int) -> Int { options[key].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? fallback }
        func range(_ low: String, _ high: String, _ current: ClosedRange<Int>?) -> ClosedRange<Int>? {
            let lower = value(low, current?.lowerBound ?? 0), upper = value(high, current?.upperBound ?? 0)
            return upper == 0 || lower > upper ? nil : lower...upper
        }
        initial = range("comma_bmin", "comma_bmax", nil)
        inner = range("comma_min", "comma_max", 2...8)
        terminal = range("comma_emin", "comma_emax", 2...8)
    }
}

/// Drops comma-delimited clauses from a tagged document as PETRARCH-1 does before coding.
public enum CommaClauses {
    /// The document without the clauses the options drop, re-chunked. Tokens keep their byte
    /// ranges, so events still point into the original text.
    public static func removing(from document: Document, options: CommaClauseOptions, chunker: Chunker) -> Document {
        guard options.initial != nil || options.inner != nil || options.terminal != nil else { return document }
        var dropped = [Bool](repeating: false, count: document.tokens.count)
        var changed = false
        for sentence in document.sentences {
            changed = mark(sentence, in: document, options: options, dropped: &dropped) || changed
        }
        guard changed else { return document }
        var result = document
        result.tokens = []
        result.sentences = []
        for sentence in document.sentences {
            let start = result.tokens.count
            for index in sentence.tokens where !dropped[index] { result.tokens.append(document.tokens[index]) }
            if result.tokens.count > start { result.sentences.append(Sentence(tokens: start..<result.tokens.count)) }
        }
        chunker.chunk(&result)
        return result
    }

    /// Marks the tokens of the sentence's dropped clauses; true when it marked any.
    private static func mark(_ sentence: Sentence, in document: Document, options: CommaClauseOptions,
                             dropped: inout [Bool]) -> Bool {
        let bytes = document.text.bytes
        let tokens = document.tokens
        func isComma(_ index: Int) -> Bool { tokens[index].length == 1 && bytes[Int(tokens[index].start)] == 0x2C }
        let commas = sentence.tokens.filter { isComma($0) && delimitsClause(comma: $0, sentence: sentence, in: document) }
        guard !commas.isEmpty else { return false }
        // PETRARCH counts the words that start with a letter: not numbers, punctuation or "'s".
        func isWord(_ index: Int) -> Bool {
            let first = bytes[Int(tokens[index].start)]
            return (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) || first >= 0x80
        }
        func words(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + (!dropped[$1] && isWord($1) ? 1 : 0) } }
        var changed = false
        func drop(_ range: Range<Int>) {
            for index in range where !dropped[index] { dropped[index] = true; changed = true }
        }
        let start = sentence.tokens.lowerBound
        var end = sentence.tokens.upperBound
        // The sentence's closing punctuation stays.
        if end > start, tokens[end - 1].shape == .punctuation, !isComma(end - 1) { end -= 1 }
        if let bounds = options.initial, bounds.contains(words(start..<commas[0])) {
            drop(start..<commas[0])
        }
        if let bounds = options.terminal, let last = commas.last, bounds.contains(words((last + 1)..<end)) {
            drop((last + 1)..<end)
        }
        if let bounds = options.inner {
            // PETRARCH keeps the right comma as a clause boundary; Dyad's coder would read a
            // comma left between two noun phrases as a list, so both go.
            for (left, right) in zip(commas, commas.dropFirst()) where bounds.contains(words((left + 1)..<right)) {
                drop(left..<(right + 1))
            }
        }
        // A comma left with nothing before or after it goes too.
        let kept = commas.filter { !dropped[$0] }
        if let first = kept.first, words(start..<first) == 0 { drop(first..<(first + 1)) }
        if let last = kept.last, !dropped[last], words((last + 1)..<end) == 0 { drop(last..<(last + 1)) }
        return changed
    }

    /// Whether a comma ends or starts a clause rather than separating the parts of a noun phrase
    /// ("Mordor, the Shire and Bree", "Dagolath, its biggest trading partner,", "complete, full
    /// ties"), which the Treebank parse PETRARCH reads keeps inside the phrase.
    static func delimitsClause(comma: Int, sentence: Sentence, in document: Document) -> Bool {
        let tokens = document.tokens
        let previous = comma - 1, next = comma + 1
        guard previous >= sentence.tokens.lowerBound, next < sentence.tokens.upperBound else { return true }
        if tokens[previous].pos == .ADJ, tokens[next].pos == .ADJ { return false }
        guard [.NOUN, .PROPN, .NUM].contains(tokens[previous].pos) else { return true }
        func word(_ index: Int) -> String { document.text(ofToken: index).lowercased() }
        let nounParts: Set<UPOS> = [.DET, .ADJ, .NOUN, .PROPN, .NUM]
        if tokens[next].pos == .CCONJ {
            return !(next + 1 < sentence.tokens.upperBound && nounParts.contains(tokens[next + 1].pos))
        }
        // A noun phrase after the comma that a comma, a conjunction or the sentence's end closes
        // is an apposition or the next item of a list.
        var index = next
        while index < sentence.tokens.upperBound {
            let pos = tokens[index].pos
            if nounParts.contains(pos) || (pos == .PART && word(index) == "'s")
                || (pos == .PRON && ClauseWords.possessives.contains(word(index)))
                || (index > next && pos == .ADP && word(index) == "of") {
                index += 1
                continue
            }
            break
        }
        guard index > next else { return true }
        if index == sentence.tokens.upperBound { return false }
        if tokens[index].pos == .CCONJ || word(index) == "," { return false }
        if index == sentence.tokens.upperBound - 1, tokens[index].shape == .punctuation { return false }
        return true
    }
}
