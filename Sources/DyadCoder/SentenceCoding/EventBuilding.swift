import DyadCore
import DyadLexicon

/// Building events from a match: every source with every target, with their texts and
/// spans, and one event per interaction in a sentence.
extension SentenceCoder {
    /// One event per source, target and code in a sentence ("opened fire ..., killing one
    /// person" is one assault by the police), and no event of a country on itself by name
    /// alone ("the US would deny entry to the United States").
    ///
    /// Over the events from `start`, the sentence's, in place.
    func removeRepeats(in events: inout [Event], from start: Int) {
        guard dialect.oneEventPerInteraction else { return }
        var seen = Set<String>()
        var kept = start
        for index in start..<events.count {
            let repeated: Bool
            if let source = events[index].source, let target = events[index].target, source.code == target.code, source.code.count == 3 {
                repeated = true
            } else {
                // Actors are compared by their words too: two people coded USAGOV are two actors.
                let key = [events[index].source?.code, events[index].source?.text, events[index].target?.code,
                           events[index].target?.text, events[index].code]
                repeated = !seen.insert(key.map { $0 ?? "-" }.joined(separator: "\u{1F}")).inserted
            }
            guard !repeated else { continue }
            if kept != index { events.swapAt(kept, index) }
            kept += 1
        }
        events.removeSubrange(kept...)
    }

    /// Whether `parties` actors who do this together do it with each other: intending, meeting
    /// and cooperating diplomatically (CAMEO 03-05), and two who cooperate materially (06:
    /// "Jordan and Britain began joint exercises", "Trump and Putin agreed to share information
    /// on North Korea"). Exercises of three or more armies are the group's act: an event for
    /// every ordered pair would count one drill six times.
    static func isJointCode(_ code: String, parties: Int) -> Bool {
        guard parties >= 2, let root = Int(code.prefix(2)) else { return false }
        return (3...5).contains(root) || root == 6 && parties == 2
    }

    /// Appends the events of one pattern match to `events`.
    func makeEvents(code: String, pattern: EventPattern, sources: [ActorPhrase], targets: [ActorPhrase],
                            trigger: Range<Int>, features: VerbFeatures, into events: inout [Event]) {
        let options = coder.options
        if features.negated && !options.includeNegated { return }
        if features.modality == .hypothetical && !options.includeHypothetical { return }
        if code == "010" && !options.includeStatements { return }
        guard let type = lexicon.eventTable[code] else { return }
        // Meeting, agreeing and cooperating among a group are reciprocal: each with each.
        let reciprocal = targets.isEmpty && sources.count >= 2
            && (Self.isJointCode(code, parties: sources.count) || dialect.everyCodeReciprocal)
        // Loops, not `compactMap` or lists of pairs: a closure would copy this coder, and most
        // calls make one event or none.
        var texts: EventTexts? = nil
        if reciprocal {
            for source in sources.indices {
                for other in sources.indices where sources[other].tokens != sources[source].tokens {
                    addEvent(to: &events, texts: &texts, code: code, type: type, pattern: pattern, source: sources[source],
                             target: sources[other], trigger: trigger, features: features)
                }
            }
        } else {
            // Every source with every target, an empty side standing as one absent actor; a
            // phrase never acts on itself.
            for source in 0..<max(sources.count, 1) {
                for target in 0..<max(targets.count, 1) {
                    if !sources.isEmpty, !targets.isEmpty, sources[source].tokens == targets[target].tokens { continue }
                    addEvent(to: &events, texts: &texts, code: code, type: type, pattern: pattern,
                             source: sources.isEmpty ? nil : sources[source], target: targets.isEmpty ? nil : targets[target],
                             trigger: trigger, features: features)
                }
            }
        }
    }

    /// The texts every event of one pattern match carries, built for its first event: most
    /// matches make none.
    struct EventTexts {
        var sentenceSpan: TextSpan
        var triggerSpan: TextSpan
        var rule: String
        var pattern: String
    }

