import DyadCore
import DyadLexicon

/// Each token's lexicon word id, lemma id and lower-case form, computed once per document so
/// that every later matcher compares integers.
struct WordAnalysis {
    /// Lexicon id of the token's lower-case form, -1 when the lexicon does not use it.
    var wordIds: [Int32]
    /// Lexicon id of the token's lemma (base verb, singular noun), -1 when unknown.
    var lemmaIds: [Int32]
    /// Lower-case forms.
    var lowered: [String]
    /// The verb lemma of each token tagged VERB or AUX, nil for others: the coder asks for the
    /// lemma of verb heads many times per sentence.
    private var verbLemmas: [String?]
    private let shared: SharedLexicon

    init(document: Document, shared: SharedLexicon) {
        self.shared = shared
        let count = document.tokens.count
        wordIds = []
        lemmaIds = []
        lowered = []
        verbLemmas = []
        wordIds.reserveCapacity(count)
        verbLemmas.reserveCapacity(count)
        lemmaIds.reserveCapacity(count)
        lowered.reserveCapacity(count)
        let bytes = document.text.bytes
        for token in document.tokens {
            let form = Vocabulary.key(bytes[token.range])
            lowered.append(form)
            let id = shared.lexicon.vocabulary.id(of: bytes[token.range])
            wordIds.append(id)
            switch token.pos {
            case .VERB, .AUX, .NOUN, .PROPN, .ADJ:
                let lemma = shared.lexicon.lemmatizer.lemma(of: form, tag: token.pos)
                lemmaIds.append(lemma == form ? id : shared.lexicon.vocabulary.id(of: lemma))
                verbLemmas.append(token.pos == .VERB || token.pos == .AUX ? lemma : nil)
            default:
                lemmaIds.append(id)
                verbLemmas.append(nil)
            }
        }
    }

    /// The base form of token `index` read as a verb, whatever its tag.
    func verbLemma(_ index: Int) -> String {
        verbLemmas[index] ?? shared.lexicon.lemmatizer.verbLemma(lowered[index])
    }
}
