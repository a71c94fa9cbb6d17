import DyadCore
import DyadLexicon

/// Coding a verb group: the pattern that fits its clause, then its source and targets.
extension SentenceCoder {
    func isControlVerb(_ lemma: String) -> Bool {
        ClauseWords.intentVerbs.contains(lemma) || ClauseWords.threatVerbs.contains(lemma) || ClauseWords.refusalVerbs.contains(lemma)
    }

    func nextVerb(after chunkIndex: Int) -> Chunk? {
        chunks[(chunkIndex + 1)...].first { $0.kind == .verb }
    }

    /// Appends the events of a verb group to `events`.
    func codeVerb(_ verb: Chunk, subject: Subject, control: String? = nil, usedNouns: inout UsedNouns,
                          into events: inout [Event], trace: inout TriggerTrace?) {
        var features = features(of: verb)
        // "accused Denmark of not having done enough to protect Greenland": an act a negated
        // verb was to bring about did not happen either.
        if !features.negated, dialect.subjectsFromParse, completesNegatedVerb(verb) { features.negated = true }
        if case .notAnActor(let noun) = subject.how, ClauseWords.attackNouns.contains(words.lowered[noun]) {
            features.doerUnnamed = true
            features.improvisedWeapon = ClauseWords.improvisedAttackNouns.contains(words.lowered[noun])
            features.weapon = noun
        }
        if let control {
            features.control = control
            if !ClauseWords.refusalVerbs.contains(control), features.modality == .asserted { features.modality = .intended }
        }
        // "Iran is opposed to the deal", "is committed to talks": a state its subject is in, not
        // an act done to it.
        if features.passive, ClauseWords.stativeParticiples.contains(words.lowered[verb.head]),
           verb.tokens.upperBound < sentence.tokens.upperBound, words.lowered[verb.tokens.upperBound] == "to" {
            features.passive = false
        }
        if !features.passive, isReducedRelative(verb, subject: subject) { features.passive = true }
        let region = region(after: verb)
        // TABARI/PETRARCH read a verb as passive only when a "by" phrase names the doer ("was
        // criticized over its dispute with X" codes the subject as the source).
        if dialect.passiveNeedsAgentPhrase, features.passive, byPhrase(in: region) == nil { features.passive = false }
        if features.passive, byPhrase(in: region) == nil, let doer = doerOutsideLexicon(in: region) {
            // "killed by a roadside bomb": the weapon, its doer unsaid; "stabbed by her
            // boyfriend": a doer who is no actor.
            if ClauseWords.attackNouns.contains(words.lowered[doer]) {
                features.improvisedWeapon = ClauseWords.improvisedAttackNouns.contains(words.lowered[doer])
                features.weapon = doer
            } else {
                features.doerOutsideLexicon = true
            }
        }
        if features.modality == .intended || features.modality == .hypothetical,
           (verb.tokens.upperBound..<sentence.tokens.upperBound).contains(where: { ["unless", "if"].contains(words.lowered[$0]) }) {
            features.conditional = true
            features.modality = .intended
        } else if features.modality == .hypothetical, verb.tokens.contains(where: { words.lowered[$0] == "would" }),
                  chunks.contains(where: { $0.kind == .verb && $0.tokens.upperBound <= verb.tokens.lowerBound
                      && ClauseWords.speechVerbs.contains(words.verbLemma($0.head)) }) {
            // "announced it would prohibit": reported future, not a supposition.
            features.modality = .intended
        }
        trace?.voice = features.passive ? "passive" : "active"
        trace?.modality = features.modality.rawValue + (features.negated ? ", negated" : "") + (features.control.map { ", after '\($0) to'" } ?? "")
        let lemma = words.lemmaIds[verb.head]
        let particle = particle(of: verb)
        if reportedDemand(verb, region: region, subject: subject, features: features, into: &events, trace: &trace) {
            return
        }
        // The match that fired and its pattern.
        var matched: (slots: PatternMatch, pattern: EventPattern)? = nil
        // TABARI/PETRARCH patterns reach over the whole verb phrase, clauses it governs included.
        let patternRegion = dialect.patternsReachSentenceEnd ? region.lowerBound..<sentence.tokens.upperBound : region
        // Through a buffer pointer: the patterns are then read where they lie, never copied. Each
        // copy retains a pattern's storage, which every thread shares, and contended reference
        // counts cost more than the match.
        if let patterns = lexicon.verbPatterns[lemma], let filter = coder.shared.verbFilters[lemma] {
            patterns.withUnsafeBufferPointer { buffer in
            filter.requiredWords.withUnsafeBufferPointer { requiredWords in
            filter.mayBeDative.withUnsafeBufferPointer { mayBeDative in
                // Through the base address: a pointer's subscript lends the pattern to `match`, a
                // buffer's hands it a copy.
                guard let verbPatterns = buffer.baseAddress else { return }
                for number in 0..<buffer.count {
                    // The filter first: it rejects most patterns without reading them.
                    let fits = sentenceWords.contains(requiredWords[number]) || tracing
                    let dative = !features.passive && mayBeDative[number]
                        && (sentenceWords.contains(verbPatterns[number].dativeWords) || tracing)
                    guard fits || dative else { continue }
                    if fits {
                        let (found, why) = verbPatterns[number].withElements {
                            match($0, region: patternRegion, passive: features.passive, subject: subject, particle: particle)
                        }
                        trace?.patterns.append("\(verbPatterns[number].code) \(verbPatterns[number].text) [\(verbPatterns[number].source)]: \(why)")
                        if let found { matched = (found, verbPatterns[number]); break }
                    }
                    // "gave Tanzania a grant" is "gave a grant to Tanzania": try the dative order.
                    if dative {
                        let shifted = datives(of: verbPatterns[number])
                        let (found, why) = shifted.withElements {
                            match($0, region: region, passive: false, subject: subject, particle: particle)
                        }
                        trace?.patterns.append("\(verbPatterns[number].code) \(verbPatterns[number].text) [\(verbPatterns[number].source)] (dative order): \(why)")
                        if let found { matched = (found, shifted); break }
                    }
                }
            }
            }
            }
        }
        // "staged joint drills", "held talks": a light verb whose object noun is the event.
        var trigger = verb.head..<(verb.head + 1)
        // Any verb's direct object can name the event; light verbs reach further into their clause.
        let isLightVerb = ClauseWords.lightVerbs.contains(words.verbLemma(verb.head))
        let objectEnd = chunk(at: region.lowerBound).flatMap { $0.kind == .noun ? $0.tokens.upperBound : nil } ?? region.lowerBound
        // "announced the arrest of X", "ordered the release of Y": a light verb's own bare
        // statement (CAMEO 01) gives way to the event its object noun names.
        let bareStatement = matched.map { isLightVerb && $0.pattern.code.hasPrefix("01") && dialect.patternsMatchLemmas } ?? false
        var nounFound = false
        if matched == nil || bareStatement {
            for index in region where index < sentence.tokens.upperBound && (isLightVerb || index < objectEnd) {
                guard let nounPatterns = lexicon.nounPatterns[words.lemmaIds[index]] else { continue }
                let nounRegion = (index + 1)..<region.upperBound
                // Read in place, as the verb's patterns.
                nounPatterns.withUnsafeBufferPointer { buffer in
                    guard let nounPatterns = buffer.baseAddress else { return }
                    for number in 0..<buffer.count where sentenceWords.contains(nounPatterns[number].requiredWords) || tracing {
                        let (found, why) = nounPatterns[number].withElements { match($0, region: nounRegion, passive: features.passive, subject: subject) }
                        trace?.patterns.append("\(nounPatterns[number].code) \(nounPatterns[number].text) [\(nounPatterns[number].source)] (object noun): \(why)")
                        if let found {
                            matched = (found, nounPatterns[number])
                            trigger = index..<(index + 1)
                            usedNouns.insert(index)
                            nounFound = true
                            break
                        }
                    }
                }
                if nounFound { break }
            }
        }
        // "has refused to respond to a demand from the US": when the infinitive names no event,
        // the control verb in the same group ("refuse", "agree", "threaten") names its own.
        var controlPatternFired = false
        if matched == nil, dialect.controlVerbPatterns, let control = features.control,
           case let controlId = lexicon.vocabulary.id(of: control), controlId >= 0, controlId != lemma {
            (lexicon.verbPatterns[controlId] ?? []).withUnsafeBufferPointer { buffer in
                guard let controlPatterns = buffer.baseAddress else { return }
                for number in 0..<buffer.count where sentenceWords.contains(controlPatterns[number].requiredWords) || tracing {
                    let (found, why) = controlPatterns[number].withElements { match($0, region: region, passive: features.passive, subject: subject) }
                    trace?.patterns.append("\(controlPatterns[number].code) \(controlPatterns[number].text) [\(controlPatterns[number].source)] (control verb '\(control)'): \(why)")
                    if let found { matched = (found, controlPatterns[number]); controlPatternFired = true; break }
                }
            }
            if controlPatternFired { features.control = nil; features.modality = .asserted }
        }
        // Last resort: a pattern whose target slot holds a noun phrase the lexicon does not know
        // ("returned the painting to the city museum"), kept by its words.
        if matched == nil, dialect.keepsUnknownActorWords, !features.passive,
           let patterns = lexicon.verbPatterns[lemma], let filter = coder.shared.verbFilters[lemma] {
            patterns.withUnsafeBufferPointer { buffer in
            filter.requiredWords.withUnsafeBufferPointer { requiredWords in
                guard let verbPatterns = buffer.baseAddress else { return }
                for number in 0..<buffer.count where verbPatterns[number].hasTargetSlot
                    && (sentenceWords.contains(requiredWords[number]) || tracing) {
                    let (found, why) = verbPatterns[number].withElements {
                        match($0, region: patternRegion, passive: false, subject: subject, unknownTargets: true, particle: particle)
                    }
                    trace?.patterns.append("\(verbPatterns[number].code) \(verbPatterns[number].text) [\(verbPatterns[number].source)] (target not in the lexicon): \(why)")
                    if let found, found.unknownTarget != nil { matched = (found, verbPatterns[number]); break }
                }
            }
            }
        }
        guard case let (found, pattern)? = matched else { return }
        for noun in found.consumedNouns { usedNouns.insert(noun) }
        trace?.fired = "\(pattern.code) \(pattern.text) [\(pattern.source)]"

        var sources: [ActorPhrase]
        var targets: [ActorPhrase] = actorPhrases(found.targets)
        // Which rule gave the targets, for `dyad explain`.
        var targetHow = targets.isEmpty ? "none" : "the pattern's slot"
        if targets.isEmpty, let object = found.unknownTarget {
            targets = [.unknown(object, head: object.upperBound - 1)]
            targetHow = "the pattern's slot, not in the lexicon"
        }
        // A pattern with no target slot still has a target when an actor follows in its clause
        // ("recalled its US ambassador", "dismissed NATO concerns"); but actors that agree or
        // cooperate together do it with each other, whatever their talk is about ("Trump and
        // Putin agreed to share information on North Korea").
        let jointAct = Self.isJointCode(pattern.code, parties: subject.phrases.count)
        // The own forces of a show of force or a withdrawal are its means, not its target: the
        // target is the actor after them ("deployed troops in Kashmir", "withdraw its troops from
        // Lebanon"), or one the later rules find.
        let ownForces = { (index: Int) in
            (pattern.code.hasPrefix("15") || pattern.code.hasPrefix("08"))
                && subject.phrases.contains { $0.country != nil && $0.country == self.phrases[index].country }
                && ["MIL", "PKO"].contains(self.phrases[index].agentType ?? "")
        }
        var ownForcesEnd: Int?
        if targets.isEmpty, !pattern.hasTargetSlot, !features.passive, found.source == nil, !jointAct,
           var fallback = firstActor(in: region) {
            while ownForces(fallback), let next = firstActor(in: phrases[fallback].tokens.upperBound..<max(phrases[fallback].tokens.upperBound, region.upperBound)) {
                fallback = next
            }
            if ownForces(fallback) {
                ownForcesEnd = phrases[fallback].tokens.upperBound
            } else {
                targets = actorPhrases(coordinatedAfter(fallback, limit: region.upperBound))
                targetHow = "the first actor in the verb's clause"
            }
        }
        // TABARI/PETRARCH: a pattern without a target takes the first actor after the verb in
        // the rest of its sentence, past later verbs ("signed an accord to supply Gondor").
        if targets.isEmpty, dialect.targetFromRestOfSentence, !pattern.hasTargetSlot, !features.passive, found.source == nil,
           let later = firstActor(in: region.lowerBound..<sentence.tokens.upperBound) {
            targets = actorPhrases(coordinatedAfter(later, limit: sentence.tokens.upperBound))
            targetHow = "the first actor in the rest of the sentence"
        }
        // Material acts done in a country ("imposed a curfew in southeastern Turkey", "declared
        // a state of siege in Haiti") are done to it.
        // The place may open the sentence ("In Colombia, the government released ..."): any place
        // the sentence names before the clause ends, outside the source's own words.
        if targets.isEmpty, !features.passive, let root = Int(pattern.code.prefix(2)), root == 7 || root == 8 || root >= 14,
           let place = placeActedOn(in: region)
            ?? placeActedOn(in: sentence.tokens.lowerBound..<region.upperBound).flatMap({ place in
                subject.phrases.contains { $0.tokens.overlaps(place.tokens) } ? nil : place
            }) {
            targets = [place]
            targetHow = "the place it was done in"
        }
        // "withdraw its troops from neighboring Lebanon", "had been sent to Lebanon": past its own
        // forces, a withdrawal or show of force is aimed at the next country the sentence names.
        if targets.isEmpty, let after = ownForcesEnd {
            let end = after <= attributionStart ? attributionStart : sentence.tokens.upperBound
            if let country = phrases.first(where: { phrase in
                (after..<max(after, end)).contains(phrase.tokens.lowerBound) && phrase.code.count == 3 && phrase.code == phrase.country
                    && !subject.phrases.contains { $0.country == phrase.country }
            }) {
                targets = [country]
                targetHow = "the country named after its own forces"
            }
        }
        // "staged demonstrations to demand reforms by Suharto's government", "blocked a road in
        // protest at US policy": a protest is aimed at whom its purpose names.
        if targets.isEmpty, !features.passive, pattern.code.hasPrefix("14") {
            let end = region.upperBound <= attributionStart ? attributionStart : sentence.tokens.upperBound
            let purpose = region.upperBound..<end
            // The region ends just past the "to" of the infinitive after it.
            let opensPurpose = region.upperBound < end && ((region.count > 0 && words.lowered[region.upperBound - 1] == "to")
                || words.lowered[region.upperBound] == "to"
                || region.contains(where: { ClauseWords.purposeNouns.contains(words.lowered[$0]) }))
            if opensPurpose, let aimed = phrases.indices.first(where: {
                (purpose.contains(phrases[$0].tokens.lowerBound) || region.contains(phrases[$0].tokens.lowerBound)) && !phrases[$0].isLocative
            }) {
                targets = [phrases[aimed]]
                targetHow = "the actor its purpose names"
            }
        }
        // "demanded that the US cancel ...": the target is whom the that-clause is about.
        if targets.isEmpty, !features.passive, found.source == nil, let clauseSubject = complementSubject(after: region) {
            targets = actorPhrases(coordinatedAfter(clauseSubject, limit: sentence.tokens.upperBound))
            targetHow = "the subject of the clause after the verb"
        }
        if features.passive {
            // "was warned by a Philippine frigate": the subject is the target, the by-phrase the source.
            if found.usedSubjectAsTarget || targets.isEmpty || !pattern.hasTargetSlot {
                targets = subject.phrases
                targetHow = "the passive's subject"
            }
            sources = byPhrase(in: region).map { actorPhrases(coordinatedAfter($0, limit: region.upperBound)) } ?? []
        } else {
            sources = subject.phrases
        }
        if let source = found.source {
            // "received aid from X": X gave, the subject received.
            targets = sources
            targetHow = "the subject (the pattern names the source)"
            sources = [phrases[source]]
        }
        var code = adjustedCode(pattern.code, features: features)
        // "said it would not meet the demands", "will not accept": a refusal in words is CAMEO 12,
        // and the refusal is what happened.
        if dialect.refusalsInWords, features.negated, features.modality != .asserted, features.control == nil,
           verb.tokens.contains(where: { ["will", "would", "wo", "shall"].contains(words.lowered[$0]) }),
           let refusal = refusalCode(for: code) {
            code = refusal
            features.negated = false
            features.modality = .asserted
        }
        // A threat is made against whoever the condition names ("unless Israel rescinded") or
        // where the threatened act would fall ("resume attacks in Israel").
        if code.hasPrefix("13"), targets.isEmpty, !features.passive {
            if let condition = (region.lowerBound..<sentence.tokens.upperBound).first(where: { ["unless", "if"].contains(words.lowered[$0]) }),
               let conditionSubject = complementSubject(after: region.lowerBound..<condition) {
                targets = [phrases[conditionSubject]]
                targetHow = "the subject of the condition"
            } else if let place = placeActedOn(in: region.lowerBound..<(region.upperBound <= attributionStart ? attributionStart : sentence.tokens.upperBound)) {
                // The threatened act may be in the infinitive after a control verb: "threatened
                // Monday to resume attacks in Israel".
                targets = [place]
                targetHow = "the place the threatened act would fall on"
            }
        }
        // "condemned the legislation", "opened an investigation into Boztepe": an object the
        // lexicon does not know is what the act is aimed at, kept by its words.
        if targets.isEmpty, dialect.keepsUnknownActorWords, !features.passive, found.source == nil, !jointAct,
           let object = unknownObject(at: found.end, in: region) {
            targets = [object]
            targetHow = "the object, not in the lexicon"
        }
        // "rejected the referendum", "condemned the attack": what a rejection or an accusation
        // names in its pattern is what it is aimed at, when it names no actor; a lawsuit (115)
        // is the act itself.
        if targets.isEmpty, dialect.keepsUnknownActorWords, !features.passive, found.source == nil, !jointAct,
           let root = Int(pattern.code.prefix(2)), root == 11 && !pattern.code.hasPrefix("115") || root == 12,
           let object = patternObject(found) {
            targets = [object]
            targetHow = "the object the pattern names"
        }
        // "agreed to set up an institute in Barcelona", "will investigate attacks in northwest
        // Syria": an agreement, a cooperation or an inquiry that names no one is aimed at the
        // place it names after the verb, as PLOVER coders code it.
        if targets.isEmpty, dialect.keepsUnknownActorWords, !features.passive, found.source == nil, !jointAct,
           subject.phrases.count < 2, let root = Int(pattern.code.prefix(2)), [3, 6, 9].contains(root),
           let place = placeActedOn(in: region.lowerBound..<(region.upperBound <= attributionStart ? attributionStart : sentence.tokens.upperBound)) {
            targets = [place]
            targetHow = "the place it names"
        }
        // "failed to arrest him", "refused to attack": an act that did not happen.
        if let control = features.control, ClauseWords.refusalVerbs.contains(control), code == pattern.code {
            features.negated = true
        }
        if code != pattern.code { trace?.fired! += " -> \(code) (\(features.modality.rawValue))" }
        if trace != nil {
            let named = targets.map { "'\(document.text(ofTokens: $0.referentTokens ?? $0.tokens))' \($0.code)" }.joined(separator: ", ")
            trace?.target = named.isEmpty ? targetHow : "\(targetHow): \(named)"
        }
        makeEvents(code: code, pattern: pattern, sources: sources, targets: targets,
                   trigger: trigger.lowerBound == verb.head ? verb.tokens : trigger, features: features, into: &events)
    }

    /// The phrases at these indices. A loop, not `map { phrases[$0] }`: that closure copies the
    /// whole sentence coder.
    func actorPhrases(_ indices: [Int]) -> [ActorPhrase] {
        var result: [ActorPhrase] = []
        result.reserveCapacity(indices.count)
        for index in indices { result.append(phrases[index]) }
        return result
    }

    /// The first actor in a region that is not a bare place.
    func firstActor(in region: Range<Int>) -> Int? {
        phrases.indices.first { region.contains(phrases[$0].tokens.lowerBound) && !phrases[$0].isLocative }
    }
}
