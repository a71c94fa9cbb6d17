import DyadLexicon

/// The words each of one verb's patterns needs, laid out apart from the patterns, for the scan
/// that picks the patterns worth matching in a sentence.
///
/// A frequent verb has hundreds of patterns in the PETRARCH dictionaries, and nearly all of them
/// need a word the sentence lacks. Reading each pattern's `requiredWords` where the pattern lies
/// touches an 88-byte value per pattern: that scan was the coder's largest source of cache
/// misses. Here a verb's masks lie end to end, 32 bytes each, read in order.
struct PatternFilter: Sendable {
    /// Each pattern's `requiredWords`, in the verb's order.
    let requiredWords: [WordMask]
    /// Whether each pattern may also match in the dative order ("gave + aid" for
    /// `give aid to +`): its `dativePreposition` is "to" or "for".
    let mayBeDative: [Bool]

    init(_ patterns: [EventPattern], dativePrepositions: (to: Int32, for: Int32)) {
        requiredWords = patterns.map(\.requiredWords)
        mayBeDative = patterns.map {
            $0.dativePreposition >= 0
                && ($0.dativePreposition == dativePrepositions.to || $0.dativePreposition == dativePrepositions.for)
        }
    }

    /// The filters of every verb of `lexicon`, by lemma id.
    static func verbFilters(of lexicon: Lexicon) -> [Int32: PatternFilter] {
        let prepositions = (to: lexicon.vocabulary.id(of: "to"), for: lexicon.vocabulary.id(of: "for"))
        return lexicon.verbPatterns.mapValues { PatternFilter($0, dativePrepositions: prepositions) }
    }
}
