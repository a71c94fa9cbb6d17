import Foundation
import DyadCore

/// A place name found in a document, resolved to a gazetteer entry when one fits.
public struct PlaceMention: Sendable, Hashable {
    /// Indices into `Document.tokens`.
    public var tokens: Range<Int>
    public var sentence: Int
    /// Index into `Gazetteer.entries`; nil for an area known only by its form ("Rapides Parish").
    public var entry: Int?
    /// A country named by its adjective or people ("Turkish police", "Russians").
    public var isDemonym: Bool
    /// A locative preposition governs it ("in Istanbul", "near the Pituffik Space Base").
    public var isLocative: Bool
    /// A lowercase feature noun follows ("a South China Sea shoal"): the text means a place
    /// of that kind inside this one.
    public var featureNoun: String?
    /// For an area known only by its form: the state it lies in, when the text says ("Metcalfe
    /// County, Kentucky") or the article names one state only. Its centre stands in for the area.
    public var containingState: Int?
}

/// Finds place names with the tagger's tags and the gazetteer, tells them from people and
/// organizations by context, and resolves each to one entry (country of the article, nearby
/// places, population, "city of", "state of").
public struct Geoparser: Sendable {
    public let gazetteer: Gazetteer

    /// The lists of `place-words.txt`, looked up once here rather than by name for every document.
    private let titles: KeyTable, followers: KeyTable, areaSuffixes: KeyTable, notPlaces: KeyTable
    private let locatives: KeyTable, directions: KeyTable, cityWords: KeyTable, stateWords: KeyTable

    public init(gazetteer: Gazetteer = .shared, words: WordLists = .bundled("place-words")) {
        self.gazetteer = gazetteer
        titles = words.table("title")
        followers = words.table("place-follower")
        areaSuffixes = words.table("area-suffix")
        notPlaces = words.table("not-place")
        locatives = words.table("locative")
        directions = words.table("direction")
        cityWords = words.table("city-word")
        stateWords = words.table("state-word")
    }

    /// A name before resolution: its tokens and every entry it may be.
    struct Candidate {
        var tokens: Range<Int>
        var sentence: Int
        var refs: [Gazetteer.NameRef]
        var isDemonym: Bool
        var isLocative: Bool
        var featureNoun: String?
        var areaOnly: Bool
    }

    public func places(in document: Document) -> [PlaceMention] {
        places(in: document, keys: document.tokenKeys())
    }

