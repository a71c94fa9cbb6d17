import DyadCore
import DyadLexicon

/// Matching a verb or noun pattern against the words of a clause, filling its target and
/// source slots.
extension SentenceCoder {
    /// What a pattern's match filled in. The pattern itself is kept by the caller, and only
    /// for the match that fires: a copy retains its shared storage.
    struct PatternMatch {
        var targets: [Int] = []
        var source: Int? = nil
        var usedSubjectAsTarget = false
        var consumedNouns: [Int] = []
        /// The token after the last one the pattern took.
        var end = 0
        /// A noun phrase the lexicon does not know in the target slot, when unknown targets are
        /// allowed (the last resort of a verb no pattern fits with known actors).
        var unknownTarget: Range<Int>? = nil
    }

    /// A failed match, with its reason only when someone reads it (building the words costs).
    func failure(_ why: @autoclosure () -> String) -> (PatternMatch?, String) { (nil, tracing ? why() : "") }

    func match(_ pattern: borrowing EventPattern, region: Range<Int>, passive: Bool, subject: Subject) -> (PatternMatch?, String) {
        pattern.withElements { match($0, region: region, passive: passive, subject: subject) }
    }

    /// `particle`: the verb's own particle ("kicks [off]"), which the pattern must name.
    func match(_ elements: UnsafeBufferPointer<EventPattern.Element>, region: Range<Int>, passive: Bool,
                       subject: Subject, unknownTargets: Bool = false, particle: Int? = nil) -> (PatternMatch?, String) {
        if let particle,
           !elements.contains(where: { if case .word(let word) = $0 { return word == words.lemmaIds[particle] || word == words.wordIds[particle] }; return false }) {
            return failure("the verb's particle '\(words.lowered[particle])' is not in the pattern")
        }
        // Grows over the infinitive a pattern names ("urge + to open market").
        var region = region
        var result = PatternMatch()
        var cursor = region.lowerBound
        var lastWord: Int? = nil
        var before = region.lowerBound - 1
        // TABARI/PETRARCH pattern words are the forms written ("EFFORT" is not "efforts").
        let lemmaMatches = dialect.patternsMatchLemmas
        for (position, element) in elements.enumerated() {
            switch element {
            case .wordBefore(let word):
                // Words a dictionary puts before the verb (`FAILED TO *`), nearest first.
                var found: Int? = nil
                var gap = 0
                var index = before - 1
                while index >= sentence.tokens.lowerBound, gap <= ClauseWords.maxPatternGap {
                    if words.lemmaIds[index] == word || words.wordIds[index] == word { found = index; break }
                    if phrase(at: index) < 0 { gap += 1 }
                    index -= 1
                }
                guard let found else { return failure("no '\(lexicon.vocabulary.word(word))' before the verb") }
                before = found
            case .wordJustBefore(let word):
                let index = before - 1
                guard index >= sentence.tokens.lowerBound, words.lemmaIds[index] == word || words.wordIds[index] == word else {
                    return failure("no '\(lexicon.vocabulary.word(word))' right before")
                }
                before = index
            case .skip:
                // `^`: pass over one word, or one noun phrase.
                guard cursor < region.upperBound else { return (nil, "nothing to skip") }
                if phrase(at: cursor) >= 0 {
                    cursor = phrases[phrase(at: cursor)].tokens.upperBound
                } else if let skipped = chunk(at: cursor), skipped.kind == .noun {
                    cursor = skipped.tokens.upperBound
                } else {
                    cursor += 1
                }
                lastWord = nil
            case .compoundSubject:
                guard subject.phrases.count >= 2 else { return (nil, "the subject is not compound") }
            case .oneOf(let alternatives):
                guard let found = firstMember(of: alternatives, from: cursor, in: region, lemmaMatches: lemmaMatches) else {
                    return (nil, "no word of the synset")
                }
                result.consumedNouns.append(found.lowerBound)
                cursor = found.upperBound
                lastWord = found.upperBound - 1
            case .word(let word):
                // Pattern words follow each other closely ("impose tough new sanctions on"); a
                // word far off belongs to another phrase ("... over their ties with Israel").
                // Noun phrases in between do not count: "extradited [a suspected British militant] to".
                var found: Int? = nil
                var gap = 0
                var index = cursor
                // A word before a target slot is a preposition ("welcome + to +", "expel + to +"):
                // the "to" of an infinitive is none ("welcomed the move to hold talks").
                let prepositionNeeded = dialect.patternsMatchLemmas && position + 1 < elements.count && elements[position + 1].isTargetSlot
                while index < region.upperBound, gap <= ClauseWords.maxPatternGap {
                    if words.wordIds[index] == word || (lemmaMatches && words.lemmaIds[index] == word),
                       !(prepositionNeeded && tokens[index].pos == .PART),
                       !(lemmaMatches && isInsideName(index) && !(position + 1 < elements.count && elements[position + 1].isWord)) {
                        found = index
                        break
                    }
                    if phrase(at: index) < 0, chunk(at: index)?.kind != .noun { gap += 1 }
                    index += 1
                }
                guard let found else {
                    return failure("no '\(lexicon.vocabulary.word(word))'")
                }
                result.consumedNouns.append(found)
                cursor = found + 1
                lastWord = found
                // The clause ends at an infinitive's "to"; words of the pattern after it are the
                // infinitive's: "urged China to open its markets".
                if found == region.upperBound - 1, position + 1 < elements.count, lemmaMatches, words.lowered[found] == "to",
                   let infinitive = chunk(at: found), infinitive.kind == .verb {
                    region = region.lowerBound..<self.region(after: infinitive).upperBound
                    cursor = infinitive.tokens.lowerBound + 1
                }
            case .target, .targetHead:
                var requiredHead: Int32? = nil
                if case .targetHead(let head) = element { requiredHead = head }
                if passive, !result.usedSubjectAsTarget {
                    result.usedSubjectAsTarget = true
                    if let requiredHead {
                        guard let first = subject.phrases.first, words.lemmaIds[first.head] == requiredHead else {
                            return failure("subject's head is not '\(lexicon.vocabulary.word(requiredHead))'")
                        }
                    }
                    continue
                }
                guard let found = nextPhrase(from: cursor, in: region, after: lastWord, requiredHead: requiredHead) else {
                    if unknownTargets, requiredHead == nil, result.unknownTarget == nil,
                       let object = unknownSlotObject(at: lastWord.map { $0 + 1 } ?? cursor, in: region) {
                        result.unknownTarget = object
                        cursor = object.upperBound
                        lastWord = nil
                        continue
                    }
                    return failure(requiredHead.map { "no actor headed by '\(lexicon.vocabulary.word($0))'" } ?? "no target actor")
                }
                result.targets = coordinatedAfter(found, limit: region.upperBound)
                cursor = phrases[result.targets.last!].tokens.upperBound
                lastWord = nil
            case .source:
                guard let found = nextPhrase(from: cursor, in: region, after: lastWord, requiredHead: nil) else {
                    return (nil, "no source actor")
                }
                result.source = found
                cursor = phrases[found].tokens.upperBound
                lastWord = nil
            }
        }
        result.end = cursor
        return (result, "matched")
    }

