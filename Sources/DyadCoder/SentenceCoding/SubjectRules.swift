import DyadCore
import DyadLexicon

/// Who does it: the subject of a verb group, found by the words before it, and the actors
/// coordinated with a phrase.
extension SentenceCoder {
    /// The subject of a verb group: actor phrases, how they were found, or none.
    struct Subject {
        /// How a subject was found, or why there is none. Rules test it, and `dyad explain`
        /// shows it in words, which are built only then.
        enum Finding: Equatable {
            case none
            /// The actor phrase before the verb.
            case subject
            case pastParticiple
            case pastModifier
            case beforeApposition
            /// A noun phrase the lexicon does not know, kept as an unknown actor.
            case notInLexicon
            case relativeClause
            /// The verb is the purpose of a verb already coded: no subject, no event of its own.
            case purposeClause
            /// The subject of the verb group at these tokens, shared.
            case shared(with: Range<Int>)
            /// The pronoun at `pronoun`, resolved to the phrase at `referent`.
            case pronoun(Int, referent: Range<Int>)
            /// "a camp for refugees": the noun at `noun` names the actor after `preposition`.
            case actorOfNoun(noun: Int, preposition: Int)
            /// The noun at this token stands where the subject would, and is no actor.
            case notAnActor(Int)
            /// From the dependency parse, with the relation that gave it.
            case parse(String)

            func description(_ document: Document, words: WordAnalysis) -> String {
                switch self {
                case .none: "none"
                case .subject: "subject"
                case .pastParticiple: "subject (past a participle)"
                case .pastModifier: "subject (past a modifier)"
                case .beforeApposition: "subject (before an apposition)"
                case .notInLexicon: "subject not in the lexicon"
                case .relativeClause: "relative clause"
                case .purposeClause: "purpose clause of a coded verb"
                case .shared(let verb): "shared with '\(document.text(ofTokens: verb))'"
                case .pronoun(let pronoun, let referent):
                    "pronoun '\(words.lowered[pronoun])' resolved to '\(document.text(ofTokens: referent))'"
                case .actorOfNoun(let noun, let preposition): "the '\(document.text(ofToken: noun))' \(words.lowered[preposition])"
                case .notAnActor(let noun): "subject '\(document.text(ofToken: noun))' is not an actor"
                case .parse(let how): "parse: \(how)"
                }
            }
        }

        var phrases: [ActorPhrase] = []
        var how: Finding = .none
        /// Whether the verb this is the subject of produced events.
        var verbCoded = false

        func description(_ document: Document, words: WordAnalysis) -> String {
            let how = how.description(document, words: words)
            return phrases.isEmpty ? how : "\(how): " + phrases.map { "'\(document.text(ofTokens: $0.tokens))' \($0.code)" }.joined(separator: ", ")
        }
    }

    /// A verb group's tokens and the subject found for it.
    struct VerbSubject {
        var verb: Range<Int>
        var subject: Subject
    }

