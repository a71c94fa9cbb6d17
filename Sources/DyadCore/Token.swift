/// What a token is made of, decided by the tokenizer before any tagging.
public enum TokenShape: UInt8, Sendable, Hashable, Codable {
    /// Letters, possibly with inner hyphens, apostrophes or periods ("U.S.", "anti-government").
    case word
    /// Digits with optional separators ("2.2", "13,000", "1990s", "8:10am").
    case number
    /// A single punctuation mark or a run of the same one ("...", "--").
    case punctuation
    /// Symbols such as `$`, `%`, `&`, `@`.
    case symbol
    /// Text in a script without spaces between words (CJK), kept as one token.
    case other
}

/// One token: a byte range in a document's normalized text, its shape and, once tagged, its tag.
///
/// Tokens never copy text; `Document.text(of:)` reads their bytes from the document.
public struct Token: Sendable, Hashable {
    /// First byte in the normalized text.
    public var start: Int32
    /// One past the last byte in the normalized text.
    public var end: Int32
    public var shape: TokenShape
    /// True when whitespace follows the token in the normalized text (CoNLL-U `SpaceAfter`).
    public var spaceAfter: Bool
    /// The part-of-speech tag; `.X` until a tagger has run.
    public var pos: UPOS
    /// The relation to the syntactic head; nil until a parser has run, `.root` for the word the
    /// sentence hangs on.
    public var relation: DependencyRelation?
    /// Index into `Document.tokens` of the syntactic head; -1 for the root and before parsing.
    public var head: Int32

    public init(
        start: Int, end: Int, shape: TokenShape, spaceAfter: Bool = true, pos: UPOS = .X,
        head: Int = -1, relation: DependencyRelation? = nil
    ) {
        self.start = Int32(start)
        self.end = Int32(end)
        self.shape = shape
        self.spaceAfter = spaceAfter
        self.pos = pos
        self.head = Int32(head)
        self.relation = relation
    }

    /// The byte range in the normalized text.
    public var range: Range<Int> { Int(start)..<Int(end) }
    public var length: Int { Int(end - start) }
}

/// A sentence: a contiguous range of a document's tokens.
public struct Sentence: Sendable, Hashable {
    /// Indices into `Document.tokens`.
    public var tokens: Range<Int>
    /// A piece of a "sentence" too long to be one (a text with no sentence ends), cut by the
    /// splitter so that no stage's work on a sentence grows with the input.
    public var isPieceOfLonger: Bool
    public init(tokens: Range<Int>, isPieceOfLonger: Bool = false) {
        self.tokens = tokens
        self.isPieceOfLonger = isPieceOfLonger
    }
}
