/// Universal Dependencies part-of-speech tags (UPOS), the tag set Dyad's tagger predicts.
///
/// Raw values are stable: trained models store tags by these numbers.
public enum UPOS: UInt8, CaseIterable, Sendable, Hashable, Codable {
    case ADJ = 0, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X

    /// The tag as written in CoNLL-U files (`NOUN`, `PROPN`, ...).
    public var name: String { Self.names[Int(rawValue)] }

    private static let names = [
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
    ]

    /// Parses a CoNLL-U UPOS column; nil for anything that is not one of the 17 tags (`_`, typos).
    public init?(name: some StringProtocol) {
        guard let index = Self.names.firstIndex(where: { $0 == name }) else { return nil }
        self.init(rawValue: UInt8(index))
    }

    /// Nouns, proper nouns and pronouns: the heads of noun phrases.
    public var isNominal: Bool { self == .NOUN || self == .PROPN || self == .PRON }
    /// Verbs and auxiliaries.
    public var isVerbal: Bool { self == .VERB || self == .AUX }
}