    /// `earlier` holds every verb group of the sentence before `verb`, in order.
    func findSubject(of verb: Chunk, earlier: [VerbSubject], context: DiscourseContext) -> Subject {
        let start = sentence.tokens.lowerBound
        var index = verb.tokens.lowerBound - 1
        // Skip adverbs and prepositional phrases right before the verb ("Blinken on Tuesday criticized").
        func skipModifiers(_ index: inout Int) {
            while index >= start {
                if tokens[index].pos == .ADV || ClauseWords.timeWords.contains(words.lowered[index]) { index -= 1; continue }
                if let pp = chunk(at: index), pp.kind == .prepositional, phrase(at: index) < 0 || tokens[pp.tokens.lowerBound].pos == .ADP {
                    if phrase(at: index) >= 0, !phraseIsInPrepositionalPhrase(phrase(at: index)) { return }
                    index = pp.tokens.lowerBound - 1; continue
                }
                return
            }
        }
        skipModifiers(&index)
        var previous = earlier.count - 1
        // A purpose clause has no subject of its own to lend: look past it to the verb it serves.
        while previous >= 0, earlier[previous].subject.phrases.isEmpty, earlier[previous].subject.how == .purposeClause {
            previous -= 1
        }
        let shared = previous >= 0 ? earlier[previous].subject : nil
        let sharedHow = Subject.Finding.shared(with: previous >= 0 ? earlier[previous].verb : verb.tokens)
        // "imposed sanctions and expelled diplomats": a verb coordinated with an earlier one shares its subject.
        if index >= start, Self.verbJoiners.contains(words.lowered[index]),
           let shared, !shared.phrases.isEmpty {
            return Subject(phrases: shared.phrases, how: sharedHow)
        }
        let first = verb.tokens.lowerBound
        let isInfinitive = words.lowered[first] == "to" && tokens[first].pos == .PART
        let isParticiple = tokens[first].pos == .VERB && words.lowered[first].hasSuffix("ing")
        if isInfinitive || isParticiple, let shared, !shared.phrases.isEmpty {
            // "prompting Moscow to recall": an actor right before "to" does it; otherwise the
            // infinitive or participle ("opened fire to disperse", ", killing") has the main verb's subject.
            if !(index >= start && phrase(at: index) >= 0 && isInfinitive) {
                // A purpose or manner clause of a verb already coded ("staged rallies to demand
                // reforms") adds detail, not another event.
                if shared.verbCoded { return Subject(how: .purposeClause) }
                return Subject(phrases: shared.phrases, how: sharedHow)
            }
        }
        while index >= start {
            let word = words.lowered[index]
            let phraseIndex = phrase(at: index)
            if phraseIndex >= 0 {
                let found = phrases[phraseIndex]
                if phraseIsInPrepositionalPhrase(phraseIndex) || found.isLocative {
                    index = found.tokens.lowerBound - 2
                    continue
                }
                // "Palestinians of the Israeli-occupied West Bank shunned work": the actor before
                // "of" is the head; the one after it only says which.
                let first = found.tokens.lowerBound
                if first - 2 >= start, words.lowered[first - 1] == "of", phrase(at: first - 2) >= 0,
                   !phrases[phrase(at: first - 2)].isLocative {
                    return Subject(phrases: coordinated(with: phrase(at: first - 2)), how: .subject)
                }
                return Subject(phrases: coordinated(with: phraseIndex), how: .subject)
            }
            if tokens[index].pos == .PRON {
                if ClauseWords.relativePronouns.contains(word) {
                    // "the arrest ... which sparked": the subject is what the pronoun refers to.
                    var antecedent = index - 1
                    if antecedent >= start, words.lowered[antecedent] == "," { antecedent -= 1 }
                    if antecedent >= start, phrase(at: antecedent) >= 0 {
                        return Subject(phrases: [phrases[phrase(at: antecedent)]], how: .relativeClause)
                    }
                    return Subject()
                }
                if let referent = referent(ofPronoun: word, at: index, context: context, previousSubject: shared?.phrases.first) {
                    var resolved = referent
                    resolved.resolution = .coreference
                    resolved.referentTokens = referent.referentTokens ?? referent.tokens
                    resolved.tokens = index..<(index + 1)
                    resolved.head = index
                    return Subject(phrases: [resolved], how: .pronoun(index, referent: referent.tokens))
                }
                return Subject()
            }
            if let found = chunk(at: index), found.kind == .verb {
                // "workers affiliated with the union stopped work": a participle and its
                // complement describe the subject before them.
                let participle = words.lowered[found.head]
                if found.tokens.count == 1, tokens[found.head].pos == .VERB,
                   participle.hasSuffix("ing") || lexicon.lemmatizer.isPastParticiple(participle),
                   found.tokens.lowerBound - 1 >= start, phrase(at: found.tokens.lowerBound - 1) >= 0,
                   !phraseIsInPrepositionalPhrase(phrase(at: found.tokens.lowerBound - 1)) {
                    return Subject(phrases: coordinated(with: phrase(at: found.tokens.lowerBound - 1)), how: .pastParticiple)
                }
                return Subject()
            }
            // "the Serbian Workers' Union (SSS) stopped": a parenthesis is an aside.
            if word == ")", let open = (start..<index).last(where: { words.lowered[$0] == "(" }) {
                index = open - 1
                continue
            }
            if tokens[index].pos == .SCONJ || ClauseWords.clauseBreakers.contains(word) { return Subject() }
            if ClauseWords.timeWords.contains(word) { index -= 1; continue }
            if tokens[index].pos == .NOUN || tokens[index].pos == .PROPN {
                if let pp = chunk(at: index), pp.kind == .prepositional {
                    index = pp.tokens.lowerBound - 1
                    continue
                }
                // "British aircraft using guided missiles killed": a participle or "including"
                // with its object describes the subject before it.
                if let nounChunk = chunk(at: index) {
                    var before = nounChunk.tokens.lowerBound - 1
                    if before >= start, let modifier = chunk(at: before), modifier.kind == .verb, modifier.tokens.count == 1,
                       words.lowered[before].hasSuffix("ing") || lexicon.lemmatizer.isPastParticiple(words.lowered[before]) {
                        before -= 1
                    } else if before >= start, Self.exampleWords.contains(words.lowered[before]) {
                        before -= 1
                    } else {
                        before = -1
                    }
                    if before >= start, phrase(at: before) >= 0, !phraseIsInPrepositionalPhrase(phrase(at: before)) {
                        return Subject(phrases: coordinated(with: phrase(at: before)), how: .pastModifier)
                    }
                }
                // "a camp for Congolese refugees was attacked": the actor the noun is of or for.
                var after = index + 1
                while after < verb.tokens.lowerBound, tokens[after].pos == .NOUN || tokens[after].pos == .PROPN { after += 1 }
                if after + 1 < verb.tokens.lowerBound, ["of", "for"].contains(words.lowered[after]), phrase(at: after + 1) >= 0 {
                    return Subject(phrases: [phrases[phrase(at: after + 1)]], how: .actorOfNoun(noun: index, preposition: after))
                }
                // "A member of the Syrian parliament, Mohammed Mamoun, started": a name the lexicon
                // does not know, set off by commas, is an apposition of the actor before it.
                if let nounChunk = chunk(at: index), nounChunk.kind == .noun, nounChunk.tokens.upperBound < verb.tokens.lowerBound,
                   words.lowered[nounChunk.tokens.upperBound] == ",", nounChunk.tokens.lowerBound - 1 > start,
                   words.lowered[nounChunk.tokens.lowerBound - 1] == ",", phrase(at: nounChunk.tokens.lowerBound - 2) >= 0 {
                    return Subject(phrases: [phrases[phrase(at: nounChunk.tokens.lowerBound - 2)]], how: .beforeApposition)
                }
                if coder.options.codeUnknownActors, let nounChunk = chunk(at: index), nounChunk.kind == .noun,
                   tokens[nounChunk.head].pos == .NOUN || tokens[nounChunk.head].pos == .PROPN {
                    return Subject(phrases: [.unknown(nounChunk.tokens, head: nounChunk.head)], how: .notInLexicon)
                }
                return Subject(how: .notAnActor(index))
            }
            index -= 1
        }
        return Subject()
    }

