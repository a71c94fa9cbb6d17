/// What the coder did with a document, step by step, for `dyad explain`.
public struct CodingTrace: Sendable {
    public var sentences: [SentenceTrace] = []
    public init() {}
}

/// The coder's steps in one sentence.
public struct SentenceTrace: Sendable {
    public var sentence: Int
    /// Each actor phrase: words, code and how the code was reached.
    public var actors: [String] = []
    /// Each verb group or event noun and what happened to it.
    public var triggers: [TriggerTrace] = []

    public init(sentence: Int) { self.sentence = sentence }
}

public struct TriggerTrace: Sendable {
    /// The verb group or noun as written.
    public var text: String
    public var lemma: String
    /// How the source was found ("subject 'Vance'", "passive: by-phrase", "none").
    public var subject: String
    public var voice: String
    public var modality: String
    /// Patterns tried, most specific first, each with what came of it.
    public var patterns: [String] = []
    /// The pattern that fired, with its file and line.
    public var fired: String?
    /// Where the targets came from ("the pattern's slot: 'Denmark' DNK"), once a pattern fired.
    public var target: String?
}
