/// A shallow phrase over a sentence's tokens: a noun, verb or prepositional phrase and its head.
public struct Chunk: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable, Codable {
        /// Noun phrase: "the main opposition Republican People's Party".
        case noun
        /// Verb group: auxiliaries, adverbs and the main verb, "has still not been publicly agreed".
        case verb
        /// Preposition followed by its noun phrase: "on the sidelines"; a preposition with no noun
        /// phrase after it ("beefed up") is a phrase of its own.
        case prepositional

        /// The label used in bracketed output: NP, VP or PP.
        public var label: String {
            switch self {
            case .noun: "NP"
            case .verb: "VP"
            case .prepositional: "PP"
            }
        }
    }

    public var kind: Kind
    /// Indices into `Document.tokens`.
    public var tokens: Range<Int>
    /// Index into `Document.tokens` of the head: the last noun of a noun phrase, the main verb of
    /// a verb group, and for a prepositional phrase its noun, as Universal Dependencies has it
    /// (the preposition, `tokens.first`, is a `case` dependent of the noun).
    public var head: Int

    public init(kind: Kind, tokens: Range<Int>, head: Int) {
        self.kind = kind
        self.tokens = tokens
        self.head = head
    }
}
