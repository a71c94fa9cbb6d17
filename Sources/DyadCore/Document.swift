/// What is known about an article apart from its text.
public struct DocumentMetadata: Sendable, Hashable, Codable {
    /// Given by the input (JSONL `id`, a CSV column) or made from the file name and a number.
    public var id: String
    public var title: String?
    public var url: String?
    /// The outlet or feed ("Reuters").
    public var source: String?
    /// Publication date as the input gave it, ideally ISO `YYYY-MM-DD`.
    public var date: String?
    /// A run-in all-caps label that opened the article ("UNREST").
    public var kicker: String?
    /// A dateline that opened the article ("NEW YORK (Reuters)").
    public var dateline: String?
    /// Where the article came from: file path and line, for error messages.
    public var origin: String?

    public init(
        id: String, title: String? = nil, url: String? = nil, source: String? = nil,
        date: String? = nil, kicker: String? = nil, dateline: String? = nil, origin: String? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.source = source
        self.date = date
        self.kicker = kicker
        self.dateline = dateline
        self.origin = origin
    }
}

/// An article and everything the pipeline has found in it.
///
/// The document owns the text; tokens, sentences and chunks are indices into it (as in spaCy, a
/// span is a view). Every token maps back to the original text through `text.originalOffsets`.
public struct Document: Sendable {
    public var metadata: DocumentMetadata
    /// The article body as read (decoded, but not normalized). Kickers and datelines are not
    /// part of it: they are in `metadata`.
    public let original: String
    /// The normalized body the tokenizer reads.
    public let text: NormalizedText
    public var tokens: [Token] = []
    public var sentences: [Sentence] = []
    /// Phrases over the tokens, in text order.
    public var chunks: [Chunk] = []
    /// Actors, places and times found in it, once the coder and the locator have run.
    public var spans = DocumentSpans()

    public init(metadata: DocumentMetadata, original: String, text: NormalizedText) {
        self.metadata = metadata
        self.original = original
        self.text = text
    }

    /// A document whose text needs no normalization (tests, already-clean input).
    public init(id: String, text: String) {
        self.init(metadata: DocumentMetadata(id: id), original: text, text: NormalizedText(unchanged: text))
    }

    public var id: String { metadata.id }

    /// The normalized text of a token.
    public func text(of token: Token) -> String { text.string(token.range) }

    /// The normalized text of a token by index.
    public func text(ofToken index: Int) -> String { text.string(tokens[index].range) }

    /// The normalized text covered by a range of tokens, with the spaces between them.
    public func text(ofTokens range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        return text.string(Int(tokens[first].start)..<Int(tokens[last].end))
    }

    /// The words of a sentence.
    public func words(of sentence: Sentence) -> [String] {
        sentence.tokens.map { text(ofToken: $0) }
    }

    /// The original byte range of a range of tokens.
    public func originalByteRange(ofTokens range: Range<Int>) -> Range<Int> {
        guard let first = range.first, let last = range.last else { return 0..<0 }
        return text.originalRange(Int(tokens[first].start)..<Int(tokens[last].end))
    }
}
