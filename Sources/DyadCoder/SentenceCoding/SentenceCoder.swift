import DyadCore
import DyadLexicon

/// Codes one sentence: its verb groups and event nouns, with the sentence's actor phrases.
struct SentenceCoder {
    let coder: EventCoder
    let document: Document
    let sentence: Sentence
    let sentenceIndex: Int
    let words: WordAnalysis
    let phrases: [ActorPhrase]
    let original: OriginalText

    var lexicon: Lexicon { coder.lexicon }
    var dialect: CodingDialect { coder.dialect }
    var tokens: [Token] { document.tokens }

    /// Phrase index of every token of the sentence, -1 outside phrases.
    let phraseAt: [Int]
    /// The sentence's chunks, and the chunk index of every token (-1 outside chunks).
    let chunks: [Chunk]
    let chunkAt: [Int]
    /// Where the sentence's closing attribution (", police said") starts, or its end.
    let attributionStart: Int
    /// The word and lemma ids of the sentence: a pattern needing a word not in it is not tried.
    let sentenceWords: WordMask

    /// The chunks of a sentence, found by binary search in the document's chunks (in text order).
    static func chunks(of sentence: Sentence, in document: Document) -> ArraySlice<Chunk> {
        let all = document.chunks
        var low = 0, high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].tokens.lowerBound < sentence.tokens.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < all.count, all[end].tokens.lowerBound < sentence.tokens.upperBound { end += 1 }
        return all[low..<end]
    }

    /// Whether `dyad explain` is listening: only then are reasons for failed patterns written.
    let tracing: Bool
    /// The article's date as ISO `YYYY-MM-DD` (or less precise), which events carry.
    let articleDate: String?
    /// The sentence's places named after a locative preposition, with their countries.
    let places: [PlaceActedOn]
    /// The sentence's dependency parse (every word a root when it was not parsed).
    let tree: DependencyTree
    /// The sentence's words and offsets, built for its first event and shared by the others.
    let sentenceText = SentenceText()

    init(coder: EventCoder, document: Document, sentence: Sentence, sentenceIndex: Int, words: WordAnalysis,
         phrases: [ActorPhrase], chunks: [Chunk], attributionStart: Int, original: OriginalText, articleDate: String? = nil,
         places: [PlaceActedOn] = [], tracing: Bool = false) {
        self.tracing = tracing
        self.places = places
        self.tree = DependencyTree(document, sentence: sentence)
        self.articleDate = articleDate
        self.original = original
        self.coder = coder
        self.document = document
        self.sentence = sentence
        self.sentenceIndex = sentenceIndex
        self.words = words
        self.phrases = phrases
        let start = sentence.tokens.lowerBound
        var phraseAt = [Int](repeating: -1, count: sentence.tokens.count)
        for (index, phrase) in phrases.enumerated() {
            for token in phrase.tokens { phraseAt[token - start] = index }
        }
        self.phraseAt = phraseAt
        var chunkAt = [Int](repeating: -1, count: sentence.tokens.count)
        for (index, chunk) in chunks.enumerated() {
            for token in chunk.tokens where sentence.tokens.contains(token) { chunkAt[token - start] = index }
        }
        self.chunks = chunks
        self.chunkAt = chunkAt
        self.attributionStart = coder.dialect.stopsAtAttribution ? attributionStart : sentence.tokens.upperBound
        var sentenceWords = WordMask()
        for token in sentence.tokens {
            sentenceWords.insert(words.wordIds[token])
            sentenceWords.insert(words.lemmaIds[token])
        }
        self.sentenceWords = sentenceWords
    }

    func phrase(at token: Int) -> Int {
        sentence.tokens.contains(token) ? phraseAt[token - sentence.tokens.lowerBound] : -1
    }

    func chunk(at token: Int) -> Chunk? {
        guard sentence.tokens.contains(token) else { return nil }
        let index = chunkAt[token - sentence.tokens.lowerBound]
        return index >= 0 ? chunks[index] : nil
    }

    /// Appends the sentence's events to `events`, the document's: each event is built once in
    /// place, not copied on through arrays of the verb's, the sentence's and the document's.
    func events(into events: inout [Event], context: inout DiscourseContext, trace: inout SentenceTrace?) {
        if trace != nil {
            trace?.actors = phrases.map { phrase in
                let words = document.text(ofTokens: phrase.tokens)
                let place = phrase.isLocative ? ", a place here" : ""
                let rules = phrase.sources.map(\.description).joined(separator: " ")
                return "\(words) -> \(phrase.code) (\(phrase.resolution.rawValue)\(place)) [\(rules)]"
            }
        }
        let sentenceStart = events.count
        // The verb groups so far, in order, each with its subject: a sentence has a few, and a
        // slot for every chunk cost more to fill than the lookups saved.
        var verbSubjects: [VerbSubject] = []
        verbSubjects.reserveCapacity(chunks.count)
        var usedNouns = UsedNouns()
        // A control verb split from its infinitive ("threatened today to impose") waits for it:
        // the infinitive is the event, the control verb its modality.
        var deferred: (chunk: Chunk, subject: Subject, control: String)? = nil
        // The clause after a demand or appeal ("that the US cancel plans"), which says what was demanded.
        var demandedClause: Range<Int>? = nil
        // Where the region of the last verb left out as background ends.
        var backgroundVerbEnd: Int? = nil
        // The events of the last verb that coded any, and its subject.
        var lastCoded: (events: Range<Int>, subject: Subject)? = nil
        for (chunkIndex, chunk) in chunks.enumerated() where chunk.kind == .verb {
            var subject = findSubject(of: chunk, earlier: verbSubjects, context: context)
            if dialect.subjectsFromParse, let parsed = parseSubject(of: chunk, tree: tree, context: context) {
                subject = preferred(subject, parsed)
            }
            verbSubjects.append(VerbSubject(verb: chunk.tokens, subject: subject))
            if let first = subject.phrases.first, first.resolution != .coreference { context.lastSubject = first }
            var triggerTrace: TriggerTrace? = trace == nil ? nil : TriggerTrace(
                text: document.text(ofTokens: chunk.tokens), lemma: lexicon.vocabulary.word(words.lemmaIds[chunk.head]),
                subject: subject.description(document, words: words), voice: "", modality: "")
            var lemma = words.verbLemma(chunk.head)
            // "is prepared to impose", "is ready to send": a readiness adjective after "be" works
            // like an intent verb.
            if tokens[chunk.head].pos == .AUX, chunk.tokens.upperBound < sentence.tokens.upperBound,
               ClauseWords.readinessAdjectives.contains(words.lowered[chunk.tokens.upperBound]) {
                lemma = "intend"
            }
            if let complement = demandedClause, complement.contains(chunk.tokens.lowerBound) {
                // "demanded that the US cancel plans": the act demanded is the demand's content, not an event.
                triggerTrace?.fired = "content of the demand before it: not an event"
                if let triggerTrace { trace?.triggers.append(triggerTrace) }
                continue
            }
            // An infinitive hanging on a background verb is background too: "a resolution
            // calling on the US to lift its embargo".
            let hangsOnBackground = backgroundVerbEnd.map { chunk.tokens.lowerBound - $0 <= 4 && words.lowered[chunk.tokens.lowerBound] == "to" } ?? false
            if deferred == nil, let reason = hangsOnBackground ? "an infinitive of a background verb" : backgroundReason(chunk, subject: subject) {
                triggerTrace?.fired = "background, not an event: \(reason)"
                if let triggerTrace { trace?.triggers.append(triggerTrace) }
                backgroundVerbEnd = region(after: chunk).upperBound
                continue
            }
            backgroundVerbEnd = nil
            // The infinitive is looked for first: most verbs have none, and the lemma's lists cost more.
            if deferred == nil, let next = nextVerb(after: chunkIndex), words.lowered[next.tokens.lowerBound] == "to",
               next.tokens.lowerBound - chunk.tokens.upperBound <= 3, isControlVerb(lemma) {
                deferred = (chunk, subject, lemma)
                triggerTrace?.fired = "deferred to its infinitive"
                if let triggerTrace { trace?.triggers.append(triggerTrace) }
                continue
            }
            let codedStart = events.count
            codeVerb(chunk, subject: subject, control: deferred?.control, usedNouns: &usedNouns, into: &events, trace: &triggerTrace)
            if let waiting = deferred {
                deferred = nil
                if events.count == codedStart {
                    // The infinitive named no event: the control verb's own pattern ("threaten to") stands.
                    var controlTrace: TriggerTrace? = nil
                    codeVerb(waiting.chunk, subject: waiting.subject, control: nil, usedNouns: &usedNouns, into: &events, trace: &controlTrace)
                }
            }
            let coded = codedStart..<events.count
            if !coded.isEmpty {
                verbSubjects[verbSubjects.count - 1].subject.verbCoded = true
                lastCoded = (coded, subject)
            } else if subject.how == .purposeClause, dialect.purposeTargets, let main = lastCoded,
                      !main.subject.phrases.isEmpty {
                // "opened fire to disperse demonstrators", "donated ventilators to help Ethiopia":
                // the purpose adds no event, but says at whom a conflictual act was aimed, or to
                // whom material help went.
                var scratchNouns = usedNouns
                var scratchTrace: TriggerTrace? = nil
                var purpose: [Event] = []
                codeVerb(chunk, subject: main.subject, control: nil, usedNouns: &scratchNouns, into: &purpose, trace: &scratchTrace)
                if let aimed = purpose.firstIndex(where: { $0.target != nil }).flatMap({ purpose[$0].target }) {
                    for index in main.events where (events[index].target == nil || events[index].target?.resolution == .unresolved)
                        && (Int(events[index].rootCode).map { $0 >= 10 || $0 == 6 || $0 == 7 } ?? false) {
                        events[index].target = aimed
                        events[index].refreshID()
                    }
                    triggerTrace?.fired = "purpose of the act before it: its target '\(aimed.text)' is that act's"
                }
            }
            // By index: `contains(where:)` would copy every event.
            if coded.contains(where: { events[$0].code.hasPrefix("10") || events[$0].code.hasPrefix("02") }) {
                var start = region(after: chunk).upperBound
                // "urged Japan to stop": the region ends past the "to" that opens the clause demanded.
                if start > sentence.tokens.lowerBound, words.lowered[start - 1] == "to" { start -= 1 }
                var end = start
                let limit = start < attributionStart ? attributionStart : sentence.tokens.upperBound
                while end < limit, words.lowered[end] != "," || end == start { end += 1 }
                demandedClause = start..<end
            }
            if let triggerTrace { trace?.triggers.append(triggerTrace) }
        }
        codeNouns(skipping: usedNouns, into: &events, trace: &trace)
        shareImplicitTargets(in: &events, from: sentenceStart)
        removeRepeats(in: &events, from: sentenceStart)
    }
}

/// A sentence's span, built once when an event first needs it: every event of the sentence
/// then shares one string instead of holding a copy of its own.
final class SentenceText {
    var span: TextSpan?
}