    /// `keys`: `Document.tokenKeys()`, which the time recognizer reads too.
    func places(in document: Document, keys: [UInt64]) -> [PlaceMention] {
        let view = TokenBytes(bytes: document.text.bytes)
        let tokens = document.tokens
        var candidates: [Candidate] = []
        // Names seen as part of a person ("Michael Jordan"): later bare uses are that person.
        var personKeys: Set<UInt64> = []
        // Surnames: words after a title ("President Biden"), so "Paris Hilton" is not Paris.
        var personNames: Set<UInt64> = []
        for sentence in document.sentences {
            for index in sentence.tokens.dropLast() where titles[keys[index]] != nil {
                var next = index + 1
                while next < sentence.tokens.upperBound, tokens[next].pos == .PROPN, next - index <= 3 {
                    personNames.insert(keys[next])
                    next += 1
                }
            }
        }

        for (sentenceIndex, sentence) in document.sentences.enumerated() {
            var index = sentence.tokens.lowerBound
            while index < sentence.tokens.upperBound {
                let token = tokens[index]
                guard token.shape == .word, view.isCapitalized(token.range) else {
                    index += 1
                    continue
                }
                // The longest run of words (capitalized, or "of"/"al"/"de" inside) that is a name.
                var hasher = KeyHasher()
                var best: (end: Int, refs: [Gazetteer.NameRef])?
                var end = index
                let limit = min(sentence.tokens.upperBound, index + gazetteer.maxNameWords)
                while end < limit {
                    let current = tokens[end]
                    if end > index {
                        if current.shape != .word && !(current.shape == .punctuation && current.length == 1
                                                       && view.bytes[Int(current.start)] == 0x2D) { break }
                        if tokens[end - 1].spaceAfter { hasher.add(0x20) }
                    }
                    for byte in view.bytes[current.range] { hasher.add(byte) }
                    if view.isCapitalized(current.range) {
                        let refs = gazetteer.lookup(hasher.value)
                        if !refs.isEmpty { best = (end + 1, refs) }
                    } else if current.length > 3 {
                        break  // only short connectors ("of", "de", "al", "-") inside a name
                    }
                    end += 1
                }
                let previous = index > sentence.tokens.lowerBound ? index - 1 : nil
                let previousKey = previous.map { keys[$0] }
                // "Rapides Parish", "Orange County": an area by its form, in the gazetteer or not.
                var runEnd = index
                while runEnd < sentence.tokens.upperBound, tokens[runEnd].shape == .word,
                      view.isCapitalized(tokens[runEnd].range), runEnd - index < 4 { runEnd += 1 }
                if runEnd > index + 1, areaSuffixes[keys[runEnd - 1]] != nil,
                   best.map({ $0.end < runEnd }) ?? true {
                    let whole = gazetteer.lookup(document.text.string(Int(tokens[index].start)..<Int(tokens[runEnd - 1].end)))
                    candidates.append(Candidate(tokens: index..<runEnd, sentence: sentenceIndex, refs: whole,
                                                isDemonym: false, isLocative: previousKey.map { locatives[$0] != nil } ?? false,
                                                featureNoun: nil, areaOnly: whole.isEmpty))
                    index = runEnd
                    continue
                }
                guard let found = best else {
                    index += 1
                    continue
                }
                let span = index..<found.end
                // Most names have no demonym among their entries: no filtered copies for them.
                let hasDemonym = found.refs.contains { $0.isDemonym }
                let names = hasDemonym ? found.refs.filter { !$0.isDemonym } : found.refs
                let demonyms = hasDemonym ? found.refs.filter { $0.isDemonym } : []
                let nextIndex = found.end < sentence.tokens.upperBound ? found.end : nil
                let nextKey = nextIndex.map { keys[$0] }
                let nextCapitalized = nextIndex.map { tokens[$0].shape == .word && view.isCapitalized(tokens[$0].range) } ?? false
                let nameKey = view.key(Int(tokens[span.lowerBound].start)..<Int(tokens[span.upperBound - 1].end))
                var keep = true
                var isDemonym = names.isEmpty
                if isDemonym && demonyms.isEmpty { keep = false }
                if let previous, let previousKey {
                    if titles[previousKey] != nil { keep = false; personKeys.insert(nameKey) }
                    // A first name before a city's name makes a person ("George Washington", "Michael
                    // Jordan"): a listed given name, or any capitalized word (not an acronym, not a
                    // place, not a direction) before a name that is only a city's. Countries and states
                    // after a name stay places ("Team Alberta", "Costco Canada").
                    let previousToken = tokens[previous]
                    let onlyCities = names.allSatisfy { gazetteer.facts[Int($0.entry)].kind == .city }
                    let givenName = notPlaces[previousKey] != nil
                        || (onlyCities && gazetteer.lookup(previousKey).isEmpty && view.hasLowercase(previousToken.range))
                    if previousToken.pos == .PROPN, previousToken.shape == .word, view.isCapitalized(previousToken.range),
                       givenName, directions[previousKey] == nil, !isDemonym, span.count == 1 {
                        keep = false
                        personKeys.insert(nameKey)
                    }
                }
                if personKeys.contains(nameKey) && span.count == 1 { keep = false }
                // A place inside an organization's name ("Texas Department of State Health Services",
                // "the Georgia Bureau of Investigation") is still a place mention, as the gold sets
                // count it; only a person's name after it ("Paris Hilton") is not.
                if keep, !isDemonym, nextCapitalized, let nextIndex, let nextKey, tokens[nextIndex].pos == .PROPN,
                   followers[nextKey] == nil, personNames.contains(nextKey), span.count == 1 {
                    keep = false
                }
                if keep, span.count == 1, notPlaces[nameKey] != nil { keep = false }
                // A single word the tagger does not call a name ("Mobile", "Reading") is a place only
                // when it is a country, state or named feature.
                if keep, span.count == 1, !isDemonym, tokens[index].pos != .PROPN,
                   !names.contains(where: { gazetteer.facts[Int($0.entry)].kind != .city }) {
                    if demonyms.isEmpty { keep = false } else { isDemonym = true }
                }
                if keep {
                    var feature: String?
                    if let nextIndex, let nextKey, !nextCapitalized, tokens[nextIndex].pos == .NOUN,
                       areaSuffixes[nextKey] != nil || document.text(ofToken: nextIndex).lowercased() == "shoal" {
                        feature = document.text(ofToken: nextIndex).lowercased()
                    }
                    var locative = false
                    var back = index - 1
                    // "in Istanbul", "off a disputed South China Sea shoal": skip determiners and adjectives.
                    while back >= sentence.tokens.lowerBound, back >= index - 4 {
                        let key = keys[back]
                        if locatives[key] != nil { locative = true; break }
                        let pos = tokens[back].pos
                        // A participle counts as an adjective after a determiner ("a disputed ... shoal").
                        let participle = pos == .VERB && back > sentence.tokens.lowerBound && tokens[back - 1].pos == .DET
                        if pos != .DET && pos != .ADJ && pos != .NUM && !participle { break }
                        back -= 1
                    }
                    candidates.append(Candidate(tokens: span, sentence: sentenceIndex,
                                                refs: isDemonym ? demonyms : names, isDemonym: isDemonym,
                                                isLocative: locative && !isDemonym, featureNoun: feature, areaOnly: false))
                }
                index = found.end
            }
        }
        return resolve(candidates, document: document, view: view, keys: keys)
    }

