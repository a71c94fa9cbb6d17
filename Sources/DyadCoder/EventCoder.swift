import DyadCore
import DyadLexicon
import DyadNLP

/// Codes the events of a tagged, chunked document: for each verb group, the pattern that fits
/// its clause, the source from the subject and the target from the pattern's slot.
///
/// An immutable value: build once with a lexicon, call `code(_:)` from any thread.
public struct EventCoder: Sendable {
    /// The lexicon, behind one reference: the coder and its per-sentence helpers are copied
    /// many times per document, and a `Lexicon` copied by value retains each of its tables. On
    /// several threads those retains all hit the same shared objects, whose counts then bounce
    /// between cores.
    let shared: SharedLexicon
    public var lexicon: Lexicon { shared.lexicon }
    /// How the lexicon is read (Dyad's conventions or TABARI/PETRARCH's).
    var dialect: CodingDialect { shared.dialect }
    public var options: Options

    public struct Options: Sendable {
        /// Keep events the text denies ("has not agreed").
        public var includeNegated = false
        /// Keep events the text only supposes ("could pave the way").
        public var includeHypothetical = false
        /// Keep bare statements (CAMEO 010, "said").
        public var includeStatements = false
        /// Code events whose subject the lexicon does not know, with an empty source code and
        /// the subject's words ("Four men were charged" stays uncoded; "Gunmen killed" codes).
        public var codeUnknownActors = false
        public init() {}
    }

    /// Parses, when given, the sentences a document's pipeline left unparsed and the coder reads
    /// roles from: those that name an actor. `dyad code` parses no more than that.
    public var parser: DependencyParser?

    public init(lexicon: Lexicon, options: Options = Options(), parser: DependencyParser? = nil) {
        self.shared = SharedLexicon(lexicon)
        self.options = options
        self.parser = parser
    }

    /// The events of a document, in text order.
    public func code(_ document: Document) -> [Event] {
        var trace: CodingTrace? = nil
        return code(document, places: nil, trace: &trace)
    }

    /// The events of a document with the places the geoparser found in it (`EventLocator.annotate`):
    /// an act done in a place names no one else may be done to the place's country.
    public func code(_ document: Document, places: LocationAnnotations?) -> [Event] {
        var trace: CodingTrace? = nil
        return code(document, places: places, trace: &trace)
    }

    /// Codes a document and, when `trace` is not nil, records every step for `dyad explain`.
    public func code(_ document: Document, trace: inout CodingTrace?) -> [Event] {
        code(document, places: nil, trace: &trace)
    }

    /// Codes a document with its places and, when `trace` is not nil, records every step.
    public func code(_ document: Document, places: LocationAnnotations?, trace: inout CodingTrace?) -> [Event] {
        var document = document
        return code(&document, places: places, trace: &trace)
    }

    /// Codes a document with its places, and records on it the actors it resolved
    /// (`Document.spans.actors`).
    public func code(_ document: inout Document, places: LocationAnnotations?) -> [Event] {
        var trace: CodingTrace? = nil
        return code(&document, places: places, trace: &trace)
    }

