import DyadCore
import DyadLexicon

/// Where a target comes from when the pattern's slot does not name one: the place acted on, the
/// subject of the clause after the verb, a demand reported in speech, the doer of a passive,
/// a sibling act of the same source.
extension SentenceCoder {
    /// "Washington imposed sanctions and expelled Russian diplomats": conflictual acts of one
    /// source in one sentence are aimed at the same side, so an act that names no target takes
    /// the target a sibling act names: one of another country, or a role of its own country
    /// ("police opened fire on demonstrators, killing one and arresting 12"), never itself.
    ///
    /// Over the events from `start`, the sentence's, in place: siblings are chosen among the
    /// events as they were, before any took a target.
    func shareImplicitTargets(in events: inout [Event], from start: Int) {
        guard dialect.sharedTargets else { return }
        var shared: [(event: Int, sibling: Int)] = []
        for index in start..<events.count {
            guard events[index].target == nil || events[index].target?.resolution == .unresolved, let source = events[index].source, let root = Int(events[index].rootCode), root >= 10,
                  let sibling = (start..<events.count).first(where: { other in
                      // A demand's target is whom or what it is for ("demanded the release of 40
                      // people"), not the other side: demands lend none.
                      events[other].source?.code == source.code && Int(events[other].rootCode).map { $0 >= 11 } == true
                          && events[other].target != nil && events[other].target?.resolution != .unresolved
                          && events[other].target?.code != source.code
                          && (events[other].target?.country != source.country || events[other].target?.code.count ?? 0 > 3)
                  }) else { continue }
            shared.append((index, sibling))
        }
        // A sibling has a target of its own, so no event taking one is another's sibling.
        for (index, sibling) in shared {
            events[index].target = events[sibling].target
            events[index].refreshID()
        }
    }

    /// The first place named with a locative preposition in a region ("in Haiti", "in Abidjan"),
    /// as the country it is in: a capital here is where something happens, not its government.
    func placeActedOn(in region: Range<Int>) -> ActorPhrase? {
        if var place = phrases.first(where: { region.contains($0.tokens.lowerBound) && $0.isLocative
            && ($0.resolution == .dictionary || $0.resolution == .metonymy) }), let country = place.country {
            place.code = country
            place.agentType = nil
            return place
        }
        // A town or province the lexicon does not name, found by the geoparser ("in Aleppo").
        guard let place = places.first(where: { region.contains($0.tokens.lowerBound) && phrase(at: $0.tokens.lowerBound) < 0 })
        else { return nil }
        return ActorPhrase(tokens: place.tokens, head: place.tokens.upperBound - 1, code: place.country, country: place.country,
                           agentType: nil, name: place.name, resolution: .context, isPerson: false, isLocative: true,
                           needsCountry: false, sources: [])
    }

    /// The noun phrase a pattern's match ends before, past one preposition that aims an act
    /// ("into", "against"), when the lexicon knows none of its words: an actor of empty code.
    func unknownObject(at end: Int, in region: Range<Int>) -> ActorPhrase? {
        var index = end
        guard index < region.upperBound else { return nil }
        if ClauseWords.objectPrepositions.contains(words.lowered[index]) { index += 1 }
        guard index < region.upperBound, let object = chunk(at: index), object.tokens.upperBound <= region.upperBound,
              // A noun phrase after the match, or the rest of a prepositional one whose
              // preposition the pattern took ("into [Boztepe]").
              object.kind == .noun && object.tokens.lowerBound >= end
                || object.kind == .prepositional && object.tokens.lowerBound == end - 1 && tokens[end - 1].pos == .ADP,
              tokens[object.head].pos == .NOUN || tokens[object.head].pos == .PROPN,
              !ClauseWords.timeWords.contains(words.lowered[object.head]),
              !object.tokens.contains(where: { phrase(at: $0) >= 0 }) else { return nil }
        // "the act of aggression", "a shipment of ventilators": the noun and what it is of.
        var tokens = max(object.tokens.lowerBound, end)..<object.tokens.upperBound
        while tokens.upperBound + 1 < region.upperBound, words.lowered[tokens.upperBound] == "of",
              let next = chunk(at: tokens.upperBound + 1), next.kind == .noun, next.tokens.upperBound <= region.upperBound,
              !next.tokens.contains(where: { phrase(at: $0) >= 0 }) {
            tokens = tokens.lowerBound..<next.tokens.upperBound
        }
        return .unknown(tokens, head: object.head)
    }

