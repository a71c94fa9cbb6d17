import DyadCore

extension PetrarchReader {
    /// Compiles what was read into a `Lexicon`: actors and agents into the phrase trie, patterns
    /// into `EventPattern`s, codes the CAMEO table lacks (WEIS codes of old dictionaries) into an
    /// extended event table so that they still make events.
    mutating func build() -> (lexicon: Lexicon, report: PetrarchImportReport) {
        var lexicon = Lexicon(eventTable: Self.eventTable(extending: .standard, with: patterns.flatMap { [$0.code] + ($0.paired.map { [$0] } ?? []) }))
        lexicon.codeStyle = .petrarch
        for (base, forms) in irregular { lexicon.lemmatizer.addIrregular(base: base, forms: forms) }

        // Actors: dated codes first, so that the first entry valid on a date wins and the
        // undated default only when none is.
        var seenActors: [String: LexiconSource] = [:]
        for actor in actors {
            let ordered = actor.codes.filter { $0.from != nil || $0.to != nil } + actor.codes.filter { $0.from == nil && $0.to == nil }
            let name = actor.phrases[0]
            for phrase in actor.phrases {
                for code in ordered {
                    let entry = ActorEntry(kind: .country, code: code.code, country: code.code.count >= 3 ? String(code.code.prefix(3)) : nil, agentType: nil, name: name,
                                           validFrom: code.from, validTo: code.to, source: actor.source)
                    let key = phrase + "|" + code.code + "|" + String(code.from ?? 0) + "|" + String(code.to ?? 0)
                    if let earlier = seenActors[key] {
                        if earlier != actor.source {
                            issues.append(LexiconIssue(.warning, actor.source, "duplicate of \(earlier): '\(phrase)' [\(code.code)]"))
                        }
                        continue
                    }
                    seenActors[key] = actor.source
                    insert(phrase, entry, into: &lexicon)
                }
            }
        }
        var seenAgents: [String: LexiconSource] = [:]
        for agent in agents {
            let key = agent.phrase + "|" + agent.code
            if let earlier = seenAgents[key] {
                if earlier != agent.source {
                    issues.append(LexiconIssue(.warning, agent.source, "duplicate of \(earlier): '\(agent.phrase)' [~\(agent.code)]"))
                }
                continue
            }
            seenAgents[key] = agent.source
            lexicon.agentTypes.insert(agent.code)
            insert(agent.phrase, ActorEntry(kind: .agent, code: agent.code, country: nil, agentType: agent.code,
                                            name: agent.phrase, role: agent.prefix ? ActorEntry.prefixAgentRole : nil,
                                            source: agent.source), into: &lexicon)
        }
        lexicon.discards = discards

        var seenPatterns: [String: (String, LexiconSource)] = [:]
        var reported = Set<String>()
        var synsetIds: [String: [[Int32]]] = [:]
        var compiledPatterns: [Int32: [(EventPattern, Int)]] = [:]
        for pattern in patterns {
            let lemma = lexicon.vocabulary.intern(pattern.verb)
            lexicon.lemmatizer.addKnownLemma(pattern.verb)
            var elements: [EventPattern.Element] = []
            for word in pattern.before {
                switch word {
                case "%": if !elements.contains(.compoundSubject) { elements.insert(.compoundSubject, at: 0) }
                case "+", "$": report.note("'\(word)' before the verb (the subject fills it)")
                case "^": report.note("'^' skips before the verb (dropped: words before the verb may have gaps)")
                default: elements.append(.wordBefore(lexicon.vocabulary.intern(word)))
                }
            }
            for word in pattern.after {
                switch word {
                case "+": elements.append(.target)
                case "$": elements.append(.source)
                case "%": report.note("'%' compound actors after the verb (read as '+')"); elements.append(.target)
                case "^": elements.append(.skip)
                case "*": report.note("a second '*' (dropped)")
                case _ where word.hasPrefix("&"):
                    if let cached = synsetIds[word] {
                        elements.append(.oneOf(cached))
                    } else {
                        let ids = (resolvedSynsets[word] ?? []).map { $0.map { lexicon.vocabulary.intern($0) } }.filter { !$0.isEmpty }
                        synsetIds[word] = ids
                        elements.append(.oneOf(ids))
                    }
                default: elements.append(.word(lexicon.vocabulary.intern(word)))
                }
            }
            let key = pattern.verb + "|" + pattern.before.joined(separator: " ") + "|" + pattern.after.joined(separator: " ")
            if let (code, source) = seenPatterns[key] {
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
            seenPatterns[key] = (pattern.code, pattern.source)
            let compiled = EventPattern(code: pattern.code, lemma: lemma, elements: elements, text: pattern.text,
                                        source: pattern.source, pairedCode: pattern.paired)
            if let paired = pattern.paired { lexicon.pairedCodes[pattern.source.description] = paired }
            compiledPatterns[lemma, default: []].append((compiled, compiledPatterns[lemma]?.count ?? 0))
        }
        for (lemma, list) in compiledPatterns {
            let sorted = list.map { ($0.0, $0.0.specificity, $0.1) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
            lexicon.verbPatterns[lemma] = sorted.map(\.0)
        }
        lexicon.issues = issues
        lexicon.approximations = report.counts
        return (lexicon, report)
    }

    private func insert(_ phrase: String, _ entry: ActorEntry, into lexicon: inout Lexicon) {
        let words = PhraseWords(phrase)
        guard !words.words.isEmpty else { return }
        let ids = words.words.map { lexicon.vocabulary.intern($0) }
        let index = Int32(lexicon.actors.count)
        lexicon.actors.append(entry)
        lexicon.actorPhrases.insert(ids, cases: words.cases.map { _ in .any }, entry: index)
    }

    /// The standard table plus every code the dictionaries use that it lacks, with the quad
    /// class and Goldstein score of its CAMEO base or root when there is one. Codes without a
    /// digit (`---`, `+++`) stay out: a pattern with one matches and makes no event.
    static func eventTable(extending table: CAMEOEventTable, with codes: [String]) -> CAMEOEventTable {
        let missing = Set(codes.filter { !table.contains($0) && $0.contains(where: \.isNumber) })
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