    /// Codes a document with its places, records on it the actors it resolved and, when `trace`
    /// is not nil, every step.
    public func code(_ document: inout Document, places: LocationAnnotations?, trace: inout CodingTrace?) -> [Event] {
        document.spans.actors = []
        let locatedPlaces = places.map { placesActedOn($0) } ?? []
        // Each sentence's places, found once: filtering the document's for every sentence would
        // grow with the square of a long document.
        var placesBySentence: [Int: [PlaceActedOn]] = [:]
        for place in locatedPlaces { placesBySentence[place.sentence, default: []].append(place) }
        let words = WordAnalysis(document: document, shared: shared)
        // The article's date as events carry it, read once for the document.
        let articleDate = ISODate.normalize(document.metadata.date)
        let date = Self.dateNumber(articleDate)
        let recognizer = ActorRecognizer(shared: shared)
        var context = DiscourseContext()
        var sentencePhrases: [[ActorPhrase]] = []
        // First pass: actors everywhere, so that roles without a country can take the country
        // the article is about.
        for sentence in document.sentences {
            let mentions = recognizer.mentions(in: document, sentence: sentence, words: words, date: date)
            let phrases = recognizer.phrases(in: document, sentence: sentence, mentions: mentions, words: words)
            for phrase in phrases where !phrase.needsCountry {
                if let country = phrase.country { context.countryCounts.add(country) }
            }
            sentencePhrases.append(phrases)
        }
        // Roles come from the parse only where an actor is named: parse those sentences alone.
        // Pieces cut from a run of words with no sentence end (a list, a table, a text with no
        // full stops) are no sentences to parse: the word-order rules code them, in time that
        // stays a small multiple of reading them.
        if let parser {
            for (index, sentence) in document.sentences.enumerated()
            where !sentence.isPieceOfLonger && document.tokens[sentence.tokens.lowerBound].relation == nil {
                // A name the tagger called a verb ("Blinken on Tuesday criticized") is an actor
                // once the parse shows its role.
                let nameTaggedVerb = recognizer.hasNameTaggedVerb(in: document, sentence: sentence, words: words, parsed: false)
                guard !sentencePhrases[index].isEmpty || nameTaggedVerb else { continue }
                parser.parse(&document, sentence: sentence)
                guard nameTaggedVerb, recognizer.hasNameTaggedVerb(in: document, sentence: sentence, words: words, parsed: true) else { continue }
                let mentions = recognizer.mentions(in: document, sentence: sentence, words: words, date: date)
                let phrases = recognizer.phrases(in: document, sentence: sentence, mentions: mentions, words: words)
                for phrase in phrases where !phrase.needsCountry && !sentencePhrases[index].contains(where: { $0.tokens == phrase.tokens }) {
                    if let country = phrase.country { context.countryCounts.add(country) }
                }
                sentencePhrases[index] = phrases
            }
        }
        let original = OriginalText(document.original)
        var events: [Event] = []
        for (index, sentence) in document.sentences.enumerated() {
            var phrases = sentencePhrases[index]
            let chunks = Array(SentenceCoder.chunks(of: sentence, in: document))
            let attribution = Attribution.start(of: sentence, chunks: chunks, words: words, tokens: document.tokens, shared: shared)
            fillCountries(&phrases, attributionStart: attribution, context: context,
                          places: placesBySentence[index] ?? [], words: words)
            placeEthnicGroups(&phrases, attributionStart: attribution)
            for phrase in phrases where !phrase.isLocative {
                let span = document.span(ofTokens: phrase.tokens, in: original)
                document.spans.actors.append(ActorSpan(tokens: phrase.tokens, sentence: index, code: phrase.code, country: phrase.country,
                                                       name: phrase.name, resolution: phrase.resolution, span: span))
            }
            let clause = SentenceCoder(
                coder: self, document: document, sentence: sentence, sentenceIndex: index, words: words,
                phrases: phrases, chunks: chunks, attributionStart: attribution, original: original, articleDate: articleDate,
                places: placesBySentence[index] ?? [], tracing: trace != nil
            )
            var sentenceTrace: SentenceTrace? = trace == nil ? nil : SentenceTrace(sentence: index)
            let sentenceStart = events.count
            clause.events(into: &events, context: &context, trace: &sentenceTrace)
            appendPairedEvents(of: sentenceStart..<events.count, to: &events)
            if let sentenceTrace { trace?.sentences.append(sentenceTrace) }
            for phrase in phrases where phrase.isPerson || phrase.agentType != nil {
                context.lastPerson = phrase
            }
            if let last = phrases.last(where: { !$0.isLocative }) { context.lastActor = last }
        }
        guard dialect.petrarchActorCodes, events.contains(where: Self.hasAlternatives) else { return events }
        // Nearly every event names no alternatives: those are kept as they are, not each
        // wrapped in an array of its own.
        var split: [Event] = []
        split.reserveCapacity(events.count)
        for event in events {
            if Self.hasAlternatives(event) { split += Self.splittingAlternatives(event) } else { split.append(event) }
        }
        return split
    }

    /// Whether an event's source or target is coded `A/B`.
    static func hasAlternatives(_ event: Event) -> Bool {
        hasAlternatives(event.source) || hasAlternatives(event.target)
    }

    static func hasAlternatives(_ actor: EventActor?) -> Bool { actor?.code.utf8.contains(UInt8(ascii: "/")) ?? false }

