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
        self.init(document: document, shared: shared, memos: shared.wordMemos)
    }

    /// The analysis of a document, with the words met lately taken from a memo of `memos`
    /// (which must serve `shared`'s lexicon).
    init(document: Document, shared: SharedLexicon, memos: ScratchPool<WordAnalysisMemo>) {
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
        // Lower-cased token bytes when the token has capitals, and a lemma's bytes: reused.
        var loweredBytes: [UInt8] = []
        var lemmaBytes: [UInt8] = []
        memos.withItem { memo in
            document.text.bytes.withUnsafeBufferPointer { text in
                for token in document.tokens {
                    let raw = UnsafeBufferPointer(rebasing: text[token.range])
                    let key = WordAnalysisMemo.key(raw, tag: token.pos)
                    let word: AnalyzedWord
                    if let key, let kept = memo.find(key) {
                        word = kept
                    } else {
                        if raw.contains(where: Self.isUpper) {
                            loweredBytes.removeAll(keepingCapacity: true)
                            for byte in raw { loweredBytes.append(Self.isUpper(byte) ? byte | 0x20 : byte) }
                            word = loweredBytes.withUnsafeBufferPointer {
                                Self.analyze($0, tag: token.pos, lexicon: shared.lexicon, lemmaBytes: &lemmaBytes)
                            }
                        } else {
                            word = Self.analyze(raw, tag: token.pos, lexicon: shared.lexicon, lemmaBytes: &lemmaBytes)
                        }
                        if let key { memo.keep(word, as: key) }
                    }
                    lowered.append(word.form)
                    wordIds.append(word.wordId)
                    lemmaIds.append(word.lemmaId)
                    verbLemmas.append(word.verbLemma)
                }
            }
        }
    }

    @inline(__always)
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// The analysis of a word given as its lower-cased bytes (ASCII letters folded, as
    /// `Vocabulary.key`), from the lexicon. `lexicon` is borrowed: a copy would retain and
    /// release its every table.
    static func analyze(_ bytes: UnsafeBufferPointer<UInt8>, tag: UPOS, lexicon: borrowing Lexicon,
                        lemmaBytes: inout [UInt8]) -> AnalyzedWord {
        let (id, known) = lexicon.vocabulary.lookUp(lowercase: bytes)
        let form = known ?? String(decoding: bytes, as: UTF8.self)
        let isVerb = tag == .VERB || tag == .AUX
        switch tag {
        case .VERB, .AUX, .NOUN, .PROPN, .ADJ:
            switch lexicon.lemmatizer.lemma(ofLowercase: bytes, form, tag: tag) {
            case .word:
                return AnalyzedWord(wordId: id, lemmaId: id, form: form, verbLemma: isVerb ? form : nil)
            case .stem(let length, let ending):
                lemmaBytes.removeAll(keepingCapacity: true)
                lemmaBytes.append(contentsOf: bytes[..<length])
                ending.withUTF8Buffer { lemmaBytes.append(contentsOf: $0) }
                return lemmaBytes.withUnsafeBufferPointer { lemma in
                    let (lemmaId, known) = lexicon.vocabulary.lookUp(lowercase: lemma)
                    return AnalyzedWord(wordId: id, lemmaId: lemmaId, form: form,
                                        verbLemma: isVerb ? known ?? String(decoding: lemma, as: UTF8.self) : nil)
                }
            case .other(let lemma):
                return AnalyzedWord(wordId: id, lemmaId: lemma == form ? id : lexicon.vocabulary.id(of: lemma), form: form,
                                    verbLemma: isVerb ? lemma : nil)
            }
        default:
            return AnalyzedWord(wordId: id, lemmaId: id, form: form, verbLemma: nil)
        }
    }

    /// The base form of token `index` read as a verb, whatever its tag.
    func verbLemma(_ index: Int) -> String {
        verbLemmas[index] ?? shared.lexicon.lemmatizer.verbLemma(lowered[index])
    }
}