    /// Adds the event of one source and target, when it is one.
    func addEvent(to events: inout [Event], texts: inout EventTexts?, code: String, type: CAMEOEventType,
                          pattern: EventPattern, source: ActorPhrase?, target: ActorPhrase?, trigger: Range<Int>,
                          features: VerbFeatures) {
        // CAMEO events have a doer. A passive that names only who suffered it ("three
        // journalists were detained"), or an act whose subject is the weapon ("a car bomb killed
        // three soldiers"), of a conflictual act is still an event, with the doer left empty,
        // not guessed.
        guard let source else {
            guard features.passive || features.doerUnnamed, !features.doerOutsideLexicon, let target, target.resolution != .unresolved,
                  let root = Int(code.prefix(2)), root >= 14 else { return }
            var code = code, type = type
            if features.improvisedWeapon, dialect.forceByAgent, code == "190" || code == "193", let assault = lexicon.eventTable["180"] {
                code = "180"
                type = assault
            }
            events.append(event(code: code, type: type, pattern: pattern, source: features.weapon.flatMap { weaponPhrase($0) },
                                target: target, trigger: trigger, texts: &texts, features: features))
            return
        }
        // An actor the lexicon does not know is worth an event only when it acts on one it knows.
        if source.resolution == .unresolved, target == nil || target?.resolution == .unresolved { return }
        // A killing, attack or shooting is conventional force (190, 193) when a state's
        // forces do it and unconventional violence (180) when police, rebels, militants or
        // criminals do. Means only armies have (artillery 194, aircraft 195, blockade and
        // occupation) are fighting whoever uses them: rebels shelling a town fight.
        var code = code, type = type
        if dialect.forceByAgent, code == "190" || code == "193", let agent = source.agentType, !ClauseWords.stateForces.contains(agent),
           let assault = lexicon.eventTable["180"] {
            code = "180"
            type = assault
        } else if dialect.forceByAgent, code == "180", source.agentType == "MIL", let force = lexicon.eventTable["190"] {
            code = "190"
            type = force
        }
        events.append(event(code: code, type: type, pattern: pattern, source: source, target: target, trigger: trigger,
                            texts: &texts, features: features))
    }

    func event(code: String, type: CAMEOEventType, pattern: EventPattern, source: ActorPhrase?, target: ActorPhrase?,
                       trigger: Range<Int>, texts: inout EventTexts?, features: VerbFeatures) -> Event {
        if texts == nil {
            if sentenceText.span == nil { sentenceText.span = span(of: sentence.tokens) }
            texts = EventTexts(sentenceSpan: sentenceText.span!, triggerSpan: span(of: trigger),
                               rule: pattern.source.description, pattern: "\(pattern.code) \(pattern.text)")
        }
        let texts = texts!
        var confidence = 0.5
        if let source, source.resolution != .unresolved { confidence += 0.2 }
        if target != nil { confidence += 0.2 }
        if source?.resolution == .context || target?.resolution == .context { confidence -= 0.1 }
        if source?.resolution == .coreference { confidence -= 0.1 }
        return Event(
            id: Event.stableID(document: document.id, sentence: sentenceIndex, source: source?.code, target: target?.code,
                               code: code, trigger: trigger.lowerBound),
            document: document.id, sentence: sentenceIndex,
            // Closures, not `map(actor)`: a method reference copies the whole sentence coder.
            source: source.map { actor($0) }, target: target.map { actor($0) },
            code: code, quadClass: type.quadClass, goldstein: type.goldstein,
            ploverCategory: type.ploverCategory, ploverMode: type.ploverMode,
            negated: features.negated, modality: features.modality, date: articleDate,
            sentenceText: texts.sentenceSpan.text, sentenceSpan: texts.sentenceSpan, trigger: texts.triggerSpan,
            rule: texts.rule, pattern: texts.pattern, confidence: confidence
        )
    }

    /// The noun phrase of the weapon at `head` as an actor the lexicon does not know, when the
    /// dialect keeps such words.
    func weaponPhrase(_ head: Int) -> ActorPhrase? {
        guard dialect.keepsUnknownActorWords else { return nil }
        var tokens = head..<(head + 1)
        if let weapon = chunk(at: head), weapon.kind == .noun || weapon.kind == .prepositional {
            // "by a roadside bomb": the words after the preposition.
            let start = weapon.kind == .prepositional ? weapon.tokens.lowerBound + 1 : weapon.tokens.lowerBound
            if start <= head { tokens = start..<weapon.tokens.upperBound }
        }
        return .unknown(tokens, head: head)
    }

    func actor(_ phrase: ActorPhrase) -> EventActor {
        let span = span(of: phrase.referentTokens ?? phrase.tokens)
        return EventActor(code: phrase.code, country: phrase.country, text: span.text, start: span.start, end: span.end,
                          resolution: phrase.resolution, name: phrase.name)
    }

    /// Character offsets and original words of a token range.
    func span(of range: Range<Int>) -> TextSpan { document.span(ofTokens: range, in: original) }
}