    /// An event between actors coded `A/B` (TABARI/PETRARCH actors that are each of several) as
    /// one event per pair of alternatives, none of an actor with itself.
    static func splittingAlternatives(_ event: Event) -> [Event] {
        guard hasAlternatives(event) else { return [event] }
        func alternatives(_ actor: EventActor?) -> [EventActor?] {
            guard let actor, hasAlternatives(actor) else { return [actor] }
            return actor.code.split(separator: "/").map { code in
                var copy = actor
                copy.code = String(code)
                copy.country = code.hasPrefix("---") ? nil : String(code.prefix(3))
                return copy
            }
        }
        let sources = alternatives(event.source), targets = alternatives(event.target)
        guard sources.count > 1 || targets.count > 1 else { return [event] }
        var result: [Event] = []
        for source in sources {
            for target in targets where source == nil || target == nil || source!.code != target!.code {
                var copy = event
                copy.source = source
                copy.target = target
                copy.refreshID()
                result.append(copy)
            }
        }
        return result
    }

    /// The second events of patterns that make pairs (PETRARCH's `[032:033]`: a visit made by
    /// the source is a visit received by the target), from the target back to the source.
    /// Appended after the events at `coded`, those of one sentence.
    private func appendPairedEvents(of coded: Range<Int>, to events: inout [Event]) {
        guard !lexicon.pairedCodes.isEmpty else { return }
        // By index, not `compactMap` or `for in`: those copy every event, most of which make no pair.
        for index in coded {
            guard events[index].target != nil, let paired = lexicon.pairedCodes[events[index].rule],
                  let type = lexicon.eventTable[paired] else { continue }
            var copy = events[index]
            swap(&copy.source, &copy.target)
            copy.code = paired
            copy.quadClass = type.quadClass
            copy.goldstein = type.goldstein
            copy.ploverCategory = type.ploverCategory
            copy.ploverMode = type.ploverMode
            copy.refreshID()
            events.append(copy)
        }
    }

    /// A role with no country in its phrase ("police fired tear gas") takes the country the
    /// sentence names, if it names one, else the one the article is most about. The closing
    /// attribution (", officials in Nairobi said") does not count: it names who reported.
    private func fillCountries(_ phrases: inout [ActorPhrase], attributionStart: Int, context: DiscourseContext,
                               places geoparsed: [PlaceActedOn], words: WordAnalysis) {
        // Most sentences have no such role: build nothing for them.
        guard phrases.contains(where: \.needsCountry) else { return }
        // A news outlet ("(Reuters)") says where the report comes from, not where the story is.
        let telling = phrases.map { $0.code.hasSuffix("MED") && $0.resolution == .dictionary }
        let named = Set(phrases.indices.filter { !phrases[$0].needsCountry && phrases[$0].tokens.lowerBound < attributionStart && !telling[$0] }
            .compactMap { phrases[$0].country })
        // Else where the sentence puts things ("prisoners rioted at a jail in Dili"), when it
        // names one country as a place.
        // Towns the lexicon does not name count too ("rebels attacked in Aleppo").
        let places = Set(phrases.filter { $0.isLocative && $0.tokens.lowerBound < attributionStart }.compactMap(\.country))
            .union(geoparsed.filter { $0.tokens.lowerBound < attributionStart }.map(\.country))
        let placed = places.count == 1 ? places.first : nil
        for index in phrases.indices where phrases[index].needsCountry {
            // "An Ethiopian envoy said his government ...", "Pakistan ... urged its citizens": a
            // role after a possessive is of the country of whom it refers back to: for "his" and
            // "her" the nearest person before it, for "its" and "their" the sentence's first actor.
            let first = phrases[index].tokens.lowerBound
            let possessive = first > 0 ? words.lowered[first - 1] : ""
            let candidates = phrases.indices[..<index].filter {
                !phrases[$0].needsCountry && phrases[$0].country != nil && !phrases[$0].isLocative && !telling[$0]
            }
            let ownerIndex = possessive == "his" || possessive == "her"
                ? candidates.last(where: { phrases[$0].isPerson || phrases[$0].agentType != nil })
                : ClauseWords.possessives.contains(possessive) ? candidates.first : nil
            if let ownerIndex, let owner = phrases[ownerIndex].country {
                phrases[index].country = owner
                phrases[index].code = owner + (phrases[index].agentType ?? "")
                phrases[index].resolution = .context
                phrases[index].needsCountry = false
                continue
            }
            // One country in the sentence settles it; with several, the one named just before
            // the role ("Russian aircraft including helicopter gunships") is the likeliest.
            let before = phrases.indices[..<index].last(where: { !phrases[$0].needsCountry && phrases[$0].country != nil
                && !phrases[$0].isLocative && !telling[$0]
                && phrases[index].tokens.lowerBound - phrases[$0].tokens.upperBound <= 3 }).flatMap { phrases[$0].country }
            guard let country = named.count == 1 ? named.first : (named.count > 1 ? before ?? placed : placed) ?? context.mainCountry else { continue }
            phrases[index].country = country
            phrases[index].code = country + (phrases[index].agentType ?? "")
            phrases[index].resolution = .context
            phrases[index].needsCountry = false
        }
    }

