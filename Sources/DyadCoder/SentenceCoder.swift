import DyadCore
import DyadLexicon

/// Codes one sentence: its verb groups and event nouns, with the sentence's actor phrases.
struct SentenceCoder {
    let coder: EventCoder
    let document: Document
    let sentence: Sentence
    let sentenceIndex: Int
    let words: WordAnalysis
    let phrases: [ActorPhrase]
    let characters: CharacterOffsets
    let originalBytes: [UInt8]

    private var lexicon: Lexicon { coder.lexicon }
    private var tokens: [Token] { document.tokens }

    /// Phrase index of every token of the sentence, -1 outside phrases.
    private let phraseAt: [Int]
    /// The sentence's chunks, and the chunk index of every token (-1 outside chunks).
    private let chunks: [Chunk]
    private let chunkAt: [Int]

    init(coder: EventCoder, document: Document, sentence: Sentence, sentenceIndex: Int, words: WordAnalysis,
         phrases: [ActorPhrase], characters: CharacterOffsets, originalBytes: [UInt8]) {
        self.originalBytes = originalBytes
        self.coder = coder
        self.document = document
        self.sentence = sentence
        self.sentenceIndex = sentenceIndex
        self.words = words
        self.phrases = phrases
        self.characters = characters
        let start = sentence.tokens.lowerBound
        var phraseAt = [Int](repeating: -1, count: sentence.tokens.count)
        for (index, phrase) in phrases.enumerated() {
            for token in phrase.tokens { phraseAt[token - start] = index }
        }
        self.phraseAt = phraseAt
        let chunks = document.chunks.filter { sentence.tokens.contains($0.tokens.lowerBound) }
        var chunkAt = [Int](repeating: -1, count: sentence.tokens.count)
        for (index, chunk) in chunks.enumerated() {
            for token in chunk.tokens where sentence.tokens.contains(token) { chunkAt[token - start] = index }
        }
        self.chunks = chunks
        self.chunkAt = chunkAt
    }

    private func phrase(at token: Int) -> Int {
        sentence.tokens.contains(token) ? phraseAt[token - sentence.tokens.lowerBound] : -1
    }

    private func chunk(at token: Int) -> Chunk? {
        guard sentence.tokens.contains(token) else { return nil }
        let index = chunkAt[token - sentence.tokens.lowerBound]
        return index >= 0 ? chunks[index] : nil
    }

    // MARK: - Events

    func events(context: inout DiscourseContext, trace: inout SentenceTrace?) -> [Event] {
        if trace != nil {
            trace?.actors = phrases.map { phrase in
                let words = document.text(ofTokens: phrase.tokens)
                let place = phrase.isLocative ? ", a place here" : ""
                let rules = phrase.sources.map(\.description).joined(separator: " ")
                return "\(words) -> \(phrase.code) (\(phrase.resolution.rawValue)\(place)) [\(rules)]"
            }
        }
        var events: [Event] = []
        var subjectsOfVerb: [Int: Subject] = [:]
        var usedNouns = Set<Int>()
        for (chunkIndex, chunk) in chunks.enumerated() where chunk.kind == .verb {
            let subject = findSubject(of: chunk, chunkIndex: chunkIndex, earlier: subjectsOfVerb, context: context)
            subjectsOfVerb[chunkIndex] = subject
            var triggerTrace: TriggerTrace? = trace == nil ? nil : TriggerTrace(
                text: document.text(ofTokens: chunk.tokens), lemma: lexicon.vocabulary.word(words.lemmaIds[chunk.head]),
                subject: subject.description(document), voice: "", modality: "")
            events += codeVerb(chunk, subject: subject, usedNouns: &usedNouns, trace: &triggerTrace)
            if let triggerTrace { trace?.triggers.append(triggerTrace) }
        }
        events += codeNouns(skipping: usedNouns, subjects: subjectsOfVerb, trace: &trace)
        return events
    }

    /// The subject of a verb group: actor phrases, how they were found, or none.
    struct Subject {
        var phrases: [ActorPhrase] = []
        var how: String = "none"

        func description(_ document: Document) -> String {
            phrases.isEmpty ? how : "\(how): " + phrases.map { "'\(document.text(ofTokens: $0.tokens))' \($0.code)" }.joined(separator: ", ")
        }
    }

