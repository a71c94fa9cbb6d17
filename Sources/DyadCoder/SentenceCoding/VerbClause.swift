import DyadCore
import DyadLexicon

/// What the words around a verb say of it: voice, negation, modality and control, where its
/// complements end, and whether it is background to the events.
extension SentenceCoder {
    struct VerbFeatures {
        var passive = false
        var negated = false
        var modality = Modality.asserted
        var control: String? = nil
        /// "will withdraw ... unless": a promise or act on a condition, which CAMEO reads as a threat.
        var conditional = false
        /// The subject is a weapon or an attack ("a car bomb killed"): the doer is not named.
        var doerUnnamed = false
        /// ... and the weapon is a bomb or a mine: irregular fighters' (CAMEO 18).
        var improvisedWeapon = false
        /// The head word of the weapon or attack that did the act when no doer is named, as
        /// subject or in a passive's "by".
        var weapon: Int? = nil
        /// A passive's "by" names a doer the lexicon does not know ("stabbed by her boyfriend",
        /// "dismissed by many"): a private act, not one with its doer left unsaid.
        var doerOutsideLexicon = false
    }

    func features(of verb: Chunk) -> VerbFeatures {
        var result = VerbFeatures()
        var sawPassiveAuxiliary = false
        for index in verb.tokens {
            let word = words.lowered[index]
            if ClauseWords.negations.contains(word) { result.negated = true }
            if tokens[index].pos == .AUX {
                if ClauseWords.hypotheticalModals.contains(word) { result.modality = .hypothetical }
                if ClauseWords.futureModals.contains(word), result.modality == .asserted { result.modality = .intended }
                if ClauseWords.passiveAuxiliaries.contains(word) { sawPassiveAuxiliary = true }
            }
            if index != verb.head, tokens[index].pos == .VERB, index + 1 < verb.tokens.upperBound, words.lowered[index + 1] == "to" {
                let lemma = words.verbLemma(index)
                if ClauseWords.intentVerbs.contains(lemma) || ClauseWords.threatVerbs.contains(lemma) {
                    result.control = lemma
                    if result.modality == .asserted { result.modality = .intended }
                } else if ClauseWords.refusalVerbs.contains(lemma) {
                    // "refused to deploy", "failed to reach": a rejection, which did happen.
                    result.control = lemma
                }
                sawPassiveAuxiliary = false
            }
            // "were to meet": be + to + verb is a plan.
            if tokens[index].pos == .AUX, index + 1 < verb.tokens.upperBound, words.lowered[index + 1] == "to",
               ClauseWords.passiveAuxiliaries.contains(word), result.modality == .asserted {
                result.modality = .intended
                sawPassiveAuxiliary = false
            }
        }
        let head = words.lowered[verb.head]
        if sawPassiveAuxiliary, verb.head != verb.tokens.lowerBound, tokens[verb.head].pos == .VERB,
           lexicon.lemmatizer.isPastParticiple(head) {
            result.passive = true
        }
        // A participle followed by "by" is a reduced passive: "activities denied by Moscow".
        if !result.passive, verb.tokens.count == 1, tokens[verb.head].pos == .VERB,
           verb.head + 1 < sentence.tokens.upperBound, words.lowered[verb.head + 1] == ClauseWords.agentPreposition,
           lexicon.lemmatizer.isPastParticiple(head) {
            result.passive = true
        }
        // "Will Russia attack Ukraine?": a question asserts no act.
        if dialect.backgroundRules, let last = sentence.tokens.last, words.lowered[last] == "?", verb.tokens.upperBound <= last {
            result.modality = .hypothetical
        }
        return result
    }

    /// Where a verb's complements are looked for: up to the next clause.
    func region(after verb: Chunk) -> Range<Int> {
        var index = verb.tokens.upperBound
        // A verb's complements stop where the closing attribution starts.
        let end = verb.tokens.upperBound <= attributionStart ? attributionStart : sentence.tokens.upperBound
        while index < end {
            let word = words.lowered[index]
            if let next = chunk(at: index), next.kind == .verb, next.tokens.lowerBound == index {
                // "urged Russia to stop": the infinitive's "to" still belongs to the pattern.
                return verb.tokens.upperBound..<(word == "to" ? index + 1 : index)
            }
            // "of" and "for" are prepositions even when the tagger calls them subordinators.
            if (tokens[index].pos == .SCONJ && word != "of" && word != "for") || ClauseWords.clauseBreakers.contains(word) || word == ";" { break }
            if tokens[index].pos == .PRON, ClauseWords.relativePronouns.contains(word) { break }
            index += 1
        }
        return verb.tokens.upperBound..<index
    }

