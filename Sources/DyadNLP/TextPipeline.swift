import DyadCore
import DyadText

/// The text pipeline: normalize, tokenize, split sentences, tag, chunk and (optionally) parse.
///
/// A value built once and shared by every thread: each stage is an immutable value, and
/// `document(from:)` touches nothing but its argument.
public struct TextPipeline: Sendable {
    public let normalizer: Normalizer
    public let tokenizer: Tokenizer
    public let splitter: SentenceSplitter
    public let tagger: PerceptronTagger?
    public let chunker: Chunker
    public let parser: DependencyParser?

    /// The stages to run: tagging and chunking are skipped when `tagger` is nil, parsing when
    /// `parser` (or `tagger`) is nil.
    public init(
        normalizer: Normalizer = Normalizer(), tokenizer: Tokenizer = .shared,
        splitter: SentenceSplitter = .shared, tagger: PerceptronTagger?, chunker: Chunker = Chunker(),
        parser: DependencyParser? = nil
    ) {
        self.normalizer = normalizer
        self.tokenizer = tokenizer
        self.splitter = splitter
        self.tagger = tagger
        self.chunker = chunker
        self.parser = parser
    }

    /// The full pipeline with the bundled tagger and parser models.
    public static func standard() throws -> TextPipeline {
        TextPipeline(tagger: try PerceptronTagger.bundled(), parser: try DependencyParser.bundled())
    }

    /// Runs every stage on one article.
    public func document(metadata: DocumentMetadata, text: String) -> Document {
        var document = Document(metadata: metadata, original: text, text: normalizer.normalize(text))
        tokenizer.tokenize(document.text.bytes, into: &document.tokens)
        document.sentences = splitter.split(document.text.bytes, tokens: document.tokens)
        if let tagger {
            tagger.tag(&document)
            chunker.chunk(&document)
            parser?.parse(&document)
        }
        return document
    }
}
