import Foundation
import DyadCore

/// Everything the geoparser and the time recognizer found in one document.
public struct LocationAnnotations: Sendable {
    public var places: [PlaceMention]
    /// `places` as values, with character offsets in the document's original text.
    public var placeValues: [Place]
    public var times: [TimeExpression]
    /// Character spans of `times` in the original text.
    public var timeSpans: [TextSpan]
    public var articleDate: CivilDate?
    /// The place the dateline names, else the place the article names most.
    public var mainPlace: Place?
}

/// Dates and places events: the time expression nearest the event's trigger in its sentence
/// (else the article date), and the location phrase of its sentence (else the dateline's or the
/// article's main place). A post-processing step, so the coder stays as it is.
public struct EventLocator: Sendable {
    public let geoparser: Geoparser
    public let times: TimeRecognizer

    public init(geoparser: Geoparser = Geoparser(), times: TimeRecognizer = TimeRecognizer()) {
        self.geoparser = geoparser
        self.times = times
    }

    /// Codes a document with `coder`, with the places found here standing for the targets of
    /// acts done in them, and dates and places its events: what `dyad code`, `annotate` and
    /// `ingest` write.
    public func codeAndLocate(_ document: Document, coder: EventCoder) -> (events: [Event], annotations: LocationAnnotations) {
        var document = document
        let annotations = annotate(&document)
        return (locate(coder.code(&document, places: annotations), in: document, annotations: annotations), annotations)
    }

    /// Codes a document, dates and places its events, and leaves on it the actors, places and
    /// times found (`Document.spans`): what `dyad code`, `annotate` and `ingest` run.
    public func codeAndLocate(_ document: inout Document, coder: EventCoder) -> [Event] {
        let annotations = annotate(&document)
        return locate(coder.code(&document, places: annotations), in: document, annotations: annotations)
    }

    /// Finds the document's places and times, and records them on it as spans.
    public func annotate(_ document: inout Document) -> LocationAnnotations {
        let annotations = annotate(document)
        document.spans.places = zip(annotations.places, annotations.placeValues).map {
            PlaceSpan(tokens: $0.tokens, sentence: $0.sentence, place: $1)
        }
        document.spans.times = zip(annotations.times, annotations.timeSpans).map { expression, span in
            TimeSpan(tokens: expression.tokens, sentence: expression.sentence, kind: expression.kind.rawValue,
                     value: expression.value, precision: expression.precisionName, relative: expression.relative, span: span)
        }
        return annotations
    }

    public func annotate(_ document: Document) -> LocationAnnotations {
        let original = OriginalText(document.original)
        let articleDate = ISODate.normalize(document.metadata.date).flatMap { CivilDate(iso: $0) }
        let keys = document.tokenKeys()
        let mentions = geoparser.places(in: document, keys: keys)
        let values = mentions.map { geoparser.place($0, in: document, original: original) }
        let expressions = times.expressions(in: document, articleDate: articleDate, keys: keys)
        let spans = expressions.map { document.span(ofTokens: $0.tokens, in: original) }
        return LocationAnnotations(places: mentions, placeValues: values, times: expressions, timeSpans: spans,
                                   articleDate: articleDate,
                                   mainPlace: datelinePlace(document) ?? mostNamed(mentions, values))
    }

    // The events are taken (`consuming`) so that the coder's fresh array is dated and placed in
    // place, not copied event by event.
    public func locate(_ events: consuming [Event], in document: Document) -> [Event] {
        guard !events.isEmpty else { return events }
        return locate(events, in: document, annotations: annotate(document))
    }

    public func locate(_ events: consuming [Event], in document: Document, annotations: LocationAnnotations) -> [Event] {
        // The article date as an event's date, written once, for the first event that takes it.
        var articleDay: String?
        // Each event reads only its sentence's places and times: found once, so that a long
        // document costs its events times their sentences', not times the whole document's.
        let bySentence = SentenceIndex(annotations)
        for index in events.indices { locate(&events[index], annotations, bySentence, articleDay: &articleDay) }
        return events
    }

    /// The places and times of each sentence, by index into the annotations.
    private struct SentenceIndex {
        var places: [Int: [Int]] = [:]
        var times: [Int: [Int]] = [:]

        init(_ annotations: LocationAnnotations) {
            for (number, mention) in annotations.places.enumerated() { places[mention.sentence, default: []].append(number) }
            for (number, expression) in annotations.times.enumerated() { times[expression.sentence, default: []].append(number) }
        }
    }

    private func locate(_ event: inout Event, _ annotations: LocationAnnotations, _ bySentence: SentenceIndex,
                        articleDay: inout String?) {
        date(&event, annotations, times: bySentence.times[event.sentence] ?? [], articleDay: &articleDay)
        let places = bySentence.places[event.sentence] ?? []
        event.place = place(for: event, annotations, places: places)
        if let start = event.source?.start, let end = event.source?.end {
            event.source?.place = actorPlace(start: start, end: end, annotations, places: places)
        }
        if let start = event.target?.start, let end = event.target?.end {
            event.target?.place = actorPlace(start: start, end: end, annotations, places: places)
        }
    }