    private func findSubject(of verb: Chunk, chunkIndex: Int, earlier: [Int: Subject], context: DiscourseContext) -> Subject {
        let start = sentence.tokens.lowerBound
        var index = verb.tokens.lowerBound - 1
        // Skip adverbs and prepositional phrases right before the verb ("Blinken on Tuesday criticized").
        func skipModifiers(_ index: inout Int) {
            while index >= start {
                if tokens[index].pos == .ADV { index -= 1; continue }
                if let pp = chunk(at: index), pp.kind == .prepositional, phrase(at: index) < 0 || tokens[pp.tokens.lowerBound].pos == .ADP {
                    if phrase(at: index) >= 0, !phraseIsInPrepositionalPhrase(phrase(at: index)) { return }
                    index = pp.tokens.lowerBound - 1; continue
                }
                return
            }
        }
        skipModifiers(&index)
        // "imposed sanctions and expelled diplomats": a verb coordinated with an earlier one shares its subject.
        if index >= start, ["and", "or", ",", "but", "then"].contains(words.lowered[index]) {
            var previous = chunkIndex - 1
            while previous >= 0, chunks[previous].kind != .verb { previous -= 1 }
            if previous >= 0, let shared = earlier[previous], !shared.phrases.isEmpty {
                var lookback = index - 1
                skipModifiers(&lookback)
                // Only when no actor phrase of its own stands between the two verbs.
                if lookback < start || phrase(at: lookback) < 0 || phraseIsInPrepositionalPhrase(phrase(at: lookback)) {
                    return Subject(phrases: shared.phrases, how: "shared with '\(document.text(ofTokens: chunks[previous].tokens))'")
                }
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
                return Subject(phrases: coordinated(with: phraseIndex), how: "subject")
            }
            if tokens[index].pos == .PRON {
                if ClauseWords.relativePronouns.contains(word) {
                    // "the arrest ... which sparked": the subject is what the pronoun refers to.
                    var antecedent = index - 1
                    if antecedent >= start, words.lowered[antecedent] == "," { antecedent -= 1 }
                    if antecedent >= start, phrase(at: antecedent) >= 0 {
                        return Subject(phrases: [phrases[phrase(at: antecedent)]], how: "relative clause")
                    }
                    return Subject()
                }
                if ClauseWords.personalPronouns.contains(word), var person = context.lastPerson {
                    person.resolution = .coreference
                    person.tokens = index..<(index + 1)
                    person.head = index
                    return Subject(phrases: [person], how: "pronoun '\(word)' resolved to the last person")
                }
                return Subject()
            }
            if let found = chunk(at: index), found.kind == .verb { return Subject() }
            if tokens[index].pos == .SCONJ || ClauseWords.clauseBreakers.contains(word) { return Subject() }
            if tokens[index].pos == .NOUN || tokens[index].pos == .PROPN {
                if let pp = chunk(at: index), pp.kind == .prepositional {
                    index = pp.tokens.lowerBound - 1
                    continue
                }
                return Subject(how: "subject '\(document.text(ofToken: index))' is not an actor")
            }
            index -= 1
        }
        return Subject()
    }

