import DyadCore
import Foundation

extension PetrarchReader {
    /// Compiles what was read into a `Lexicon`: actors and agents into the phrase trie, patterns
    /// into `EventPattern`s, codes the CAMEO table lacks (WEIS codes of old dictionaries) into an
    /// extended event table so that they still make events.
    mutating func build() -> (lexicon: Lexicon, report: PetrarchImportReport) {
        var lexicon = Lexicon(eventTable: Self.eventTable(extending: .standard, with: patterns.flatMap { [$0.code] + ($0.paired.map { [$0] } ?? []) }))
        lexicon.codeStyle = .petrarch
        for (base, forms) in irregular { lexicon.lemmatizer.addForms(base: base, forms: forms) }
        // Actors and patterns are compiled at the same time, the actors with a vocabulary of
        // their own whose ids are then mapped into the lexicon's (a pass over the trie's edges).
        let reader = self
        let results = BuildResults(lexicon: lexicon)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                results.setActors(reader.compileActors())
            } else {
                var lexicon = results.initialLexicon
                var report = PetrarchImportReport()
                let issues = reader.compilePatterns(into: &lexicon, report: &report)
                results.setPatterns(lexicon, issues: issues, notes: report.counts)
            }
        }
        let actors = results.actors!
        lexicon = results.patternLexicon!
        let ids = actors.vocabulary.words.map { lexicon.vocabulary.intern($0) }
        lexicon.actorPhrases = actors.trie.mappingWords(ids)
        lexicon.actors = actors.entries
        lexicon.agentTypes.formUnion(actors.agentTypes)
        lexicon.discards = discards
        issues += actors.issues + results.patternIssues
        for (key, value) in results.patternNotes { report.counts[key, default: 0] += value }
        lexicon.issues = issues
        lexicon.approximations = report.counts
        return (lexicon, report)
    }

    /// Actors and agents compiled on their own: entries, trie and the vocabulary of its ids.
    struct CompiledActors: Sendable {
        var vocabulary = Vocabulary()
        var trie = PhraseTrie()
        var entries: [ActorEntry] = []
        var agentTypes: Set<String> = []
        var issues: [LexiconIssue] = []
    }

    func compileActors() -> CompiledActors {
        var compiled = CompiledActors()
        compiled.entries.reserveCapacity(actors.count * 2 + agents.count)
        // Actors: dated codes first, so that the first entry valid on a date wins and the
        // undated default only when none is. A phrase's words are split and interned once,
        // however many codes and lines it has.
        var phraseWords: [String: (ids: [Int32], cases: [CaseRequirement])] = [:]
        phraseWords.reserveCapacity(actors.count * 2 + agents.count)
        func words(_ phrase: String) -> (ids: [Int32], cases: [CaseRequirement]) {
            if let known = phraseWords[phrase] { return known }
            let split = PhraseWords(phrase)
            let result = (split.words.map { compiled.vocabulary.intern($0) }, split.cases.map { _ in CaseRequirement.any })
            phraseWords[phrase] = result
            return result
        }
        struct ActorKey: Hashable { let phrase: String; let code: String; let from: Int; let to: Int }
        var seenActors: [ActorKey: LexiconSource] = [:]
        seenActors.reserveCapacity(actors.count * 2)
        for actor in actors {
            let ordered = actor.codes.filter { $0.from != nil || $0.to != nil } + actor.codes.filter { $0.from == nil && $0.to == nil }
            let name = actor.phrases[0]
            for phrase in actor.phrases {
                for code in ordered {
                    let key = ActorKey(phrase: phrase, code: code.code, from: code.from ?? 0, to: code.to ?? 0)
                    if let earlier = seenActors[key] {
                        if earlier != actor.source {
                            compiled.issues.append(LexiconIssue(.warning, actor.source, "duplicate of \(earlier): '\(phrase)' [\(code.code)]"))
                        }
                        continue
                    }
                    seenActors[key] = actor.source
                    let entry = ActorEntry(kind: .country, code: code.code, country: code.code.count >= 3 ? String(code.code.prefix(3)) : nil, agentType: nil, name: name,
                                           validFrom: code.from, validTo: code.to, source: actor.source)
                    insert(words(phrase), entry, into: &compiled)
                }
            }
        }
        struct AgentKey: Hashable { let phrase: String; let code: String }
        var seenAgents: [AgentKey: LexiconSource] = [:]
        for agent in agents {
            let key = AgentKey(phrase: agent.phrase, code: agent.code)
            if let earlier = seenAgents[key] {
                if earlier != agent.source {
                    compiled.issues.append(LexiconIssue(.warning, agent.source, "duplicate of \(earlier): '\(agent.phrase)' [~\(agent.code)]"))
                }
                continue
            }
            seenAgents[key] = agent.source
            compiled.agentTypes.insert(agent.code)
            insert(words(agent.phrase), ActorEntry(kind: .agent, code: agent.code, country: nil, agentType: agent.code,
                                                   name: agent.phrase, role: agent.prefix ? ActorEntry.prefixAgentRole : nil,
                                                   source: agent.source), into: &compiled)
        }
        return compiled
    }

    /// Verb patterns compiled into the lexicon; returns the issues found.
    func compilePatterns(into lexicon: inout Lexicon, report: inout PetrarchImportReport) -> [LexiconIssue] {
        var issues: [LexiconIssue] = []

        // Patterns that compile to the same verb and elements: the first wins, later ones are
        // reported. The key is the compiled form (ids, synset numbers), not the text.
        struct PatternKey: Hashable { let lemma: Int32; let signature: [Int64] }
        var seenPatterns: [PatternKey: Int] = [:]
        seenPatterns.reserveCapacity(patterns.count)
        var reported = Set<String>()
        var synsetIds: [String: (number: Int64, ids: [[Int32]])] = [:]
        var compiledPatterns: [Int32: [EventPattern]] = [:]
        var knownLemmas = Set<Int32>()
        for (patternIndex, pattern) in patterns.enumerated() {
            let lemma = lexicon.vocabulary.intern(pattern.verb)
            if knownLemmas.insert(lemma).inserted { lexicon.lemmatizer.addKnownLemma(pattern.verb) }
            var elements: [EventPattern.Element] = []
            var signature: [Int64] = []
            elements.reserveCapacity(pattern.before.count + pattern.after.count)
            signature.reserveCapacity(pattern.before.count + pattern.after.count)
            func add(_ element: EventPattern.Element, _ kind: Int64, _ value: Int64 = 0) {
                elements.append(element)
                signature.append(kind << 40 | value)
            }
            // `_` (the reader's mark between joined words) makes the next word adjacent.
            var joined = false
            for word in pattern.before {
                defer { if word != "_" { joined = false } }
                switch word {
                case "_": joined = true
                case "%":
                    if !elements.contains(.compoundSubject) {
                        elements.insert(.compoundSubject, at: 0)
                        signature.insert(1 << 40, at: 0)
                    }
                case "+", "$": report.note("'\(word)' before the verb (the subject fills it)")
                case "^": report.note("'^' skips before the verb (dropped: words before the verb may have gaps)")
                default:
                    let id = lexicon.vocabulary.intern(word)
                    if joined { add(.wordJustBefore(id), 2, Int64(id)) } else { add(.wordBefore(id), 3, Int64(id)) }
                }
            }
            for word in pattern.after {
                switch word {
                case "+": add(.target, 4)
                case "$": add(.source, 5)
                case "%": report.note("'%' compound actors after the verb (read as '+')"); add(.target, 4)
                case "^": add(.skip, 6)
                case "*": report.note("a second '*' (dropped)")
                case _ where word.hasPrefix("&"):
                    if let cached = synsetIds[word] {
                        add(.oneOf(cached.ids), 7, cached.number)
                    } else {
                        let ids = (resolvedSynsets[word] ?? []).map { $0.map { lexicon.vocabulary.intern($0) } }.filter { !$0.isEmpty }
                        let number = Int64(synsetIds.count)
                        synsetIds[word] = (number, ids)
                        add(.oneOf(ids), 7, number)
                    }
                default:
                    let id = lexicon.vocabulary.intern(word)
                    add(.word(id), 8, Int64(id))
                }
            }
            let key = PatternKey(lemma: lemma, signature: signature)
            if let first = seenPatterns[key] {
                let (code, source) = (patterns[first].code, patterns[first].source)
                // One report per pair of lines: verb blocks and groups repeat a duplicate many times.
                if source != pattern.source, reported.insert(source.description + " " + pattern.source.description).inserted {
                    if code == pattern.code {
                        issues.append(LexiconIssue(.warning, pattern.source, "duplicate pattern '\(pattern.text)' for \(pattern.verb) (also \(source))"))
                    } else {
                        issues.append(LexiconIssue(.warning, pattern.source,
                                                   "pattern '\(pattern.text)' [\(pattern.code)] for \(pattern.verb) is unreachable: \(source) gives it [\(code)]"))
                    }
                }
                continue
            }
            seenPatterns[key] = patternIndex
            let compiled = EventPattern(code: pattern.code, lemma: lemma, elements: elements, text: pattern.text,
                                        source: pattern.source, pairedCode: pattern.paired)
            if let paired = pattern.paired { lexicon.pairedCodes[pattern.source.description] = paired }
            compiledPatterns[lemma, default: []].append(compiled)
        }
        // Most specific first, in file order among equals: a stable sort of indices, so that the
        // patterns themselves are not moved about.
        for (lemma, list) in compiledPatterns {
            let specificity = list.map(\.specificity)
            let order = list.indices.sorted { specificity[$0] != specificity[$1] ? specificity[$0] > specificity[$1] : $0 < $1 }
            lexicon.verbPatterns[lemma] = order.map { list[$0] }
        }
        return issues
    }

    private func insert(_ words: (ids: [Int32], cases: [CaseRequirement]), _ entry: ActorEntry, into compiled: inout CompiledActors) {
        guard !words.ids.isEmpty else { return }
        let index = Int32(compiled.entries.count)
        compiled.entries.append(entry)
        compiled.trie.insert(words.ids, cases: words.cases, entry: index)
    }

    /// The standard table plus every code the dictionaries use that it lacks, with the quad
    /// class and Goldstein score of its CAMEO base or root when there is one. Codes without a
    /// digit (`---`, `+++`) stay out: a pattern with one matches and makes no event.
    static func eventTable(extending table: CAMEOEventTable, with codes: [String]) -> CAMEOEventTable {
        // Each code once: there is one per pattern (over a hundred thousand), of a few hundred kinds.
        let missing = Set(codes).filter { !table.contains($0) && $0.contains(where: \.isNumber) }
        guard !missing.isEmpty else { return table }
        var lines: [String] = []
        func row(_ type: CAMEOEventType, code: String) -> String {
            [code, String(type.quadClass), String(type.goldstein), type.ploverCategory, type.ploverMode, type.ploverContext,
             type.description.replacingOccurrences(of: "\t", with: " ")].joined(separator: "\t")
        }
        for code in table.codes { if let type = table[code] { lines.append(row(type, code: code)) } }
        for code in missing.sorted() {
            if let base = table[String(code.prefix(3))] ?? table[String(code.prefix(2))] {
                lines.append(row(base, code: code))
            } else {
                lines.append([code, "0", "0", "", "", "", "code from an imported dictionary"].joined(separator: "\t"))
            }
        }
        return (try? CAMEOEventTable(tsv: lines.joined(separator: "\n"))) ?? table
    }
}

/// The two halves of a build, filled on two threads.
private final class BuildResults: @unchecked Sendable {
    let initialLexicon: Lexicon
    private(set) var actors: PetrarchReader.CompiledActors? = nil
    private(set) var patternLexicon: Lexicon? = nil
    private(set) var patternIssues: [LexiconIssue] = []
    private(set) var patternNotes: [String: Int] = [:]
    private let lock = NSLock()
    init(lexicon: Lexicon) { initialLexicon = lexicon }
    func setActors(_ compiled: PetrarchReader.CompiledActors) { lock.lock(); actors = compiled; lock.unlock() }
    func setPatterns(_ lexicon: Lexicon, issues: [LexiconIssue], notes: [String: Int]) {
        lock.lock(); patternLexicon = lexicon; patternIssues = issues; patternNotes = notes; lock.unlock()
    }
}