    /// `times`: the indices of the event's sentence's time expressions.
    private func date(_ event: inout Event, _ annotations: LocationAnnotations, times: [Int], articleDay: inout String?) {
        var best: Int?
        for number in times where annotations.times[number].kind == .date {
            let distance = abs(annotations.timeSpans[number].start - event.trigger.start)
            if best.map({ distance < abs(annotations.timeSpans[$0].start - event.trigger.start) }) ?? true { best = number }
        }
        if let best {
            let expression = annotations.times[best]
            if expression.isRelative && annotations.articleDate == nil {
                // Never invent a date: a relative expression without an article date stays undated.
                event.date = nil
                event.dateSource = .unresolved
            } else {
                event.date = expression.value
                event.dateSource = expression.isRelative ? .relative : .text
            }
            event.datePrecision = expression.precision
        } else if let articleDate = annotations.articleDate {
            if articleDay == nil { articleDay = articleDate.formatted(.day) }
            event.date = articleDay
            event.datePrecision = .day
            event.dateSource = .article
        } else {
            event.date = nil
            event.datePrecision = nil
            event.dateSource = nil
        }
    }

    /// `places`: the indices of the event's sentence's places.
    private func place(for event: Event, _ annotations: LocationAnnotations, places: [Int]) -> Place? {
        var best: Int?
        // The location phrase usually follows its verb, so places before the trigger count as farther.
        func distance(_ number: Int) -> Int {
            let offset = annotations.placeValues[number].start - event.trigger.start
            return offset >= 0 ? offset : 40 - 2 * offset
        }
        for number in places where annotations.places[number].isLocative && annotations.places[number].entry != nil {
            if best.map({ distance(number) < distance($0) }) ?? true { best = number }
        }
        guard let best else { return annotations.mainPlace }
        // "off a disputed South China Sea shoal": the named shoal the article gives elsewhere.
        if let noun = annotations.places[best].featureNoun {
            if let named = annotations.placeValues.first(where: { $0.type == noun }) { return named }
        }
        return annotations.placeValues[best]
    }

    /// Where the text puts an actor: a place named inside the actor's own words ("Police in
    /// Nairobi", "the authorities in Turkey", "Turkish journalists"), the most specific one first.
    /// An actor whose words name no place gets none: GDELT's actor geography is optional.
    /// `start`, `end`: the actor's words; `places`: the indices of its sentence's places.
    private func actorPlace(start: Int, end: Int, _ annotations: LocationAnnotations, places: [Int]) -> Place? {
        func rank(_ number: Int) -> Int {
            switch annotations.placeValues[number].type {
            case "country": return 1
            case "demonym": return 0
            case "adm1", "adm2": return 2
            default: return 3
            }
        }
        // The first of the highest rank.
        var best: (number: Int, rank: Int)?
        for number in places where annotations.places[number].entry != nil
            && annotations.placeValues[number].start >= start && annotations.placeValues[number].end <= end {
            let rank = rank(number)
            if best.map({ rank > $0.rank }) ?? true { best = (number, rank) }
        }
        return best.map { annotations.placeValues[$0.number] }
    }

    /// The place a dateline names ("ISTANBUL (Reuters)", "Manila, Philippines").
    private func datelinePlace(_ document: Document) -> Place? {
        guard let dateline = document.metadata.dateline else { return nil }
        let head = dateline.prefix { $0 != "(" && $0 != "," && $0 != "-" && $0 != "\u{2014}" }
            .trimmingCharacters(in: .whitespaces)
        let refs = geoparser.gazetteer.lookup(head).filter { !$0.isDemonym }
        guard let best = refs.max(by: { geoparser.prior($0) < geoparser.prior($1) }) else { return nil }
        return geoparser.gazetteer.place(Int(best.entry), text: head, start: 0, end: 0)
    }

    /// The resolved place named most often (demonyms aside); the first named wins ties.
    private func mostNamed(_ mentions: [PlaceMention], _ values: [Place]) -> Place? {
        // Each entry's first mention and count, in order of first mention: a document names few
        // places, so a list searched in order beats hashing.
        var named: [(entry: Int, first: Int, count: Int)] = []
        named.reserveCapacity(mentions.count)  // one allocation, not one per doubling
        for (number, mention) in mentions.enumerated() where !mention.isDemonym {
            guard let entry = mention.entry else { continue }
            if let position = named.firstIndex(where: { $0.entry == entry }) {
                named[position].count += 1
            } else {
                named.append((entry, number, 1))
            }
        }
        var top: (first: Int, count: Int)?
        for place in named where place.count > top?.count ?? 0 { top = (place.first, place.count) }
        return top.map { values[$0.first] }
    }
}
