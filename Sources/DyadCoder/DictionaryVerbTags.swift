import DyadCore
import DyadLexicon
import DyadNLP

/// Corrects the tagger where a verb dictionary settles the question: the word right after a
/// modal ("will", "could", "must", with "not" or adverbs between) is a verb in its base form,
/// so when the dictionary holds it as a verb it is tagged as one ("Arnor will abandon ...",
/// which the tagger, on a sentence of invented names, may read as an adverb).
public enum DictionaryVerbTags {

    /// The document with those words tagged VERB and re-chunked; unchanged when none needed it.
    public static func correcting(_ document: Document, lexicon: Lexicon, chunker: Chunker) -> Document {
        let bytes = document.text.bytes
        var result = document
        var changed = false
        for sentence in document.sentences {
            var index = sentence.tokens.lowerBound
            while index < sentence.tokens.upperBound {
                defer { index += 1 }
                guard document.tokens[index].pos == .AUX,
                      ClauseWords.modals.contains(Vocabulary.key(bytes[document.tokens[index].range])) else { continue }
                var next = index + 1
                while next < sentence.tokens.upperBound,
                      document.tokens[next].pos == .PART || document.tokens[next].pos == .ADV,
                      lexicon.verbPatterns[lexicon.vocabulary.id(of: Vocabulary.key(bytes[document.tokens[next].range]))] == nil {
                    next += 1
                }
                guard next < sentence.tokens.upperBound, document.tokens[next].pos != .VERB, document.tokens[next].pos != .AUX,
                      document.tokens[next].shape == .word,
                      lexicon.verbPatterns[lexicon.vocabulary.id(of: Vocabulary.key(bytes[document.tokens[next].range]))] != nil
                else { continue }
                result.tokens[next].pos = .VERB
                changed = true
                // A participle right after it, before a noun phrase, describes that noun
                // ("abandon improved relations"): an adjective, not a second verb.
                let after = next + 1
                if after + 1 < sentence.tokens.upperBound, document.tokens[after].pos == .VERB,
                   [.ADJ, .NOUN, .PROPN].contains(document.tokens[after + 1].pos) {
                    result.tokens[after].pos = .ADJ
                }
            }
        }
        guard changed else { return document }
        chunker.chunk(&result)
        return result
    }
}