    /// A capitalized word inside a longer name ("City" in "City Hall", "Peace" in "Peace
    /// Corps"): a pattern's last noun names the thing itself, not part of a name.
    func isInsideName(_ index: Int) -> Bool {
        let next = index + 1
        guard index > sentence.tokens.lowerBound, next < sentence.tokens.upperBound,
              isCapitalized(index), isCapitalized(next), tokens[next].pos == .NOUN || tokens[next].pos == .PROPN,
              !ClauseWords.timeWords.contains(words.lowered[next]),
              let phrase = chunk(at: index), phrase.tokens.contains(next) else { return false }
        return true
    }

    func isCapitalized(_ index: Int) -> Bool {
        TokenBytes(bytes: document.text.bytes).isCapitalized(tokens[index].range)
    }

    /// A synset's member (words adjacent) at or after `cursor`, close after the last pattern word:
    /// the first position that starts one, and there the first member in the synset's order.
    ///
    /// Synsets run to hundreds of members, and most of them have a word the sentence lacks: those
    /// are set aside once, not tried at every position.
    func firstMember(of alternatives: [[Int32]], from cursor: Int, in region: Range<Int>, lemmaMatches: Bool) -> Range<Int>? {
        alternatives.withUnsafeBufferPointer { alternatives in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: alternatives.count) { present in
            var presentCount = 0
            for (number, alternative) in alternatives.enumerated() {
                // Word by word: most alternatives fail on their first word.
                var mayBePresent = true
                for word in alternative where !sentenceWords.mayContain(word) { mayBePresent = false; break }
                if mayBePresent {
                    present[presentCount] = number
                    presentCount += 1
                }
            }
            guard presentCount > 0 else { return nil }
            var gap = 0
            var index = cursor
            while index < region.upperBound, gap <= ClauseWords.maxPatternGap {
                for number in present[..<presentCount] where index + alternatives[number].count <= region.upperBound {
                    let alternative = alternatives[number]
                    var offset = 0
                    while offset < alternative.count,
                          words.wordIds[index + offset] == alternative[offset] || (lemmaMatches && words.lemmaIds[index + offset] == alternative[offset]) {
                        offset += 1
                    }
                    if offset == alternative.count { return index..<(index + offset) }
                }
                if phrase(at: index) < 0, chunk(at: index)?.kind != .noun { gap += 1 }
                index += 1
            }
            return nil
        }
        }
    }

    /// The particle of a phrasal verb right after its verb group ("kicks [off] her campaign"),
    /// by the parse: a phrasal verb is another verb, and only a pattern that names its particle
    /// fits it. Not "up to" before a number ("kidnapped up to 16").
    func particle(of verb: Chunk) -> Int? {
        let next = verb.tokens.upperBound
        guard dialect.phrasalVerbsNeedTheirParticle, tree.isParsed, next < sentence.tokens.upperBound,
              tree.relation(of: next) == .compoundPrt,
              tree.head(of: next) == verb.head,
              !(next + 1 < sentence.tokens.upperBound && words.lowered[next + 1] == "to") else { return nil }
        return next
    }

    /// The next actor phrase in the region. Right after a pattern word it must follow that word
    /// directly; otherwise it must not sit inside a prepositional phrase or name a bare place.
    func nextPhrase(from cursor: Int, in region: Range<Int>, after word: Int?, requiredHead: Int32?) -> Int? {
        for (index, phrase) in phrases.enumerated() where phrase.tokens.lowerBound >= cursor && phrase.tokens.upperBound <= region.upperBound {
            if let requiredHead, words.lemmaIds[phrase.head] != requiredHead, words.wordIds[phrase.head] != requiredHead { continue }
            if let word {
                if phrase.tokens.lowerBound == word + 1 { return index }
                continue
            }
            if phrase.isLocative || phraseIsInPrepositionalPhrase(index) { continue }
            return index
        }
        return nil
    }

    /// The noun phrase at `index` when a name heads it that the lexicon does not know (a person,
    /// a group, a place), it holds no actor and is no time: what a target slot names then
    /// ("reinstated [Michael Somare]"). Common nouns are left out: a slot for an actor filled
    /// with "the epidemic" or "three months" is another use of the verb.
    func unknownSlotObject(at index: Int, in region: Range<Int>) -> Range<Int>? {
        guard index < region.upperBound, let object = chunk(at: index), object.kind == .noun,
              object.tokens.lowerBound == index, object.tokens.upperBound <= region.upperBound,
              tokens[object.head].pos == .PROPN, isCapitalized(object.head),
              !ClauseWords.timeWords.contains(words.lowered[object.head]),
              !object.tokens.contains(where: { phrase(at: $0) >= 0 }) else { return nil }
        return object.tokens
    }

    /// `give aid to +` in the order "give + aid": the recipient first, then the thing given.
    /// Built only for a pattern the filter marks `mayBeDative` whose words the sentence may
    /// hold: most patterns are tried and fail.
    func datives(of pattern: borrowing EventPattern) -> EventPattern {
        let elements = pattern.elements
        return EventPattern(code: pattern.code, lemma: pattern.lemma, elements: [.target] + elements.dropLast(2),
                            text: pattern.text, source: pattern.source)
    }
}