    /// Picks one entry per candidate by its prior and the countries the article is about.
    ///
    /// Countries and states are compared by their ranks in `Gazetteer.facts`, and the few an
    /// article names are kept in short lists: hashing their codes as strings was most of the work.
    func resolve(_ candidates: [Candidate], document: Document, view: TokenBytes, keys: [UInt64]) -> [PlaceMention] {
        let facts = gazetteer.facts
        // Votes for the article's countries: unambiguous names count whole, others by their best prior.
        var votes = CountryVotes()
        // An ambiguous name votes once, however often it recurs: eight "London"s in an Ontario
        // story must not outvote the one unambiguous place beside them.
        var ambiguousVoted: [Int32] = []
        for candidate in candidates where !candidate.refs.isEmpty {
            let country = facts[Int(candidate.refs[0].entry)].country
            if candidate.refs.allSatisfy({ facts[Int($0.entry)].country == country }) {
                votes.add(1, for: country)
            } else if let best = candidate.refs.max(by: { prior($0) < prior($1) }),
                      !ambiguousVoted.contains(candidate.refs[0].entry) {
                ambiguousVoted.append(candidate.refs[0].entry)
                votes.add(0.5, for: facts[Int(best.entry)].country)
            }
        }
        let top = votes.top
        // The more the article is about one country, the more its names mean places there
        // ("Paris" in a Texas paper).
        let totalVotes = votes.total
        let topShare = totalVotes > 0 ? (top.map { votes.count(for: $0) } ?? 0) / totalVotes : 0
        let topBonus = 1.0 + 2.0 * topShare
        // States the article names without doubt: their cities are likelier than namesakes elsewhere.
        var articleAreas: [Int32] = []
        var articleStates: [Int32] = []
        for candidate in candidates where !candidate.isDemonym && candidate.refs.count == 1 {
            let entry = candidate.refs[0].entry
            guard facts[Int(entry)].kind == .adm1 else { continue }
            if !articleAreas.contains(facts[Int(entry)].adm1) { articleAreas.append(facts[Int(entry)].adm1) }
            if !articleStates.contains(entry) { articleStates.append(entry) }
        }
        // Anchors: cities and states the article names without doubt. A namesake near them is
        // likelier than one far away ("Paris" beside "Henry County, Tennessee").
        var anchors: [(Float, Float)] = []
        for candidate in candidates where candidate.refs.count == 1 && !candidate.isDemonym {
            let entry = facts[Int(candidate.refs[0].entry)]
            if entry.kind == .city || entry.kind == .adm1, !entry.latitude.isNaN { anchors.append((entry.latitude, entry.longitude)) }
        }
        var mentions: [PlaceMention] = []
        mentions.reserveCapacity(candidates.count)
        var nearAreas: [Int32] = [], nearCountries: [Int32] = []
        for (number, candidate) in candidates.enumerated() {
            var chosen: Int?
            if !candidate.refs.isEmpty {
                let first = candidate.tokens.lowerBound
                let sentence = document.sentences[candidate.sentence].tokens
                // "the city of X", "the state of X", "X state"
                var cityCue = false, stateCue = false
                if first - 2 >= sentence.lowerBound, keys[first - 1] == Geoparser.ofKey {
                    let word = keys[first - 2]
                    cityCue = cityWords[word] != nil
                    stateCue = stateWords[word] != nil
                }
                if candidate.tokens.upperBound < sentence.upperBound,
                   stateWords[keys[candidate.tokens.upperBound]] != nil,
                   !view.isCapitalized(document.tokens[candidate.tokens.upperBound].range) {
                    stateCue = true
                }
                // Neighbours in the same sentence ("Alexandria, Louisiana"): their entries' areas.
                nearAreas.removeAll(keepingCapacity: true)
                nearCountries.removeAll(keepingCapacity: true)
                for other in candidates[max(0, number - 3)..<min(candidates.count, number + 4)]
                where other.sentence == candidate.sentence && other.tokens != candidate.tokens {
                    for ref in other.refs {
                        let entry = facts[Int(ref.entry)]
                        if entry.kind == .adm1 { nearAreas.append(entry.adm1) }
                        if entry.kind == .country { nearCountries.append(entry.country) }
                    }
                }
                var bestScore = -Double.infinity
                for ref in candidate.refs {
                    let entry = facts[Int(ref.entry)]
                    var score = prior(ref)
                    var nearest = Float.infinity
                    if entry.kind == .city, candidate.refs.count > 1, !entry.latitude.isNaN {
                        for anchor in anchors { nearest = min(nearest, Geoparser.roughKilometres(anchor, (entry.latitude, entry.longitude))) }
                        if nearest < 150 { score += 1.5 } else if nearest < 400 { score += 0.8 }
                    }
                    let inArticleArea = entry.kind == .city && articleAreas.contains(entry.adm1)
                    if inArticleArea { score += 0.8 }
                    // A small namesake in the article's country counts fully only near its other places,
                    // or when the article is about that country alone (a local paper's "Paris").
                    let local = entry.kind != .city || inArticleArea || nearest < 400 || entry.population >= 1_000_000
                        || topShare >= 0.75
                    if entry.country == top { score += local ? topBonus : topBonus * 0.5 }
                    else if votes.contains(entry.country) { score += 0.5 }
                    if entry.kind == .city && cityCue { score += 1.5 }
                    if entry.kind == .adm1 && stateCue { score += 1.5 }
                    if entry.kind != .adm1 && entry.hasAdm1 && nearAreas.contains(entry.adm1) { score += 2 }
                    if entry.kind != .country && nearCountries.contains(entry.country) { score += 1 }
                    if score > bestScore {
                        bestScore = score
                        chosen = Int(ref.entry)
                    }
                }
            }
            if candidate.areaOnly || chosen != nil {
                var state: Int?
                if candidate.areaOnly {
                    // "Butler County, Ohio": the state right after; else the article's only state.
                    if number + 1 < candidates.count, candidates[number + 1].sentence == candidate.sentence,
                       candidates[number + 1].tokens.lowerBound <= candidate.tokens.upperBound + 1,
                       let next = candidates[number + 1].refs.first(where: { facts[Int($0.entry)].kind == .adm1 }) {
                        state = Int(next.entry)
                    } else if articleStates.count == 1, let only = articleStates.first {
                        state = Int(only)
                    }
                }
                mentions.append(PlaceMention(tokens: candidate.tokens, sentence: candidate.sentence, entry: chosen,
                                             isDemonym: candidate.isDemonym, isLocative: candidate.isLocative,
                                             featureNoun: candidate.featureNoun, containingState: state))
            }
        }
        return mentions
    }

