import DyadCore
import DyadLexicon

/// Events named by nouns ("the arrest of X by Y").
extension SentenceCoder {
    /// Appends the events of the sentence's event nouns to `events`.
    func codeNouns(skipping used: UsedNouns, into events: inout [Event], trace: inout SentenceTrace?) {
        for index in sentence.tokens where !used.contains(index) {
            guard tokens[index].pos == .NOUN || tokens[index].pos == .ADJ, let patterns = lexicon.nounPatterns[words.lemmaIds[index]] else { continue }
            var end = index + 1
            let limit = index < attributionStart ? attributionStart : sentence.tokens.upperBound
            while end < limit {
                if let next = chunk(at: end), next.kind == .verb { break }
                end += 1
            }
            let region = (index + 1)..<end
            // As for verbs: a pattern needing a word the sentence lacks is not tried, unless
            // someone reads why patterns fail, and patterns are read in place: only the one that
            // fires is copied.
            // One block a noun for `dyad explain`, with every pattern tried in it.
            var nounTrace: TriggerTrace? = trace == nil ? nil : TriggerTrace(
                text: document.text(ofToken: index), lemma: lexicon.vocabulary.word(words.lemmaIds[index]),
                subject: "", voice: "noun", modality: "asserted")
            patterns.withUnsafeBufferPointer { buffer in
                guard let patterns = buffer.baseAddress else { return }
                for number in 0..<buffer.count where sentenceWords.contains(patterns[number].requiredWords) || tracing {
                    let (found, why) = patterns[number].withElements { match($0, region: region, passive: false, subject: Subject()) }
                    nounTrace?.patterns.append("\(patterns[number].code) \(patterns[number].text) [\(patterns[number].source)]: \(why)")
                    guard let found else { continue }
                    let pattern = patterns[number]
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
                    let targets = actorPhrases(found.targets)
                    // An event noun alone ("Turkey's worst unrest") is a topic, not an event: it needs
                    // both who did it and to whom.
                    guard !sources.isEmpty, !targets.isEmpty else {
                        nounTrace?.subject = "no actor doing it or none it was done to: not coded"
                        break
                    }
                    nounTrace?.subject = "'\(document.text(ofTokens: sources[0].tokens))' \(sources[0].code)"
                    nounTrace?.fired = "\(pattern.code) \(pattern.text) [\(pattern.source)]"
                    makeEvents(code: pattern.code, pattern: pattern, sources: sources, targets: targets,
                               trigger: index..<(index + 1), features: VerbFeatures(), into: &events)
                    break
                }
            }
            if let nounTrace { trace?.triggers.append(nounTrace) }
        }
    }

    /// The tokens of a sentence that verbs took as pattern words or event nouns, which are then
    /// not coded as nouns of their own. A sentence has a few: a list costs less than a `Set`.
    struct UsedNouns {
        private var tokens: [Int] = []

        mutating func insert(_ token: Int) {
            if !tokens.contains(token) { tokens.append(token) }
        }

        func contains(_ token: Int) -> Bool { tokens.contains(token) }
    }
}