    /// "Up to 100 ethnic Albanians demonstrated in Serbia": an ethnic group takes the country
    /// of the place the sentence puts it in, when that is another country than its kin state.
    private func placeEthnicGroups(_ phrases: inout [ActorPhrase], attributionStart: Int) {
        guard phrases.contains(where: \.isEthnicGroup) else { return }
        for index in phrases.indices where phrases[index].isEthnicGroup {
            let kin = phrases[index].country
            guard let place = phrases.first(where: { $0.isLocative && $0.tokens.lowerBound < attributionStart && $0.country != nil && $0.country != kin }),
                  let country = place.country else { continue }
            phrases[index].country = country
            phrases[index].code = country + (phrases[index].agentType ?? "CVL")
            phrases[index].resolution = .context
        }
    }

    /// The places named after a locative preposition ("in Aleppo"), each as the actor its country
    /// is, by the country's name in the lexicon.
    private func placesActedOn(_ annotations: LocationAnnotations) -> [PlaceActedOn] {
        var result: [PlaceActedOn] = []
        for (mention, value) in zip(annotations.places, annotations.placeValues) where mention.isLocative && !mention.isDemonym {
            guard let name = value.countryName, let code = shared.countryCode(named: name) else { continue }
            result.append(PlaceActedOn(tokens: mention.tokens, sentence: mention.sentence, country: code, name: value.name))
        }
        return result
    }

    /// The article date as YYYYMMDD, from any form `ISODate` reads.
    static func dateNumber(_ date: String?) -> Int? { ISODate.dayInteger(date) }
}

/// A lexicon shared by reference (see `EventCoder.shared`), with what the coder derives from it
/// once.
final class SharedLexicon: Sendable {
    let lexicon: Lexicon
    let dialect: CodingDialect
    /// For each verb, the words its patterns need (see `PatternFilter`).
    let verbFilters: [Int32: PatternFilter]
    /// Memos of the words documents met, for `WordAnalysis`: they hold this lexicon's ids.
    let wordMemos = ScratchPool { WordAnalysisMemo() }

    /// Country codes by the lower-cased names of the lexicon's countries.
    private let countriesByName: [String: String]

    init(_ lexicon: Lexicon) {
        self.lexicon = lexicon
        dialect = CodingDialect(lexicon.codeStyle)
        verbFilters = PatternFilter.verbFilters(of: lexicon)
        var byName: [String: String] = [:]
        for entry in lexicon.actors where entry.kind == .country && entry.agentType == nil {
            byName[entry.name.lowercased()] = byName[entry.name.lowercased()] ?? entry.code
        }
        countriesByName = byName
    }

    /// The code of the country the lexicon names so (the gazetteer's country names).
    func countryCode(named name: String) -> String? { countriesByName[name.lowercased()] }
}

/// A place named after a locative preposition, as the country actor an act done there is done to.
struct PlaceActedOn: Sendable {
    var tokens: Range<Int>
    var sentence: Int
    /// The CAMEO code of the place's country.
    var country: String
    var name: String
}

/// What the coder remembers across sentences of one document.
struct DiscourseContext {
    var countryCounts = CountryCounts()
    var lastPerson: ActorPhrase? = nil
    var lastActor: ActorPhrase? = nil
    /// The last subject found, for pronouns that continue it.
    var lastSubject: ActorPhrase? = nil

    /// The country the article names most (ties broken by code, so runs are reproducible).
    var mainCountry: String? { countryCounts.mostNamed }
}

/// How often a document names each country. A document names a handful of countries, so a
/// list searched in order costs less than a dictionary hashing every name.
struct CountryCounts {
    private var countries: [String] = []
    private var counts: [Int] = []

    mutating func add(_ country: String) {
        if let index = countries.firstIndex(of: country) {
            counts[index] += 1
        } else {
            countries.append(country)
            counts.append(1)
        }
    }

    /// The country named most; of those named equally often, the first by code.
    var mostNamed: String? {
        guard var best = countries.indices.first else { return nil }
        for index in countries.indices.dropFirst()
        where counts[index] > counts[best] || (counts[index] == counts[best] && countries[index] < countries[best]) {
            best = index
        }
        return countries[best]
    }
}
