import DyadCore
import DyadLexicon

/// A lexicon phrase found in the text.
struct ActorMention {
    var tokens: Range<Int>
    /// Positions in `Lexicon.actors`: the entries are read where they are, not copied.
    var entries: [Int32]
}

/// A noun phrase that names an actor, with the code its words add up to.
struct ActorPhrase {
    var tokens: Range<Int>
    /// The last word, which the phrase is about ("diplomats" in "Russian diplomats").
    var head: Int
    var code: String
    var country: String?
    var agentType: String?
    var name: String?
    var resolution: ActorResolution
    var isPerson: Bool
    /// Only places (countries, capitals, regions) after a locative preposition: "in Moscow".
    var isLocative: Bool
    /// A role whose country the phrase did not say ("police"): filled from context.
    var needsCountry: Bool
    /// The lexicon lines behind the code.
    var sources: [LexiconSource]
    /// "ethnic Albanians": a people named by its kin state's adjective, who may live in
    /// another country (CAMEO codes them by where they live: SRBCVL, with the ethnicity aside).
    var isEthnicGroup = false
    /// For a pronoun resolved to an actor, the words of the actor it stands for: events name
    /// the actor by them ("Putin", not "he").
    var referentTokens: Range<Int>? = nil

    /// Words the lexicon does not know, kept as an actor of empty code ("the legislation", "a
    /// car bomb").
    static func unknown(_ tokens: Range<Int>, head: Int) -> ActorPhrase {
        ActorPhrase(tokens: tokens, head: head, code: "", country: nil, agentType: nil, name: nil, resolution: .unresolved,
                    isPerson: false, isLocative: false, needsCountry: false, sources: [])
    }
}

/// Finds actor phrases in a sentence: lexicon matches grouped into noun phrases and combined
/// the way CAMEO combines codes (country + role: "Turkish police" is TURCOP).
struct ActorRecognizer {
    let shared: SharedLexicon
    var lexicon: Lexicon { shared.lexicon }

    @inline(never)  // kept apart in profiles: it is one of the coder's main costs
    func mentions(in document: Document, sentence: Sentence, words: WordAnalysis, date: Int?) -> [ActorMention] {
        var result: [ActorMention] = []
        let trie = lexicon.actorPhrases
        let actors = lexicon.actors
        let bytes = document.text.bytes
        let tokens = document.tokens
        let end = sentence.tokens.upperBound
        func tokenBytes(_ position: Int) -> ArraySlice<UInt8> { bytes[tokens[position].range] }
        /// The entries of a phrase at `start` that its tokens' case and the date allow, in order.
        func valid(_ entries: [Int32], at start: Int, agentsOnly: Bool = false) -> [Int32] {
            func accepts(_ entry: Int32) -> Bool {
                (!agentsOnly || actors[Int(entry)].kind == .agent) && actors[Int(entry)].isValid(on: date)
                    && trie.acceptsCase(of: entry, at: start, tokenBytes: tokenBytes)
            }
            // Most phrases keep all their entries: the trie's own array is then the answer, not a copy.
            guard let rejected = entries.firstIndex(where: { !accepts($0) }) else { return entries }
            return Array(entries[..<rejected]) + entries[(rejected + 1)...].filter(accepts)
        }
        words.wordIds.withUnsafeBufferPointer { wordIds in
            var index = sentence.tokens.lowerBound
            while index < end {
                // A word the lexicon never uses starts no phrase: no call into the trie for it.
                guard wordIds[index] >= 0 else { index += 1; continue }
                var mention: ActorMention? = nil
                trie.forEachMatch(at: index, wordIds: wordIds, limit: end) { length, candidates in
                    var entries = valid(candidates, at: index)
                    guard !entries.isEmpty else { return false }
                    // A lexicon word the tagger calls a verb is not a name ("turkey"), unless it is
                    // capitalized and the parse gives it a noun's role: an unfamiliar surname
                    // starting a sentence ("Blinken on Tuesday criticized ...").
                    if length == 1, tokens[index].pos == .VERB || tokens[index].pos == .AUX,
                       !Self.isNameByParse(tokens[index], firstByte: bytes[Int(tokens[index].start)]) { return false }
                    if shared.dialect.nestedAgents, length > 1 {
                        // TABARI/PETRARCH agents inside a longer agent count too: "main opposition
                        // group" is MOP and, as "opposition group", OPP.
                        let end = index + length
                        for inner in (index + 1)..<end {
                            trie.forEachMatch(at: inner, wordIds: wordIds, limit: end) { innerLength, innerCandidates in
                                if inner + innerLength == end { entries += valid(innerCandidates, at: inner, agentsOnly: true) }
                                return true  // the longest is the only one that can reach `end`
                            }
                        }
                    }
                    mention = ActorMention(tokens: index..<(index + length), entries: entries)
                    return true
                }
                if let mention {
                    // Room for a sentence's usual few at the first, not grown one by one.
                    if result.isEmpty { result.reserveCapacity(8) }
                    result.append(mention)
                    index = mention.tokens.upperBound
                } else {
                    index += 1
                }
            }
        }
        return result
    }