    /// What a subject pronoun stands for: "he" and "she" the last person (or office holder)
    /// named, in this sentence first; "it" and "they" the last actor that is not a person.
    ///
    /// A subject pronoun most often continues the subject before it ("Moscow objected, and it
    /// summoned ..."), so the last subject of the right kind comes first, then other actors.
    func referent(ofPronoun word: String, at index: Int, context: DiscourseContext,
                          previousSubject: ActorPhrase?) -> ActorPhrase? {
        let earlier = phrases.filter { $0.tokens.upperBound <= index && !$0.isLocative }
        func isPersonLike(_ phrase: ActorPhrase) -> Bool {
            phrase.isPerson || (phrase.agentType != nil && phrase.resolution != .metonymy && phrase.resolution != .dictionary)
        }
        let candidates = [previousSubject, context.lastSubject].compactMap { $0 }
        if ClauseWords.personalPronouns.contains(word) {
            return candidates.first(where: isPersonLike)
                ?? earlier.last(where: { $0.isPerson || ($0.agentType == "GOV" && $0.resolution == .title) }) ?? context.lastPerson
        }
        if word == "it" {
            return candidates.first(where: { !isPersonLike($0) })
                ?? earlier.last(where: { !$0.isPerson }) ?? context.lastActor.flatMap { $0.isPerson ? nil : $0 }
        }
        if ClauseWords.pluralPronouns.contains(word) {
            return candidates.first ?? earlier.last ?? context.lastActor
        }
        return nil
    }