    /// "demanded the release of 40 people detained overnight": a bare participle right after a
    /// phrase that is itself an object describes that phrase; it is a passive, not its act.
    func isReducedRelative(_ verb: Chunk, subject: Subject) -> Bool {
        guard verb.tokens.count == 1, tokens[verb.head].pos == .VERB,
              let phrase = subject.phrases.last, phrase.tokens.upperBound == verb.tokens.lowerBound,
              // "indicted two Americans accused of": the parse may read the participle as
              // completing the verb before it, with that verb's object as its subject, or as a
              // clause with a subject of its own; an allegation's "of"/"with" tells it from a
              // causative ("ordered them jailed") or a past tense.
              subject.how == .subject
                  || (subject.how == .parse("the object of the verb it completes") || subject.how == .parse("nsubj"))
                  && verb.tokens.upperBound < sentence.tokens.upperBound && ["of", "with"].contains(words.lowered[verb.tokens.upperBound]),
              lexicon.lemmatizer.isPastParticiple(words.lowered[verb.head]) else { return false }
        // "Thousands of Iraqi Kurds demonstrated in Kirkuk, witnesses said": with no other
        // finite verb in the clause, the participle is the main verb.
        let otherFinite = chunks.contains { other in
            other.kind == .verb && other.tokens != verb.tokens && other.tokens.lowerBound < attributionStart
                && words.lowered[other.tokens.lowerBound] != "to" && !words.lowered[other.head].hasSuffix("ing")
        }
        guard otherFinite else { return false }
        let before = phrase.tokens.lowerBound - 1
        guard before >= sentence.tokens.lowerBound else { return false }
        // A participle with an object of its own is a verb in the past ("said Washington
        // imposed new sanctions"), not a description of the phrase before it.
        let after = verb.tokens.upperBound
        if after < sentence.tokens.upperBound, [.DET, .NOUN, .PROPN, .ADJ, .NUM, .PRON].contains(tokens[after].pos) {
            return false
        }
        return tokens[before].pos == .ADP || chunk(at: before)?.kind == .verb
    }

    /// Why a verb group is background to the sentence's events rather than an event of its own,
    /// or nil: "charged its neighbour with supporting dissidents" (an act talked about), "a
    /// council representing ethnic Albanians" (a participle describing a noun), "a helicopter that
    /// was captured by" and "property seized by" (a passive relative describing a noun).
    func backgroundReason(_ verb: Chunk, subject: Subject) -> String? {
        guard dialect.backgroundRules else { return nil }
        // "the first meeting since Finland joined NATO": a clause that says from when time is
        // counted tells history, not the news.
        if let predicate = predicate(of: verb, tree: tree), tree.relation(of: predicate).map({ $0.universal == .advcl || $0.universal == .acl }) == true,
           tree.dependents(of: predicate, .mark).contains(where: { words.lowered[$0] == "since" }) {
            return "a clause that dates another ('since')"
        }
        let first = verb.tokens.lowerBound
        let firstWord = words.lowered[first]
        let isGerund = tokens[first].pos == .VERB && firstWord.hasSuffix("ing")
        if first > sentence.tokens.lowerBound {
            let before = first - 1
            if isGerund, tokens[before].pos == .ADP || ClauseWords.gerundPrepositions.contains(words.lowered[before]) {
                return "a gerund after '\(words.lowered[before])'"
            }
            if isGerund, verb.tokens.count == 1, tokens[before].pos == .NOUN || tokens[before].pos == .PROPN,
               subject.how != .subject {
                return "a participle describing the noun before it"
            }
        }
        let passive = features(of: verb).passive
        // A passive relative clause on an object ("return a helicopter that was captured by")
        // tells the object's past; one on a subject ("journalists who were abducted are alive")
        // can be the news itself.
        if subject.how == .relativeClause, passive, let antecedent = subject.phrases.first,
           antecedent.tokens.lowerBound > sentence.tokens.lowerBound {
            let before = antecedent.tokens.lowerBound - 1
            // After "says" the phrase opens a reported clause: it is that clause's subject.
            let reported = chunk(at: before).map { $0.kind == .verb && ClauseWords.reportingVerbs.contains(words.verbLemma($0.head)) } ?? false
            // The tagger calls some prepositions subordinators ("over journalists who").
            if tokens[before].pos == .ADP || tokens[before].pos == .SCONJ || (chunk(at: before)?.kind == .verb && !reported) {
                return "a passive relative clause on an object"
            }
        }
        // "two Americans accused of helping": an allegation describing the noun is talked about;
        // other participles there tell what was done to it ("priests kidnapped earlier this
        // week"), an event with its doer unsaid.
        if !passive, isReducedRelative(verb, subject: subject), verb.tokens.upperBound < sentence.tokens.upperBound,
           ["of", "with"].contains(words.lowered[verb.tokens.upperBound]) {
            return "an allegation's participle describing the noun before it"
        }
        // "a raid on the city where, it said, 100 people were killed", "after two vehicles were
        // hit": a passive with no doer, in a clause that sets the scene for the main one.
        if passive, byPhrase(in: region(after: verb)) == nil {
            var index = verb.tokens.lowerBound - 1
            while index > sentence.tokens.lowerBound, chunk(at: index)?.kind != .verb {
                // Not "that": "said that he had been disqualified" reports the news itself.
                if ClauseWords.sceneSetters.contains(words.lowered[index]) {
                    return "a passive with no doer in a clause introduced by '\(words.lowered[index])'"
                }
                index -= 1
            }
        }
        return nil
    }
}
