import DyadCore

/// Groups a tagged sentence into noun, verb and prepositional phrases, from the UPOS tags alone.
///
/// Phrases do not overlap and do not nest: a prepositional phrase holds its preposition and the
/// noun phrase after it. Tokens that belong to no phrase (conjunctions, punctuation, lone adverbs)
/// are left out. The rules are deliberately shallow; the event coder reads heads, not trees.
public struct Chunker: Sendable {
    public init() {}

    /// Chunks every sentence of a tagged document, replacing `document.chunks`.
    public func chunk(_ document: inout Document) {
        var chunks: [Chunk] = []
        chunks.reserveCapacity(document.tokens.count / 2)
        for sentence in document.sentences {
            appendChunks(of: document, sentence: sentence, to: &chunks)
        }
        document.chunks = chunks
    }

    /// The chunks of one sentence.
    public func chunks(of document: Document, sentence: Sentence) -> [Chunk] {
        var chunks: [Chunk] = []
        appendChunks(of: document, sentence: sentence, to: &chunks)
        return chunks
    }

    private func appendChunks(of document: Document, sentence: Sentence, to chunks: inout [Chunk]) {
        let tokens = document.tokens
        let end = sentence.tokens.upperBound
        var index = sentence.tokens.lowerBound
        while index < end {
            let tag = tokens[index].pos
            if tag == .ADP {
                if let noun = nounPhrase(in: document, from: index + 1, end: end) {
                    chunks.append(Chunk(kind: .prepositional, tokens: index..<noun.tokens.upperBound, head: noun.head))
                    index = noun.tokens.upperBound
                } else {
                    chunks.append(Chunk(kind: .prepositional, tokens: index..<(index + 1), head: index))
                    index += 1
                }
            } else if let noun = nounPhrase(in: document, from: index, end: end) {
                chunks.append(noun)
                index = noun.tokens.upperBound
            } else if let verb = verbGroup(in: document, from: index, end: end) {
                chunks.append(verb)
                index = verb.tokens.upperBound
                // "extradited suspected militants": the participle the group stopped before opens
                // the noun phrase after it.
                if index < end, tokens[index].pos == .VERB, let noun = nounPhrase(in: document, from: index + 1, end: end),
                   noun.tokens.lowerBound == index + 1 {
                    chunks.append(Chunk(kind: .noun, tokens: index..<noun.tokens.upperBound, head: noun.head))
                    index = noun.tokens.upperBound
                }
            } else {
                index += 1
            }
        }
    }

    /// A noun phrase starting exactly at `start`: determiners, numbers, adjectives, nouns and
    /// possessive markers, ending in its last nominal word.
    private func nounPhrase(in document: Document, from start: Int, end: Int) -> Chunk? {
        let tokens = document.tokens
        guard start < end else { return nil }
        let first = tokens[start].pos
        // A personal pronoun is a phrase alone unless it is a possessive determiner ("its rightful
        // standing"), which UD tags PRON too: then the phrase goes on.
        if first == .PRON {
            let next = start + 1
            if next < end, [.ADJ, .NOUN, .PROPN, .NUM].contains(tokens[next].pos) {
                return extendNounPhrase(document, start: start, from: next, end: end)
            }
            return Chunk(kind: .noun, tokens: start..<next, head: start)
        }
        // An adverb opens a noun phrase only before an adjective or number ("more than 100 people").
        if first == .ADV {
            let next = start + 1
            guard next < end, tokens[next].pos == .ADJ || tokens[next].pos == .NUM else { return nil }
            return extendNounPhrase(document, start: start, from: next, end: end)
        }
        guard [.DET, .ADJ, .NUM, .NOUN, .PROPN, .SYM].contains(first) else { return nil }
        if first == .SYM, !(start + 1 < end && tokens[start + 1].pos == .NUM) { return nil }
        return extendNounPhrase(document, start: start, from: start, end: end)
    }