    /// Words that join the actors of a list. TABARI/PETRARCH dictionaries also read "neither A
    /// nor B boycotted" as both doing it.
    var coordinators: WordSet { dialect.norJoinsActors ? Self.petrarchCoordinators : Self.dyadCoordinators }

    static let dyadCoordinators: WordSet = ["and", ",", "or"]

    static let petrarchCoordinators: WordSet = ["and", ",", "or", "nor"]

    // Word lists the rules test token by token, as byte sets. For these words (lower-case ASCII
    // letters and a comma) byte equality is String equality: no other character sequence is
    // canonically equivalent to them.

    /// What joins a verb to one before it whose subject it shares.
    static let verbJoiners: WordSet = ["and", "or", ",", "but", "then"]

    /// What puts examples after a noun ("aircraft including drones").
    static let exampleWords: WordSet = ["including", "such", "like"]

    /// Words tagged prepositions that do not make a prepositional phrase of the actor after them.
    static let nonPrepositions: WordSet = ["of", "than", "about", "some", "nearly"]

    /// "The US, Japan and the Philippines": the phrase and those listed with it before it.
    ///
    /// Phrases joined by commas alone are an apposition ("Pakistan, a key U.S. ally, has
    /// refused"): the first names the actor, the others describe it.
    func coordinated(with phraseIndex: Int) -> [ActorPhrase] {
        var result = [phrases[phraseIndex]]
        var current = phraseIndex
        var sawConjunction = false
        while current > 0 {
            let previous = phrases[current - 1]
            let gap = previous.tokens.upperBound..<phrases[current].tokens.lowerBound
            guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ coordinators.contains(words.lowered[$0]) }),
                  !previous.isLocative else { break }
            if gap.contains(where: { words.lowered[$0] != "," }) { sawConjunction = true }
            result.insert(previous, at: 0)
            current -= 1
        }
        // A trailing comma before the verb also marks an apposition: "Pakistan, a U.S. ally, has".
        if result.count > 1, !sawConjunction { return [result[0]] }
        return result
    }

    /// Coordinated phrases after a phrase: "accused Denmark and Greenland".
    func coordinatedAfter(_ phraseIndex: Int, limit: Int) -> [Int] {
        var result = [phraseIndex]
        var current = phraseIndex
        while current + 1 < phrases.count {
            let next = phrases[current + 1]
            guard next.tokens.upperBound <= limit else { break }
            let gap = phrases[current].tokens.upperBound..<next.tokens.lowerBound
            guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ coordinators.contains(words.lowered[$0]) }) else { break }
            result.append(current + 1)
            current += 1
        }
        return result
    }

    func phraseIsInPrepositionalPhrase(_ phraseIndex: Int) -> Bool {
        let first = phrases[phraseIndex].tokens.lowerBound
        guard first > sentence.tokens.lowerBound else { return false }
        // "Up to 100 ethnic Albanians": a number's hedge, not a preposition.
        if first - 2 >= sentence.tokens.lowerBound, words.lowered[first - 1] == "to", words.lowered[first - 2] == "up" { return false }
        return tokens[first - 1].pos == .ADP && !Self.nonPrepositions.contains(words.lowered[first - 1])
    }
}