    /// Whether the sentence has a capitalized lexicon word tagged as a verb: a name, if the
    /// parse gives it a noun's role (`isNameByParse`). `parsed` asks for that role too.
    func hasNameTaggedVerb(in document: Document, sentence: Sentence, words: WordAnalysis, parsed: Bool) -> Bool {
        let bytes = document.text.bytes
        return sentence.tokens.contains { index in
            let token = document.tokens[index]
            guard token.pos == .VERB || token.pos == .AUX, words.wordIds[index] >= 0 else { return false }
            let first = bytes[Int(token.start)]
            return parsed ? Self.isNameByParse(token, firstByte: first) : first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
        }
    }

    /// A capitalized word in a nominal relation (subject, object, oblique, modifier or part of
    /// a name), whatever its tag.
    static func isNameByParse(_ token: Token, firstByte: UInt8) -> Bool {
        guard firstByte >= UInt8(ascii: "A"), firstByte <= UInt8(ascii: "Z"), let relation = token.relation else { return false }
        switch relation {
        case .nsubj, .nsubjPass, .obj, .iobj, .appos, .flat, .compound: return true
        default: return relation.isOblique || relation.isNominalModifier
        }
    }

    /// Groups mentions into phrases and codes each phrase.
    func phrases(in document: Document, sentence: Sentence, mentions: [ActorMention], words: WordAnalysis) -> [ActorPhrase] {
        guard !mentions.isEmpty else { return [] }
        let actors = lexicon.actors
        let tokens = document.tokens
        let bytes = document.text.bytes
        let start = sentence.tokens.lowerBound, end = sentence.tokens.upperBound
        var mentionAt = [Int](repeating: -1, count: end - start)
        for (index, mention) in mentions.enumerated() {
            for token in mention.tokens { mentionAt[token - start] = index }
        }
        func isNominal(_ index: Int) -> Bool {
            if mentionAt[index - start] >= 0 { return true }
            let byTag: Bool
            switch tokens[index].pos {
            case .NOUN, .PROPN, .ADJ, .NUM, .DET: byTag = true
            case .PART: byTag = bytes[Int(tokens[index].start)] == UInt8(ascii: "'")
            case .PUNCT: byTag = tokens[index].length == 1 && bytes[Int(tokens[index].start)] == UInt8(ascii: "-")
            default: byTag = false
            }
            // The word tests below only ever turn a yes into a no: skip them for the rest.
            guard byTag else { return false }
            // "Denmark today", "Israel on Monday", "the ambassador last year": time words end a
            // name, they are not part of it.
            if ClauseWords.timeWords.contains(words.lowered[index]) { return false }
            if ClauseWords.timeModifiers.contains(words.lowered[index]), index + 1 < end,
               ClauseWords.timeWords.contains(words.lowered[index + 1]) { return false }
            // "at least 12 people": the hedge of a number is not part of the phrase.
            if words.lowered[index] == "least" || words.lowered[index] == "most", index > start,
               words.lowered[index - 1] == "at" { return false }
            // "gave the Ivory Coast 5.1 million dollars": an amount after a name starts a new phrase.
            if tokens[index].pos == .NUM, index > start, mentionAt[index - 1 - start] >= 0 { return false }
            return true
        }
        // Maximal nominal runs that hold a mention, each joined to the one before when they
        // read "role of/from/in country": one phrase. Runs are joined as they are found, and
        // only to the last, so no list of the runs alone is kept.
        var joined: [(range: Range<Int>, mentions: [Int])] = []
        joined.reserveCapacity(mentions.count)  // at most one run per mention
        func add(_ run: (range: Range<Int>, mentions: [Int])) {
            if let last = joined.last, run.range.lowerBound == last.range.upperBound + 1,
               ClauseWords.attachingPrepositions.contains(words.lowered[last.range.upperBound]),
               // "its troops from Lebanon" are the owner's troops leaving, not Lebanon's.
               !(last.range.lowerBound > start && ClauseWords.possessives.contains(words.lowered[last.range.lowerBound - 1])),
               let lastMention = last.mentions.last,
               mentions[lastMention].entries.contains(where: { actors[Int($0)].kind == .agent }),
               !last.mentions.contains(where: { m in mentions[m].entries.contains { actors[Int($0)].country != nil } }),
               run.mentions.contains(where: { m in
                   mentions[m].entries.contains { actors[Int($0)].country != nil || actors[Int($0)].kind == .organization }
               }) {
                joined[joined.count - 1] = (last.range.lowerBound..<run.range.upperBound, last.mentions + run.mentions)
            } else {
                joined.append(run)
            }
        }
        var index = start
        while index < end {
            guard isNominal(index) else { index += 1; continue }
            var runEnd = index
            var held: [Int] = []
            // `index` is nominal: the test is not made again for it.
            repeat {
                let m = mentionAt[runEnd - start]
                if m >= 0, held.last != m { held.append(m) }
                // A determiner inside a run starts a new phrase ("Moscow the city").
                if runEnd > index, tokens[runEnd].pos == .DET, mentionAt[runEnd - start] < 0 { break }
                runEnd += 1
            } while runEnd < end && isNominal(runEnd)
            if !held.isEmpty { add((index..<runEnd, held)) }
            index = runEnd
        }
        if shared.dialect.petrarchActorCodes { distributeOverCompounds(&joined, mentions: mentions, words: words) }
        var phrases: [ActorPhrase] = []
        phrases.reserveCapacity(joined.count)
        for run in joined {
            if let phrase = code(run.range, mentionIndices: run.mentions, mentions: mentions, document: document, words: words, sentenceStart: start) {
                phrases.append(phrase)
            }
        }
        return phrases
    }