    /// Equirectangular distance: enough to tell near from far, and cheap.
    static func roughKilometres(_ a: (Float, Float), _ b: (Float, Float)) -> Float {
        let x = (b.1 - a.1) * cos((a.0 + b.0) * 0.5 * .pi / 180)
        let y = b.0 - a.0
        return (x * x + y * y).squareRoot() * 111.2
    }

    static let ofKey: UInt64 = {
        var hasher = KeyHasher()
        for byte in "of".utf8 { hasher.add(byte) }
        return hasher.value
    }()

    /// How likely a name means this entry before context: countries, then states and named
    /// features, then cities by population; alternate spellings count less.
    func prior(_ ref: Gazetteer.NameRef) -> Double {
        let entry = gazetteer.facts[Int(ref.entry)]
        var score: Double
        switch entry.kind {
        // Among countries, the populous one: "American" is the United States, not American Samoa.
        case .country: score = 3 + 0.1 * log10Population(entry.population)
        case .adm1: score = entry.isInUS ? 2.4 : 1.6
        case .feature: score = 2.5
        case .city:
            score = 0.4 * log10Population(entry.population) - 0.6
            if entry.isCapital { score += 0.8 }
        }
        if ref.isAlternate { score -= 0.7 }
        return score
    }

    private func log10Population(_ population: Int32) -> Double {
        var value = Double(max(population, 1)), digits = 0.0
        while value >= 10 { value /= 10; digits += 1 }
        return digits + (value - 1) / 9  // piecewise-linear log10, enough for a prior
    }