    private func extendNounPhrase(_ document: Document, start: Int, from: Int, end: Int) -> Chunk? {
        let tokens = document.tokens
        let bytes = document.text.bytes
        var index = from
        var head: Int? = nil
        var lastContent: Int? = nil
        while index < end {
            let tag = tokens[index].pos
            switch tag {
            case .NOUN, .PROPN:
                head = index
                lastContent = index
            case .NUM, .ADJ, .SYM:
                lastContent = index
            case .DET where index == start:
                lastContent = index
            case .PART where head != nil && isPossessiveMarker(tokens[index], bytes):
                // "Russia 's Kommersant newspaper": the possessor and the possessed are one phrase.
                break
            case .CCONJ:
                // Coordinated adjectives stay inside ("placed and resource-rich territory", "foreign
                // and defense chiefs" with "defense" mistagged as a verb); coordinated nouns are
                // separate phrases for the coder to pair up.
                guard head == nil, lastContent != nil, index + 1 < end,
                      tokens[index + 1].pos == .ADJ
                        || (tokens[index + 1].pos == .VERB && isModifierInsideNounPhrase(tokens, at: index + 1, start: start, end: end)) else {
                    return finish(start: start, lastContent: lastContent, head: head)
                }
            case .PUNCT where isHyphen(tokens[index], bytes) && head == nil && lastContent != nil:
                break
            case .ADV where head == nil && isModifierInsideNounPhrase(tokens, at: index, start: start, end: end),
                 .VERB where head == nil && isModifierInsideNounPhrase(tokens, at: index, start: start, end: end):
                // "the strategically placed and resource-rich territory": an adverb or a
                // participle between a determiner and the noun modifies the noun.
                lastContent = tokens[index].pos == .VERB ? index : lastContent
            default:
                return finish(start: start, lastContent: lastContent, head: head)
            }
            index += 1
        }
        return finish(start: start, lastContent: lastContent, head: head)
    }

    private func finish(start: Int, lastContent: Int?, head: Int?) -> Chunk? {
        guard let last = lastContent else {
            // A lone determiner ("that", "this") stands for a noun phrase.
            return nil
        }
        return Chunk(kind: .noun, tokens: start..<(last + 1), head: head ?? last)
    }

    /// A verb group starting at `start`: auxiliaries, negation, adverbs and infinitival "to"
    /// up to the last verb ("has still not been publicly agreed", "were expected to hold").
    private func verbGroup(in document: Document, from start: Int, end: Int) -> Chunk? {
        let tokens = document.tokens
        var index = start
        var lastVerbal: Int? = nil
        var mainVerb: Int? = nil
        while index < end {
            let tag = tokens[index].pos
            // A past participle right after a main verb, before a noun, describes that noun:
            // "extradited [suspected militants]", "will abandon [improved relations]".
            if tag == .VERB, let main = mainVerb, main == index - 1, index + 1 < end,
               [.ADJ, .NOUN, .PROPN, .NUM].contains(tokens[index + 1].pos), endsInED(tokens[index], document.text.bytes) {
                break
            }
            if tag == .VERB {
                mainVerb = index
                lastVerbal = index
            } else if tag == .AUX {
                lastVerbal = index
            } else if tag == .ADV || tag == .PART {
                // Adverbs and particles belong to the group only between verbal words.
                var lookahead = index + 1
                while lookahead < end, tokens[lookahead].pos == .ADV || tokens[lookahead].pos == .PART {
                    lookahead += 1
                }
                guard lookahead < end, tokens[lookahead].pos.isVerbal else { break }
                index = lookahead
                continue
            } else {
                break
            }
            index += 1
        }
        guard let last = lastVerbal else { return nil }
        return Chunk(kind: .verb, tokens: start..<(last + 1), head: mainVerb ?? last)
    }

    /// Whether an adverb or verb sits inside a noun phrase already opened by a determiner or an
    /// adjective, with the phrase going on to a noun after it.
    private func isModifierInsideNounPhrase(_ tokens: [Token], at index: Int, start: Int, end: Int) -> Bool {
        guard index > start, [.DET, .ADJ, .ADV, .PRON, .CCONJ].contains(tokens[index - 1].pos) else { return false }
        var next = index + 1
        while next < end, [.ADV, .VERB, .ADJ, .CCONJ].contains(tokens[next].pos) { next += 1 }
        return next < end && (tokens[next].pos == .NOUN || tokens[next].pos == .PROPN) && next - index <= 5
    }

    /// "'s" or "'", which UD tags PART like "to" and "not".
    private func isPossessiveMarker(_ token: Token, _ bytes: [UInt8]) -> Bool {
        token.length <= 2 && bytes[Int(token.start)] == UInt8(ascii: "'")
    }

    private func endsInED(_ token: Token, _ bytes: [UInt8]) -> Bool {
        let end = Int(token.start) + Int(token.length)
        return token.length > 3 && bytes[end - 2] == UInt8(ascii: "e") && bytes[end - 1] == UInt8(ascii: "d")
    }

    private func isHyphen(_ token: Token, _ bytes: [UInt8]) -> Bool {
        token.length == 1 && bytes[Int(token.start)] == UInt8(ascii: "-")
    }
}