    /// "The US, Japan and the Philippines": the phrase and those listed with it before it.
    private func coordinated(with phraseIndex: Int) -> [ActorPhrase] {
        var result = [phrases[phraseIndex]]
        var current = phraseIndex
        while current > 0 {
            let previous = phrases[current - 1]
            let gap = previous.tokens.upperBound..<phrases[current].tokens.lowerBound
            guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ ["and", ",", "or"].contains(words.lowered[$0]) }),
                  !previous.isLocative else { break }
            result.insert(previous, at: 0)
            current -= 1
        }
        return result
    }

    /// Coordinated phrases after a phrase: "accused Denmark and Greenland".
    private func coordinatedAfter(_ phraseIndex: Int, limit: Int) -> [Int] {
        var result = [phraseIndex]
        var current = phraseIndex
        while current + 1 < phrases.count {
            let next = phrases[current + 1]
            guard next.tokens.upperBound <= limit else { break }
            let gap = phrases[current].tokens.upperBound..<next.tokens.lowerBound
            guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ ["and", ",", "or"].contains(words.lowered[$0]) }) else { break }
            result.append(current + 1)
            current += 1
        }
        return result
    }

    private func phraseIsInPrepositionalPhrase(_ phraseIndex: Int) -> Bool {
        let first = phrases[phraseIndex].tokens.lowerBound
        guard first > sentence.tokens.lowerBound else { return false }
        return tokens[first - 1].pos == .ADP && words.lowered[first - 1] != "of"
    }

    // MARK: - Verbs

    private struct VerbFeatures {
        var passive = false
        var negated = false
        var modality = Modality.asserted
        var control: String? = nil
    }

    private func features(of verb: Chunk) -> VerbFeatures {
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
                let lemma = lexicon.lemmatizer.verbLemma(word)
                if ClauseWords.intentVerbs.contains(lemma) || ClauseWords.threatVerbs.contains(lemma) || ClauseWords.refusalVerbs.contains(lemma) {
                    result.control = lemma
                    if result.modality == .asserted { result.modality = .intended }
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
        if !result.passive, verb.tokens.count == 1, tokens[verb.head].pos == .VERB, lexicon.lemmatizer.isPastParticiple(head),
           verb.head + 1 < sentence.tokens.upperBound, words.lowered[verb.head + 1] == ClauseWords.agentPreposition {
            result.passive = true
        }
        return result
    }

    /// Where a verb's complements are looked for: up to the next clause.
    private func region(after verb: Chunk) -> Range<Int> {
        var index = verb.tokens.upperBound
        let end = sentence.tokens.upperBound
        while index < end {
            let word = words.lowered[index]
            if let next = chunk(at: index), next.kind == .verb, next.tokens.lowerBound == index {
                // "urged Russia to stop": the infinitive's "to" still belongs to the pattern.
                return verb.tokens.upperBound..<(word == "to" ? index + 1 : index)
            }
            if tokens[index].pos == .SCONJ || ClauseWords.clauseBreakers.contains(word) || word == ";" { break }
            if ClauseWords.relativePronouns.contains(word), tokens[index].pos == .PRON { break }
            index += 1
        }
        return verb.tokens.upperBound..<index
    }

    private struct PatternMatch {
        var pattern: EventPattern
        var targets: [Int] = []
        var source: Int? = nil
        var usedSubjectAsTarget = false
        var consumedNouns: [Int] = []
    }

    private func match(_ pattern: EventPattern, region: Range<Int>, passive: Bool, subject: Subject) -> (PatternMatch?, String) {
        var result = PatternMatch(pattern: pattern)
        var cursor = region.lowerBound
        var lastWord: Int? = nil
        for element in pattern.elements {
            switch element {
            case .word(let word):
                guard let found = region.first(where: { $0 >= cursor && (words.lemmaIds[$0] == word || words.wordIds[$0] == word) }) else {
                    return (nil, "no '\(lexicon.vocabulary.word(word))'")
                }
                result.consumedNouns.append(found)
                cursor = found + 1
                lastWord = found
            case .target, .targetHead:
                var requiredHead: Int32? = nil
                if case .targetHead(let head) = element { requiredHead = head }
                if passive, !result.usedSubjectAsTarget {
                    result.usedSubjectAsTarget = true
                    if let requiredHead {
                        guard let first = subject.phrases.first, words.lemmaIds[first.head] == requiredHead else {
                            return (nil, "subject's head is not '\(lexicon.vocabulary.word(requiredHead))'")
                        }
                    }
                    continue
                }
                guard let found = nextPhrase(from: cursor, in: region, after: lastWord, requiredHead: requiredHead) else {
                    return (nil, requiredHead.map { "no actor headed by '\(lexicon.vocabulary.word($0))'" } ?? "no target actor")
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
        return (result, "matched")
    }

    /// The next actor phrase in the region. Right after a pattern word it must follow that word
    /// directly; otherwise it must not sit inside a prepositional phrase or name a bare place.
    private func nextPhrase(from cursor: Int, in region: Range<Int>, after word: Int?, requiredHead: Int32?) -> Int? {
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

    private func codeVerb(_ verb: Chunk, subject: Subject, usedNouns: inout Set<Int>, trace: inout TriggerTrace?) -> [Event] {
        let features = features(of: verb)
        trace?.voice = features.passive ? "passive" : "active"
        trace?.modality = features.modality.rawValue + (features.negated ? ", negated" : "") + (features.control.map { ", after '\($0) to'" } ?? "")
        let region = region(after: verb)
        let lemma = words.lemmaIds[verb.head]
        var matched: PatternMatch? = nil
        for pattern in lexicon.verbPatterns[lemma] ?? [] {
            let (found, why) = match(pattern, region: region, passive: features.passive, subject: subject)
            trace?.patterns.append("\(pattern.code) \(pattern.text) [\(pattern.source)]: \(why)")
            if let found { matched = found; break }
        }
        // "staged joint drills", "held talks": a light verb whose object noun is the event.
        var trigger = verb.head..<(verb.head + 1)
        if matched == nil {
            for index in region where index < sentence.tokens.upperBound {
                guard let nounPatterns = lexicon.nounPatterns[words.lemmaIds[index]] else { continue }
                let nounRegion = (index + 1)..<region.upperBound
                for pattern in nounPatterns {
                    let (found, why) = match(pattern, region: nounRegion, passive: features.passive, subject: subject)
                    trace?.patterns.append("\(pattern.code) \(pattern.text) [\(pattern.source)] (object noun): \(why)")
                    if let found { matched = found; trigger = index..<(index + 1); usedNouns.insert(index); break }
                }
                if matched != nil { break }
            }
        }
        guard var found = matched else { return [] }
        for noun in found.consumedNouns { usedNouns.insert(noun) }
        trace?.fired = "\(found.pattern.code) \(found.pattern.text) [\(found.pattern.source)]"

        var sources: [ActorPhrase]
        var targets: [ActorPhrase] = found.targets.map { phrases[$0] }
        if features.passive {
            // "was warned by a Philippine frigate": the subject is the target, the by-phrase the source.
            targets = found.usedSubjectAsTarget || targets.isEmpty ? subject.phrases : targets
            sources = byPhrase(in: region).map { coordinatedAfter($0, limit: region.upperBound).map { phrases[$0] } } ?? []
            if !found.usedSubjectAsTarget && found.pattern.hasTargetSlot == false { targets = subject.phrases }
        } else {
            sources = subject.phrases
        }
        if let source = found.source {
            // "received aid from X": X gave, the subject received.
            targets = sources
            sources = [phrases[source]]
        }
        let code = adjustedCode(found.pattern.code, features: features)
        if code != found.pattern.code { trace?.fired! += " -> \(code) (\(features.modality.rawValue))" }
        found.pattern = found.pattern
        return makeEvents(code: code, pattern: found.pattern, sources: sources, targets: targets,
                          trigger: trigger.lowerBound == verb.head ? verb.tokens : trigger, features: features)
    }

    private func byPhrase(in region: Range<Int>) -> Int? {
        for index in region where words.lowered[index] == ClauseWords.agentPreposition {
            if phrase(at: index + 1) >= 0 { return phrase(at: index + 1) }
        }
        return nil
    }

    /// Intentions and threats are their own CAMEO codes: "expected to hold talks" is 036 (intend
    /// to meet), "will provide aid" 033, "threatened to attack" 138.
    private func adjustedCode(_ code: String, features: VerbFeatures) -> String {
        guard features.modality == .intended, !features.negated, let root = Int(code.prefix(2)) else { return code }
        if features.control == "threaten" {
            switch root {
            case 15, 18, 19, 20: return "138"
            case 17: return "137"
            case 14: return "133"
            case 16: return "130"
            default: return code
            }
        }
        switch root {
        case 4: return "036"
        case 5: return "032"
        case 6: return "031"
        case 7: return "033"
        case 8: return "035"
        case 9: return "030"
        default: return code
        }
    }

    // MARK: - Nouns

    private func codeNouns(skipping used: Set<Int>, subjects: [Int: Subject], trace: inout SentenceTrace?) -> [Event] {
        var events: [Event] = []
        for index in sentence.tokens where !used.contains(index) {
            guard tokens[index].pos == .NOUN || tokens[index].pos == .ADJ, let patterns = lexicon.nounPatterns[words.lemmaIds[index]] else { continue }
            var end = index + 1
            while end < sentence.tokens.upperBound {
                if let next = chunk(at: end), next.kind == .verb { break }
                end += 1
            }
            let region = (index + 1)..<end
            for pattern in patterns {
                let (found, why) = match(pattern, region: region, passive: false, subject: Subject())
                var nounTrace = TriggerTrace(text: document.text(ofToken: index), lemma: lexicon.vocabulary.word(words.lemmaIds[index]),
                                             subject: "", voice: "noun", modality: "asserted")
                nounTrace.patterns.append("\(pattern.code) \(pattern.text) [\(pattern.source)]: \(why)")
                guard let found else { if trace != nil { trace?.triggers.append(nounTrace) }; continue }
                // The actor doing it stands in the same noun phrase ("a Chinese attack on") or is named by "by".
                var sources: [ActorPhrase] = []
                if let source = found.source {
                    sources = [phrases[source]]
                } else if phrase(at: index) >= 0 {
                    sources = [phrases[phrase(at: index)]]
                } else if index > sentence.tokens.lowerBound, phrase(at: index - 1) >= 0 {
                    sources = [phrases[phrase(at: index - 1)]]
                } else if let by = byPhrase(in: region) {
                    sources = [phrases[by]]
                }
                let targets = found.targets.map { phrases[$0] }
                guard !sources.isEmpty else {
                    nounTrace.subject = "no actor doing it: not coded"
                    if trace != nil { trace?.triggers.append(nounTrace) }
                    break
                }
                nounTrace.subject = "'\(document.text(ofTokens: sources[0].tokens))' \(sources[0].code)"
                nounTrace.fired = "\(pattern.code) \(pattern.text) [\(pattern.source)]"
                if trace != nil { trace?.triggers.append(nounTrace) }
                events += makeEvents(code: pattern.code, pattern: pattern, sources: sources, targets: targets,
                                     trigger: index..<(index + 1), features: VerbFeatures())
                break
            }
        }
        return events
    }

    // MARK: - Building events

    private func makeEvents(code: String, pattern: EventPattern, sources: [ActorPhrase], targets: [ActorPhrase],
                            trigger: Range<Int>, features: VerbFeatures) -> [Event] {
        let options = coder.options
        if features.negated && !options.includeNegated { return [] }
        if features.modality == .hypothetical && !options.includeHypothetical { return [] }
        if code == "010" && !options.includeStatements { return [] }
        guard let type = lexicon.eventTable[code] else { return [] }
        var pairs: [(ActorPhrase?, ActorPhrase?)] = []
        let sourceList: [ActorPhrase?] = sources.isEmpty ? [nil] : sources
        let targetList: [ActorPhrase?] = targets.isEmpty ? [nil] : targets
        for source in sourceList {
            for target in targetList {
                if let source, let target, source.tokens == target.tokens { continue }
                pairs.append((source, target))
            }
        }
        // Meeting, agreeing and cooperating among a group are reciprocal: each with each.
        if targets.isEmpty, sources.count >= 2, let root = Int(code.prefix(2)), (3...6).contains(root) {
            pairs = []
            for source in sources {
                for other in sources where other.tokens != source.tokens { pairs.append((source, other)) }
            }
        }
        return pairs.compactMap { source, target in
            guard source != nil || target != nil else { return nil }
            return event(code: code, type: type, pattern: pattern, source: source, target: target, trigger: trigger, features: features)
        }
    }

    private func event(code: String, type: CAMEOEventType, pattern: EventPattern, source: ActorPhrase?, target: ActorPhrase?,
                       trigger: Range<Int>, features: VerbFeatures) -> Event {
        let sentenceSpan = span(of: sentence.tokens)
        let triggerSpan = span(of: trigger)
        var confidence = 0.5
        if source != nil { confidence += 0.2 }
        if target != nil { confidence += 0.2 }
        if source?.resolution == .context || target?.resolution == .context { confidence -= 0.1 }
        if source?.resolution == .coreference { confidence -= 0.1 }
        return Event(
            id: Event.stableID(document: document.id, sentence: sentenceIndex, source: source?.code, target: target?.code,
                               code: code, trigger: trigger.lowerBound),
            document: document.id, sentence: sentenceIndex,
            source: source.map(actor), target: target.map(actor),
            code: code, quadClass: type.quadClass, goldstein: type.goldstein,
            ploverCategory: type.ploverCategory, ploverMode: type.ploverMode,
            negated: features.negated, modality: features.modality, date: document.metadata.date.map { String($0.prefix(10)) },
            sentenceText: sentenceSpan.text, sentenceSpan: sentenceSpan, trigger: triggerSpan,
            rule: pattern.source.description, pattern: "\(pattern.code) \(pattern.text)", confidence: confidence
        )
    }

    private func actor(_ phrase: ActorPhrase) -> EventActor {
        let span = span(of: phrase.tokens)
        return EventActor(code: phrase.code, country: phrase.country, text: span.text, start: span.start, end: span.end,
                          resolution: phrase.resolution, name: phrase.name)
    }

    /// Character offsets and original words of a token range.
    private func span(of range: Range<Int>) -> TextSpan {
        let bytes = document.originalByteRange(ofTokens: range)
        let original = originalBytes
        let clamped = min(bytes.lowerBound, original.count)..<min(bytes.upperBound, original.count)
        return TextSpan(start: characters.characterOffset(ofByte: clamped.lowerBound),
                        end: characters.characterOffset(ofByte: clamped.upperBound),
                        text: String(decoding: original[clamped], as: UTF8.self))
    }
}