    /// The noun phrase whose head is the last noun a pattern's match took, when it holds no
    /// actor: an actor of empty code.
    func patternObject(_ found: PatternMatch) -> ActorPhrase? {
        guard let noun = found.consumedNouns.last(where: { tokens[$0].pos == .NOUN }),
              let object = chunk(at: noun), object.kind == .noun, object.head == noun,
              !object.tokens.contains(where: { phrase(at: $0) >= 0 }) else { return nil }
        return .unknown(object.tokens, head: noun)
    }

    /// The actor that opens the clause after a verb's region ("that the US cancel"), if any.
    func complementSubject(after region: Range<Int>) -> Int? {
        var index = region.upperBound
        guard index < sentence.tokens.upperBound else { return nil }
        if ["that", "unless", "if"].contains(words.lowered[index]) { index += 1 }
        while index < sentence.tokens.upperBound, tokens[index].pos == .DET { index += 1 }
        let found = phrase(at: index)
        guard found >= 0, !phrases[found].isLocative else { return nil }
        return found
    }

    /// "Russia said Sudan must return the helicopter": a statement that someone must do
    /// something is a demand (CAMEO 10) on that someone. Whether the rule applies; its events,
    /// if any, are appended to `events`.
    func reportedDemand(_ verb: Chunk, region: Range<Int>, subject: Subject, features: VerbFeatures,
                                into events: inout [Event], trace: inout TriggerTrace?) -> Bool {
        guard dialect.reportedDemands, !features.negated, !subject.phrases.isEmpty,
              ClauseWords.speechVerbs.contains(words.verbLemma(verb.head)),
              // The clause may open the verb's region ("says Israel must end") or follow it.
              let target = complementSubject(after: region.lowerBound..<region.lowerBound) ?? complementSubject(after: region)
        else { return false }
        // The clause's verb group must carry an obligation: "must", "should", "has to", "needs to".
        var index = phrases[target].tokens.upperBound
        while index < sentence.tokens.upperBound, chunk(at: index)?.kind != .verb {
            if words.lowered[index] == "," || tokens[index].pos == .SCONJ { return false }
            index += 1
        }
        guard let clauseVerb = chunk(at: index), clauseVerb.tokens.contains(where: { ClauseWords.obligations.contains(words.lowered[$0]) })
                || (clauseVerb.tokens.count >= 2 && ["has", "have", "need", "needs"].contains(words.lowered[clauseVerb.tokens.lowerBound])
                    && words.lowered[clauseVerb.tokens.lowerBound + 1] == "to") else { return false }
        let rule = EventPattern(code: "100", lemma: -1, elements: [.target], text: "say + must",
                                source: LexiconSource(file: "clause-rule", line: 1))
        trace?.fired = "100 say + must [clause rule: a statement that someone must act is a demand]"
        makeEvents(code: "100", pattern: rule, sources: subject.phrases,
                   targets: actorPhrases(coordinatedAfter(target, limit: sentence.tokens.upperBound)),
                   trigger: verb.tokens, features: features, into: &events)
        return true
    }

    /// The head word of what the first "by" of a region names when that is no actor: a person
    /// or group the lexicon does not know ("by her estranged boyfriend", "by many") or a weapon
    /// ("by a roadside bomb"); never a time ("by Friday"), an amount ("by 20 percent") or a
    /// means ("by using").
    func doerOutsideLexicon(in region: Range<Int>) -> Int? {
        guard let by = region.first(where: { words.lowered[$0] == ClauseWords.agentPreposition }), by + 1 < region.upperBound,
              phrase(at: by + 1) < 0 else { return nil }
        var head = by + 1
        if let doer = chunk(at: by + 1), doer.kind == .noun || doer.kind == .prepositional, doer.tokens.upperBound <= region.upperBound {
            head = doer.head
        }
        let word = words.lowered[head]
        guard [.NOUN, .PRON, .ADJ].contains(tokens[head].pos), tokens[by + 1].pos != .NUM,
              !ClauseWords.timeWords.contains(word), word != "percent" else { return nil }
        return head
    }

    func byPhrase(in region: Range<Int>) -> Int? {
        for index in region where words.lowered[index] == ClauseWords.agentPreposition {
            if phrase(at: index + 1) >= 0 { return phrase(at: index + 1) }
        }
        return nil
    }
}