    /// TABARI/PETRARCH compounds share what one of them lacks: "lawmakers in Fornost and
    /// Gondor" are lawmakers of both, "Danish media and government" both Danish.
    private func distributeOverCompounds(_ runs: inout [(range: Range<Int>, mentions: [Int])], mentions: [ActorMention],
                                         words: WordAnalysis) {
        let actors = lexicon.actors
        func isAgent(_ m: Int) -> Bool { mentions[m].entries.contains { actors[Int($0)].kind == .agent } }
        guard runs.count >= 2 else { return }
        // Runs that start with an agent or received one: their agents pass along the list. Only
        // the run just before is ever asked about, so whether it received them is all we keep.
        var previousReceivedAgents = false
        for index in 1..<runs.count {
            var previousAgentLed = previousReceivedAgents
            previousReceivedAgents = false
            if let first = runs[index - 1].mentions.first, isAgent(first) { previousAgentLed = true }
            let previous = runs[index - 1], current = runs[index]
            let gap = previous.range.upperBound..<current.range.lowerBound
            guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ Self.isListSeparator(words.lowered[$0]) }) else { continue }
            let previousAgents = previous.mentions.filter(isAgent), previousActors = previous.mentions.filter { !isAgent($0) }
            let currentAgents = current.mentions.filter(isAgent), currentActors = current.mentions.filter { !isAgent($0) }
            if currentAgents.isEmpty, !currentActors.isEmpty, !previousAgents.isEmpty, !previousActors.isEmpty,
               previousAgentLed {
                runs[index].mentions += previousAgents
                previousReceivedAgents = true
            } else if currentActors.isEmpty, !currentAgents.isEmpty, !previousActors.isEmpty, !previousAgents.isEmpty,
                      let firstActor = previous.mentions.first, !isAgent(firstActor) {
                runs[index].mentions = previousActors + current.mentions
            }
        }
    }

    private static func isListSeparator(_ word: String) -> Bool {
        switch word {
        case "and", ",", "or": return true
        default: return false
        }
    }

    /// TABARI/PETRARCH codes: the first actor of the phrase, with the codes of all its agents
    /// after it (`[~GOV]`) or before it (`[NGO~]`), each three-letter part once; agents alone
    /// get `---` for the actor.
    private func petrarchCode(_ range: Range<Int>, mentionIndices: [Int], mentions: [ActorMention]) -> ActorPhrase? {
        // Entries are read where they are, through their positions: an ActorEntry copy costs
        // a retain and release of each of its strings.
        let actors = lexicon.actors
        var actor = -1
        var agents: [Int32] = []
        var sources: [LexiconSource] = []
        for m in mentionIndices {
            let entries = mentions[m].entries
            if actor < 0, let entry = entries.first(where: { actors[Int($0)].kind != .agent }) {
                actor = Int(entry)
                sources.append(actors[actor].source)
                continue
            }
            for entry in entries where actors[Int(entry)].kind == .agent {
                agents.append(entry)
                sources.append(actors[Int(entry)].source)
            }
        }
        guard actor >= 0 || !agents.isEmpty else { return nil }
        let lastAgent = agents.last.map { Int($0) }
        // `[ELR/GAL]`: an actor that is each of several; each alternative takes the agents, and
        // the event coder makes one event per alternative.
        var actorCode = actor >= 0 ? actors[actor].code : "---"
        // The code's bytes, read once: whether it has alternatives, and its first three
        // letters (all of a shorter code), the country. Three printable ASCII bytes followed by
        // another ASCII byte are the code's first three Characters; anything else takes the
        // Character path.
        let (hasAlternatives, asciiCountry) = actorCode.withUTF8 { bytes -> (Bool, String?) in
            let hasAlternatives = bytes.contains(UInt8(ascii: "/"))
            guard bytes.count > 3 else { return (hasAlternatives, nil) }
            guard bytes[..<3].allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), bytes[3] < 0x80 else { return (hasAlternatives, nil) }
            return (hasAlternatives, String(decoding: UnsafeBufferPointer(rebasing: bytes[..<3]), as: UTF8.self))
        }
        let code: String
        if agents.isEmpty, !hasAlternatives {
            code = actorCode  // the common case, without the work below
        } else {
            let agentCodes = agents.lazy.map { (code: actors[Int($0)].code, isPrefix: actors[Int($0)].role == ActorEntry.prefixAgentRole) }
            code = PetrarchCodes.combining(actorCode, agentCodes)
        }
        let country = actor < 0 ? nil : actorCode.utf8.count <= 3 ? actorCode : asciiCountry ?? String(actorCode.prefix(3))
        return ActorPhrase(tokens: range, head: range.upperBound - 1, code: code, country: country,
                           agentType: lastAgent.flatMap { actors[$0].agentType },
                           name: actor >= 0 ? actors[actor].name : lastAgent.map { actors[$0].name },
                           resolution: agents.isEmpty ? .dictionary : .title, isPerson: false, isLocative: false,
                           needsCountry: false, sources: sources)
    }

    private func code(_ range: Range<Int>, mentionIndices: [Int], mentions: [ActorMention], document: Document,
                      words: WordAnalysis, sentenceStart: Int) -> ActorPhrase? {
        if shared.dialect.petrarchActorCodes {
            return petrarchCode(range, mentionIndices: mentionIndices, mentions: mentions)
        }
        let actors = lexicon.actors
        var person: ActorEntry? = nil
        var organization: ActorEntry? = nil
        var place: ActorEntry? = nil
        var agent: ActorEntry? = nil
        var sources: [LexiconSource] = []
        for m in mentionIndices {
            let entries = mentions[m].entries
            func first(_ kinds: ActorEntry.Kind...) -> ActorEntry? {
                entries.first(where: { kinds.contains(actors[Int($0)].kind) }).map { actors[Int($0)] }
            }
            if person == nil, let entry = first(.person) { person = entry; sources.append(entry.source); continue }
            if let entry = first(.agent), !(entries.contains { actors[Int($0)].kind == .country }) {
                agent = entry  // the last role is the head's
                sources.append(entry.source)
                continue
            }
            if organization == nil, let entry = first(.organization) {
                organization = entry; sources.append(entry.source); continue
            }
            if place == nil, let entry = first(.country, .region, .capital, .seat, .adjective, .demonym) {
                place = entry; sources.append(entry.source)
            }
        }
        let head = range.upperBound - 1
        // "joint military exercises", "Russian military aid", "an Israeli troop pullback": a role
        // before an event noun says whose the event is, and is no actor by itself; the phrase is
        // its owner's country, or no actor.
        if person == nil, organization == nil, agent != nil, let noun = range.last(where: { document.tokens[$0].pos == .NOUN }),
           noun == head || (noun + 1 == range.upperBound - 1 && document.tokens[head].pos == .PART),
           !mentionIndices.contains(where: { mentions[$0].tokens.contains(noun) }),
           lexicon.nounPatterns[words.lemmaIds[noun]] != nil {
            guard place != nil else { return nil }
            agent = nil
        }
        var phrase = ActorPhrase(tokens: range, head: head, code: "", country: nil, agentType: nil, name: nil,
                                 resolution: .dictionary, isPerson: false, isLocative: false, needsCountry: false,
                                 sources: sources)
        if let person {
            phrase.code = person.code
            phrase.country = person.country
            phrase.agentType = person.agentType
            phrase.name = person.name
            phrase.isPerson = true
            return phrase
        }
        if let organization {
            if let country = organization.country, let agent {
                phrase.code = country + (agent.agentType ?? "")
                phrase.country = country
                phrase.agentType = agent.agentType
                phrase.resolution = .title
            } else {
                phrase.code = organization.code
                phrase.country = organization.country
                phrase.agentType = organization.agentType
                // A national group is coded as its country and role ("PSEREB" for Hamas), as
                // ICEWS and the PLOVER gold do; the group itself stays in `name`.
                if let country = organization.country, organization.code.hasPrefix(country), organization.code.count > 6 {
                    phrase.code = String(organization.code.prefix(6))
                }
            }
            phrase.name = organization.name
            return phrase
        }
        if let place {
            let country = place.country ?? place.code
            phrase.country = country
            phrase.name = place.name
            if let agent {
                phrase.code = country + (agent.agentType ?? "")
                phrase.agentType = agent.agentType
                phrase.resolution = .title
            } else if place.kind == .capital || place.kind == .seat {
                phrase.code = place.code
                phrase.agentType = place.agentType
                phrase.resolution = .metonymy
            } else {
                phrase.code = country
            }
            // A people is no place, nor is a count ("around 77,000 Nigerians").
            if agent == nil, range.lowerBound > sentenceStart, place.kind != .demonym, document.tokens[range.lowerBound].pos != .NUM,
               ClauseWords.locativePrepositions.contains(words.lowered[range.lowerBound - 1]) {
                phrase.isLocative = true
            }
            if place.kind == .adjective || place.kind == .demonym {
                let before = max(sentenceStart, range.lowerBound - 1)
                phrase.isEthnicGroup = (before..<range.upperBound).contains { words.lowered[$0] == "ethnic" }
            }
            return phrase
        }
        if let agent {
            phrase.code = agent.code
            phrase.agentType = agent.agentType
            phrase.name = agent.name
            phrase.needsCountry = true
            phrase.resolution = .title
            return phrase
        }
        return nil
    }
}