    /// The place value of a mention, with character offsets in the document's original text.
    public func place(_ mention: PlaceMention, in document: Document, original: OriginalText) -> Place {
        let span = document.span(ofTokens: mention.tokens, in: original)
        let (text, start, end) = (span.text, span.start, span.end)
        guard let entry = mention.entry else {
            if let state = mention.containingState {
                // The area's own point is unknown: its state's centre, its state's codes, no id.
                var place = gazetteer.place(state, type: "adm2", text: text, start: start, end: end)
                place.name = text
                place.geonameID = nil
                return place
            }
            return Place(name: text, type: "adm2", latitude: nil, longitude: nil, country: nil, fipsCountry: nil,
                         adm1: nil, adm1Name: nil, countryName: nil, geonameID: nil, text: text, start: start, end: end)
        }
        return gazetteer.place(entry, type: mention.isDemonym ? "demonym" : nil, text: text, start: start, end: end)
    }
}

/// Votes for the countries an article is about, by country rank (`Gazetteer.Facts.country`). An
/// article names few countries: a short list searched in order is cheaper than a hash table.
struct CountryVotes {
    private var countries: [Int32] = []
    private var counts: [Double] = []

    mutating func add(_ votes: Double, for country: Int32) {
        if let position = countries.firstIndex(of: country) {
            counts[position] += votes
        } else {
            countries.append(country)
            counts.append(votes)
        }
    }

    func contains(_ country: Int32) -> Bool { countries.contains(country) }

    func count(for country: Int32) -> Double { countries.firstIndex(of: country).map { counts[$0] } ?? 0 }

    /// All votes. Each is a whole or a half, so the sum is exact in any order.
    var total: Double { counts.reduce(0, +) }

    /// The country with most votes; of equal ones, the first code in order (the lowest rank).
    var top: Int32? {
        var best: Int?
        for position in countries.indices {
            if let current = best, counts[position] < counts[current]
                || (counts[position] == counts[current] && countries[position] > countries[current]) { continue }
            best = position
        }
        return best.map { countries[$0] }
    }
}

extension Document {
    /// Each token's key (`TokenBytes.key`), hashed once for the geoparser and the time recognizer.
    func tokenKeys() -> [UInt64] {
        let view = TokenBytes(bytes: text.bytes)
        return tokens.map { view.key($0.range) }
    }
}
