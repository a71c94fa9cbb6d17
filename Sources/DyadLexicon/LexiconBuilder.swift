import DyadCore

/// Reads lexicon files into a `Lexicon`, checking them as it goes.
struct LexiconBuilder {
    var lexicon: Lexicon
    /// (phrase key, code) pairs seen per file, to report duplicates.
    private var seenActorPhrases: [String: LexiconSource] = [:]
    /// Pattern text -> (code, source), to report duplicates and shadowed patterns.
    private var seenPatterns: [String: (String, LexiconSource)] = [:]
    private var pendingPatterns: [(file: String, line: Int, code: String, text: String, noun: Bool)] = []

    init(lexicon: Lexicon) { self.lexicon = lexicon }

    mutating func read(name: String, text: String) {
        var issues: [LexiconIssue] = []
        let entries = lexiconEntries(text, file: name, issues: &issues)
        lexicon.issues += issues
        for entry in entries {
            switch name {
            case "types.txt": readType(entry)
            case "irregular-verbs.txt": readIrregular(entry)
            case "countries.txt": readCountry(entry, file: name)
            case "organizations.txt": readOrganization(entry, file: name)
            case "agents.txt": readAgent(entry, file: name)
            case "people.txt": readPerson(entry, file: name)
            case "verbs.txt", "nouns.txt": queuePatterns(entry, file: name, noun: name == "nouns.txt")
            case "code-adjustments.txt": readCodeAdjustment(entry, file: name)
            default: break
            }
        }
    }

    /// Compiles the patterns once every file is read: lemma ids need the whole vocabulary of
    /// known lemmas first.
    mutating func finish() -> Lexicon {
        for pattern in pendingPatterns {
            addPattern(pattern.text, code: pattern.code, source: LexiconSource(file: pattern.file, line: pattern.line), noun: pattern.noun)
        }
        for key in lexicon.verbPatterns.keys {
            lexicon.verbPatterns[key]?.sort { $0.specificity > $1.specificity }
        }
        for key in lexicon.nounPatterns.keys {
            lexicon.nounPatterns[key]?.sort { $0.specificity > $1.specificity }
        }
        return lexicon
    }

    // MARK: - Files

    private mutating func readType(_ entry: LexiconEntryLines) {
        if let code = entry.head.split(separator: " ").first { lexicon.agentTypes.insert(String(code)) }
    }

    /// `intend 04 -> 036`: a kind, a code prefix, an arrow and the code it becomes.
    private mutating func readCodeAdjustment(_ entry: LexiconEntryLines, file: String) {
        let parts = entry.head.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 4, parts[2] == "->", let kind = CodeAdjustments.Kind(rawValue: parts[0]) else {
            issue(.error, file, entry.headLine, "expected 'KIND FROM -> TO' with KIND one of \(CodeAdjustments.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            return
        }
        let prefix = parts[1], code = parts[3]
        let isRoot = prefix.count == 2 && lexicon.eventTable.codes.contains { $0.hasPrefix(prefix) }
        guard isRoot || lexicon.eventTable.contains(prefix) else {
            issue(.error, file, entry.headLine, "'\(prefix)' is no CAMEO root or code")
            return
        }
        guard lexicon.eventTable.contains(code) else {
            issue(.error, file, entry.headLine, "unknown CAMEO code '\(code)'")
            return
        }
        if lexicon.codeAdjustments.rules[kind]?.contains(where: { $0.prefix == prefix }) == true {
            issue(.warning, file, entry.headLine, "a second '\(kind.rawValue) \(prefix)' rule; the first one wins")
            return
        }
        lexicon.codeAdjustments.add(kind, prefix: prefix, code: code, source: LexiconSource(file: file, line: entry.headLine))
    }

    private mutating func readIrregular(_ entry: LexiconEntryLines) {
        let forms = entry.head.split(separator: " ").map { String($0).lowercased() }
        guard let base = forms.first else { return }
        lexicon.lemmatizer.addIrregular(base: base, forms: Array(forms.dropFirst()))
    }

    private mutating func readCountry(_ entry: LexiconEntryLines, file: String) {
        guard let (code, names) = splitHead(entry, file: file) else { return }
        guard isCode(code, length: 3) else {
            return issue(.error, file, entry.headLine, "'\(code)' is not a three-letter country code")
        }
        lexicon.countryCodes.insert(code)
        let kind: ActorEntry.Kind = isRegionCode(code) ? .region : .country
        let canonical = names.first ?? code
        var validFrom: Int? = nil, validTo: Int? = nil
        for (line, continuation) in entry.continuations {
            guard let (key, values) = splitKey(continuation) else {
                issue(.error, file, line, "expected 'key: values'"); continue
            }
            if key == "valid" {
                guard let range = parseValid(values) else { issue(.error, file, line, "valid needs FROM TO"); continue }
                (validFrom, validTo) = range
            }
        }
        let headSource = LexiconSource(file: file, line: entry.headLine)
        for name in names {
            addActor(name, ActorEntry(kind: kind, code: code, country: code, agentType: nil, name: canonical,
                                      validFrom: validFrom, validTo: validTo, source: headSource))
        }
        for (line, continuation) in entry.continuations {
            guard let (key, values) = splitKey(continuation) else { continue }
            let source = LexiconSource(file: file, line: line)
            for value in alternatives(values) {
                switch key {
                case "adjective":
                    addActor(value, ActorEntry(kind: .adjective, code: code, country: code, agentType: nil, name: canonical,
                                               validFrom: validFrom, validTo: validTo, source: source))
                case "demonym":
                    addActor(value, ActorEntry(kind: .demonym, code: code, country: code, agentType: nil, name: canonical,
                                               validFrom: validFrom, validTo: validTo, source: source))
                case "capital":
                    addActor(value, ActorEntry(kind: .capital, code: code + "GOV", country: code, agentType: "GOV", name: value,
                                               validFrom: validFrom, validTo: validTo, source: source))
                case "seat":
                    let parts = value.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                    guard parts.count == 2, lexicon.agentTypes.isEmpty || lexicon.agentTypes.contains(parts[1]) else {
                        issue(.error, file, line, "seat '\(value)' needs NAME=TYPE with a known type code"); continue
                    }
                    addActor(parts[0], ActorEntry(kind: .seat, code: code + parts[1], country: code, agentType: parts[1],
                                                  name: parts[0], validFrom: validFrom, validTo: validTo, source: source))
                case "valid": break
                default: issue(.warning, file, line, "unknown key '\(key)'")
                }
            }
        }
    }

    private mutating func readOrganization(_ entry: LexiconEntryLines, file: String) {
        guard let (group, names) = splitHead(entry, file: file) else { return }
        var code = group, country: String? = nil, adjectives: [String] = []
        var validFrom: Int? = nil, validTo: Int? = nil
        for (line, continuation) in entry.continuations {
            guard let (key, values) = splitKey(continuation) else {
                issue(.error, file, line, "expected 'key: values'"); continue
            }
            switch key {
            case "code": code = values.trimmingWhitespace()
            case "country": country = values.trimmingWhitespace()
            case "adjective": adjectives += alternatives(values)
            case "valid":
                guard let range = parseValid(values) else { issue(.error, file, line, "valid needs FROM TO"); continue }
                (validFrom, validTo) = range
            case "type": break
            default: issue(.warning, file, line, "unknown key '\(key)'")
            }
        }
        guard !code.isEmpty, code.count % 3 == 0, code.allSatisfy({ $0.isUppercase || $0.isNumber }) else {
            return issue(.error, file, entry.headLine, "'\(code)' is not a CAMEO actor code")
        }
        lexicon.knownGroupCodes.insert(group)
        let source = LexiconSource(file: file, line: entry.headLine)
        let canonical = names.first ?? group
        let type = typeCode(in: code)
        for name in names + adjectives {
            addActor(name, ActorEntry(kind: .organization, code: code, country: country, agentType: type,
                                      name: canonical, validFrom: validFrom, validTo: validTo, source: source))
        }
    }

    private mutating func readAgent(_ entry: LexiconEntryLines, file: String) {
        guard let (type, phrases) = splitHead(entry, file: file) else { return }
        guard lexicon.agentTypes.isEmpty || lexicon.agentTypes.contains(type) else {
            return issue(.error, file, entry.headLine, "unknown agent type '\(type)'")
        }
        var all = phrases
        for (_, continuation) in entry.continuations { all += alternatives(continuation) }
        let source = LexiconSource(file: file, line: entry.headLine)
        for phrase in all {
            addActor(phrase, ActorEntry(kind: .agent, code: type, country: nil, agentType: type, name: phrase, source: source))
            // Agents are nouns: their head word's singular must be a known lemma.
            if let last = PhraseWords(phrase).words.last { lexicon.lemmatizer.addKnownLemma(Vocabulary.key(last)) }
        }
    }

    private mutating func readPerson(_ entry: LexiconEntryLines, file: String) {
        let line = entry.headLine
        guard let colon = entry.head.firstIndex(of: ":") else {
            return issue(.error, file, line, "expected 'CODE ROLE FROM TO: names'")
        }
        let fields = entry.head[..<colon].split(separator: " ").map(String.init)
        let names = alternatives(entry.head[entry.head.index(after: colon)...])
        guard fields.count == 4, !names.isEmpty else {
            return issue(.error, file, line, "expected 'CODE ROLE FROM TO: names'")
        }
        let code = fields[0]
        guard code.count % 3 == 0, code.count >= 3, code.allSatisfy({ $0.isUppercase }) else {
            return issue(.error, file, line, "'\(code)' is not a CAMEO actor code")
        }
        let from = fields[2] == "-" ? nil : LexiconDate.parse(fields[2])
        let to = fields[3] == "-" ? nil : LexiconDate.parse(fields[3], end: true)
        if (fields[2] != "-" && from == nil) || (fields[3] != "-" && to == nil) {
            return issue(.error, file, line, "bad date in '\(fields[2]) \(fields[3])'")
        }
        if let from, let to, from > to { return issue(.error, file, line, "term ends before it starts") }
        let country = String(code.prefix(3))
        if !lexicon.countryCodes.isEmpty, !lexicon.countryCodes.contains(country), !code.hasPrefix("IGO"), !code.hasPrefix("NGO") {
            issue(.warning, file, line, "country '\(country)' of \(code) is not in countries.txt")
        }
        let source = LexiconSource(file: file, line: line)
        let isCountry = lexicon.countryCodes.contains(country)
        for name in names {
            addActor(name, ActorEntry(kind: .person, code: code, country: isCountry ? country : nil,
                                      agentType: typeCode(in: code), name: names[0], role: fields[1],
                                      validFrom: from, validTo: to, source: source))
        }
    }

    private mutating func queuePatterns(_ entry: LexiconEntryLines, file: String, noun: Bool) {
        var lines = [(entry.headLine, entry.head)]
        lines += entry.continuations.map { ($0.0, $0.1) }
        var code = ""
        for (index, (line, text)) in lines.enumerated() {
            var rest = Substring(text)
            if index == 0 {
                guard let space = text.firstIndex(of: " ") else {
                    issue(.error, file, line, "expected 'CODE pattern; pattern'"); return
                }
                code = String(text[..<space])
                rest = text[text.index(after: space)...]
                guard lexicon.eventTable.contains(code) else {
                    issue(.error, file, line, "'\(code)' is not a CAMEO event code"); return
                }
            }
            for pattern in alternatives(rest) {
                pendingPatterns.append((file, line, code, pattern, noun))
            }
        }
    }

    // MARK: - Adding

    private mutating func addActor(_ phrase: String, _ entry: ActorEntry) {
        let words = PhraseWords(phrase)
        guard !words.words.isEmpty else { return }
        let key = words.words.map { Vocabulary.key($0) }.joined(separator: " ") + "|" + entry.code + "|" + String(entry.kind.rawValue)
            + "|" + String(entry.validFrom ?? 0)
        if let earlier = seenActorPhrases[key] {
            // The same phrase twice on one line differs only in case ("Kim Jong-Il; Kim Jong-il").
            if earlier == entry.source { return }
            issue(.warning, entry.source.file, entry.source.line, "duplicate of \(earlier): '\(phrase)' \(entry.code)")
            return
        }
        seenActorPhrases[key] = entry.source
        let ids = words.words.map { lexicon.vocabulary.intern($0) }
        let index = Int32(lexicon.actors.count)
        lexicon.actors.append(entry)
        lexicon.actorPhrases.insert(ids, cases: words.cases, entry: index)
    }

    private mutating func addPattern(_ text: String, code: String, source: LexiconSource, noun: Bool) {
        let parts = text.split(separator: " ").map(String.init)
        guard let head = parts.first, head.first?.isLetter == true else {
            return issue(.error, source.file, source.line, "pattern '\(text)' must start with a \(noun ? "noun" : "verb")")
        }
        let lemma = lexicon.vocabulary.intern(head.lowercased())
        lexicon.lemmatizer.addKnownLemma(head.lowercased())
        var elements: [EventPattern.Element] = []
        for part in parts.dropFirst() {
            if part == "+" {
                elements.append(.target)
            } else if part == "$" {
                elements.append(.source)
            } else if part.hasPrefix("+"), part.count > 1 {
                let word = String(part.dropFirst()).lowercased()
                lexicon.lemmatizer.addKnownLemma(word)
                elements.append(.targetHead(lexicon.vocabulary.intern(word)))
            } else {
                lexicon.lemmatizer.addKnownLemma(part.lowercased())
                elements.append(.word(lexicon.vocabulary.intern(part.lowercased())))
            }
        }
        let key = (noun ? "n " : "v ") + text.lowercased()
        if let (earlierCode, earlierSource) = seenPatterns[key] {
            if earlierCode == code {
                issue(.warning, source.file, source.line, "duplicate pattern '\(text)' (also \(earlierSource))")
            } else {
                issue(.error, source.file, source.line,
                      "pattern '\(text)' \(code) is unreachable: \(earlierSource) gives it \(earlierCode)")
            }
            return
        }
        seenPatterns[key] = (code, source)
        let pattern = EventPattern(code: code, lemma: lemma, elements: elements, text: text, source: source)
        if noun {
            lexicon.nounPatterns[lemma, default: []].append(pattern)
        } else {
            lexicon.verbPatterns[lemma, default: []].append(pattern)
        }
    }

    // MARK: - Helpers

    private mutating func splitHead(_ entry: LexiconEntryLines, file: String) -> (String, [String])? {
        guard let colon = entry.head.firstIndex(of: ":") else {
            issue(.error, file, entry.headLine, "expected 'CODE: names'")
            return nil
        }
        let code = entry.head[..<colon].trimmingWhitespace()
        return (code, alternatives(entry.head[entry.head.index(after: colon)...]))
    }

    /// `FROM TO` with `-` for an open end; nil when malformed.
    private func parseValid(_ values: String) -> (Int?, Int?)? {
        let parts = values.split(separator: " ").map(String.init)
        guard parts.count == 2 else { return nil }
        let from = parts[0] == "-" ? nil : LexiconDate.parse(parts[0])
        let to = parts[1] == "-" ? nil : LexiconDate.parse(parts[1], end: true)
        if (parts[0] != "-" && from == nil) || (parts[1] != "-" && to == nil) { return nil }
        return (from, to)
    }

    private func splitKey(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (line[..<colon].trimmingWhitespace(), String(line[line.index(after: colon)...]))
    }

    private func isCode(_ code: String, length: Int) -> Bool {
        code.count == length && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    private func isRegionCode(_ code: String) -> Bool {
        ["AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA",
         "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"].contains(code)
    }

    /// The first known type code inside a full actor code (`USAGOV` -> GOV, `IGOWSTNAT` -> IGO).
    private func typeCode(in code: String) -> String? {
        var index = code.startIndex
        while code.distance(from: index, to: code.endIndex) >= 3 {
            let end = code.index(index, offsetBy: 3)
            let part = String(code[index..<end])
            if lexicon.agentTypes.contains(part), !(index == code.startIndex && lexicon.countryCodes.contains(part)) {
                return part
            }
            index = end
        }
        return nil
    }

    private mutating func issue(_ severity: LexiconIssue.Severity, _ file: String, _ line: Int, _ message: String) {
        lexicon.issues.append(LexiconIssue(severity, LexiconSource(file: file, line: line), message))
    }
}
