import DyadCore

// The snapshot sections of a lexicon's entries: actors, patterns, the event table, discards and
// issues, each a list stored as columns.

extension LexiconSource {
    /// The columns of a list of sources: file numbers, then lines.
    static func write(_ sources: [LexiconSource], to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        writer.write(contentsOf: sources.map { strings.number($0.file) })
        writer.write(contentsOf: sources.map { Int64($0.line) })
    }

    static func read(count: Int, from reader: inout BinaryReader, strings: SnapshotStringTable) throws -> [LexiconSource] {
        let files = try reader.readArray(UInt32.self, count: count)
        let lines = try reader.readArray(Int64.self, count: count)
        return try zip(files, lines).map { LexiconSource(file: try strings.string($0), line: Int(truncatingIfNeeded: $1)) }
    }
}

extension ActorEntry {
    /// Which optional dates an entry has, one byte each.
    private static let hasValidFrom: UInt8 = 1, hasValidTo: UInt8 = 2

    static func write(_ actors: [ActorEntry], to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        writer.writeCount(actors.count)
        writer.write(contentsOf: actors.map(\.kind.rawValue))
        writer.write(contentsOf: actors.map { ($0.validFrom == nil ? 0 : hasValidFrom) | ($0.validTo == nil ? 0 : hasValidTo) })
        // Field by field, written out: key paths would cost more than the rest of the writing.
        writer.write(contentsOf: actors.map { strings.number($0.code) })
        writer.write(contentsOf: actors.map { strings.number($0.name) })
        writer.write(contentsOf: actors.map { strings.number($0.country) })
        writer.write(contentsOf: actors.map { strings.number($0.agentType) })
        writer.write(contentsOf: actors.map { strings.number($0.role) })
        writer.write(contentsOf: actors.map { Int64($0.validFrom ?? 0) })
        writer.write(contentsOf: actors.map { Int64($0.validTo ?? 0) })
        LexiconSource.write(actors.map(\.source), to: &writer, strings: &strings)
    }

    static func read(from reader: inout BinaryReader, strings: SnapshotStringTable) throws -> [ActorEntry] {
        let count = try reader.readCount()
        let kinds = try reader.readArray(UInt8.self, count: count)
        let dates = try reader.readArray(UInt8.self, count: count)
        let codes = try reader.readArray(UInt32.self, count: count), names = try reader.readArray(UInt32.self, count: count)
        let countries = try reader.readArray(UInt32.self, count: count), agentTypes = try reader.readArray(UInt32.self, count: count)
        let roles = try reader.readArray(UInt32.self, count: count)
        let validFrom = try reader.readArray(Int64.self, count: count), validTo = try reader.readArray(Int64.self, count: count)
        let sources = try LexiconSource.read(count: count, from: &reader, strings: strings)
        var actors: [ActorEntry] = []
        actors.reserveCapacity(count)
        for index in 0..<count {
            guard let kind = Kind(rawValue: kinds[index]) else { throw SnapshotFault.malformed("actor \(index) is of unknown kind \(kinds[index])") }
            actors.append(ActorEntry(
                kind: kind, code: try strings.string(codes[index]), country: try strings.optionalString(countries[index]),
                agentType: try strings.optionalString(agentTypes[index]), name: try strings.string(names[index]),
                role: try strings.optionalString(roles[index]),
                validFrom: dates[index] & hasValidFrom != 0 ? Int(truncatingIfNeeded: validFrom[index]) : nil,
                validTo: dates[index] & hasValidTo != 0 ? Int(truncatingIfNeeded: validTo[index]) : nil,
                source: sources[index]
            ))
        }
        return actors
    }
}

extension EventPattern.Element {
    /// An element's kind in a snapshot; its value (a word id, a synset number, or 0) is stored
    /// beside it.
    fileprivate enum Kind: UInt8 {
        case word, target, targetHead, source, wordBefore, wordJustBefore, oneOf, compoundSubject, skip
    }
}

extension EventPattern {
    /// What a pattern holds besides its lemma. A TABARI/PETRARCH line makes a pattern for every
    /// verb of its block and every expansion of its synsets: 124,000 patterns of 6,000 lines and
    /// 25,000 element lists in the PETRARCH dictionaries. A snapshot stores each line and each
    /// element list once, and a reader makes each (line, elements) pattern once, sharing it.
    private struct Rule: Hashable {
        let code: String, text: String, pairedCode: String?, source: LexiconSource
    }

    /// Patterns by lemma, as tables: synsets, element lists, rules, shapes (a rule with an element
    /// list), then the lemmas with the end of each one's patterns, then each pattern's lemma and
    /// shape.
    static func write(_ patterns: [Int32: [EventPattern]], to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        let byLemma = patterns.sorted { $0.key < $1.key }
        let all = byLemma.flatMap(\.value)
        var synsets = NumberedTable<[[Int32]]>(), lists = NumberedTable<[Element]>(), rules = NumberedTable<Rule>()
        var shapes = NumberedTable<UInt64>()  // rule << 32 | element list
        let patternShapes = all.map { pattern in
            let list = lists.number(pattern.elements)
            let rule = rules.number(Rule(code: pattern.code, text: pattern.text, pairedCode: pattern.pairedCode, source: pattern.source))
            return shapes.number(UInt64(rule) << 32 | UInt64(list))
        }
        var kinds: [UInt8] = [], values: [Int32] = [], listEnds: [UInt32] = []
        for list in lists.values {
            for element in list {
                let (kind, value): (Element.Kind, Int32)
                switch element {
                case .word(let id): (kind, value) = (.word, id)
                case .target: (kind, value) = (.target, 0)
                case .targetHead(let id): (kind, value) = (.targetHead, id)
                case .source: (kind, value) = (.source, 0)
                case .wordBefore(let id): (kind, value) = (.wordBefore, id)
                case .wordJustBefore(let id): (kind, value) = (.wordJustBefore, id)
                case .oneOf(let sequences): (kind, value) = (.oneOf, Int32(synsets.number(sequences)))
                case .compoundSubject: (kind, value) = (.compoundSubject, 0)
                case .skip: (kind, value) = (.skip, 0)
                }
                kinds.append(kind.rawValue)
                values.append(value)
            }
            listEnds.append(UInt32(kinds.count))
        }
        writer.writeCount(synsets.values.count)
        writer.write(contentsOf: synsets.values.map { UInt32($0.count) })
        writer.write(lists: synsets.values.flatMap { $0 })

        writer.writeCount(listEnds.count)
        writer.write(contentsOf: listEnds)
        writer.writeCount(kinds.count)
        writer.write(contentsOf: kinds)
        writer.write(contentsOf: values)

        writer.writeCount(rules.values.count)
        writer.write(contentsOf: rules.values.map { strings.number($0.code) })
        writer.write(contentsOf: rules.values.map { strings.number($0.text) })
        writer.write(contentsOf: rules.values.map { strings.number($0.pairedCode) })
        LexiconSource.write(rules.values.map(\.source), to: &writer, strings: &strings)

        writer.writeCount(shapes.values.count)
        writer.write(contentsOf: shapes.values.map { UInt32(truncatingIfNeeded: $0 >> 32) })
        writer.write(contentsOf: shapes.values.map { UInt32(truncatingIfNeeded: $0) })

        writer.writeCount(byLemma.count)
        writer.write(contentsOf: byLemma.map(\.key))
        var end = 0
        writer.write(contentsOf: byLemma.map { end += $0.value.count; return UInt32(end) })
        writer.writeCount(all.count)
        writer.write(contentsOf: all.map(\.lemma))
        writer.write(contentsOf: patternShapes)
    }

    static func read(from reader: inout BinaryReader, strings: SnapshotStringTable, wordCount: Int) throws -> [Int32: [EventPattern]] {
        func checkWord(_ id: Int32) throws {
            guard id >= 0, Int(id) < wordCount else { throw SnapshotFault.malformed("word id \(id) of \(wordCount)") }
        }
        let sizes = try reader.readArray(UInt32.self, count: try reader.readCount())
        let sequences = try reader.readLists(Int32.self)
        for id in sequences.joined() { try checkWord(id) }
        var synsets: [[[Int32]]] = []
        synsets.reserveCapacity(sizes.count)
        var next = 0
        for size in sizes.map(Int.init) {
            guard size <= sequences.count - next else { throw SnapshotFault.malformed("synset sizes add up to more than \(sequences.count) sequences") }
            synsets.append(Array(sequences[next..<next + size]))
            next += size
        }
        guard next == sequences.count else { throw SnapshotFault.malformed("\(sequences.count - next) synset sequence(s) left over") }

        let listEnds = try reader.readArray(UInt32.self, count: try reader.readCount())
        let elementCount = try reader.readCount()
        let kinds = try reader.readArray(UInt8.self, count: elementCount)
        let values = try reader.readArray(Int32.self, count: elementCount)
        try BinaryReader.checkEnds(listEnds, total: elementCount)
        var lists: [[Element]] = []
        lists.reserveCapacity(listEnds.count)
        var start = 0
        for end in listEnds.map(Int.init) {
            var elements: [Element] = []
            elements.reserveCapacity(end - start)
            for position in start..<end {
                let value = values[position]
                switch Element.Kind(rawValue: kinds[position]) {
                case .word: try checkWord(value); elements.append(.word(value))
                case .target: elements.append(.target)
                case .targetHead: try checkWord(value); elements.append(.targetHead(value))
                case .source: elements.append(.source)
                case .wordBefore: try checkWord(value); elements.append(.wordBefore(value))
                case .wordJustBefore: try checkWord(value); elements.append(.wordJustBefore(value))
                case .oneOf:
                    guard value >= 0, Int(value) < synsets.count else { throw SnapshotFault.malformed("synset \(value) of \(synsets.count)") }
                    elements.append(.oneOf(synsets[Int(value)]))
                case .compoundSubject: elements.append(.compoundSubject)
                case .skip: elements.append(.skip)
                case nil: throw SnapshotFault.malformed("element \(position) is of unknown kind \(kinds[position])")
                }
            }
            lists.append(elements)
            start = end
        }

        let ruleCount = try reader.readCount()
        let codes = try strings.strings(try reader.readArray(UInt32.self, count: ruleCount))
        let texts = try strings.strings(try reader.readArray(UInt32.self, count: ruleCount))
        let pairedCodes = try reader.readArray(UInt32.self, count: ruleCount).map { try strings.optionalString($0) }
        let sources = try LexiconSource.read(count: ruleCount, from: &reader, strings: strings)

        // One pattern per shape, its lemma set per use.
        let shapeCount = try reader.readCount()
        let shapeRules = try reader.readArray(UInt32.self, count: shapeCount)
        let shapeLists = try reader.readArray(UInt32.self, count: shapeCount)
        let shapes = try zip(shapeRules, shapeLists).map { rule, list in
            guard Int(rule) < ruleCount, Int(list) < lists.count else {
                throw SnapshotFault.malformed("a shape of rule \(rule) of \(ruleCount), element list \(list) of \(lists.count)")
            }
            let rule = Int(rule)
            return EventPattern(code: codes[rule], lemma: -1, elements: lists[Int(list)], text: texts[rule], source: sources[rule],
                                pairedCode: pairedCodes[rule])
        }

        let lemmaCount = try reader.readCount()
        let lemmas = try reader.readArray(Int32.self, count: lemmaCount)
        let groupEnds = try reader.readArray(UInt32.self, count: lemmaCount)
        let count = try reader.readCount()
        try BinaryReader.checkEnds(groupEnds, total: count)
        let patternLemmas = try reader.readArray(Int32.self, count: count)
        let patternShapes = try reader.readArray(UInt32.self, count: count)
        var byLemma: [Int32: [EventPattern]] = [:]
        byLemma.reserveCapacity(lemmaCount)
        var groupStart = 0
        for (lemma, end) in zip(lemmas, groupEnds.map(Int.init)) {
            let group = try (groupStart..<end).map { index in
                let (lemma, shape) = (patternLemmas[index], Int(patternShapes[index]))
                try checkWord(lemma)
                guard shape < shapes.count else { throw SnapshotFault.malformed("pattern \(index) has shape \(shape) of \(shapes.count)") }
                return shapes[shape].withLemma(lemma)
            }
            guard byLemma.updateValue(group, forKey: lemma) == nil else { throw SnapshotFault.malformed("lemma \(lemma) twice") }
            groupStart = end
        }
        return byLemma
    }
}

/// Values numbered in the order they are first met, each once.
struct NumberedTable<Value: Hashable> {
    private var numbers: [Value: UInt32] = [:]
    private(set) var values: [Value] = []

    mutating func number(_ value: Value) -> UInt32 {
        if let known = numbers[value] { return known }
        let number = UInt32(values.count)
        numbers[value] = number
        values.append(value)
        return number
    }
}

extension CAMEOEventTable {
    func write(to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        let types = codes.compactMap { self[$0] }
        writer.writeCount(types.count)
        writer.write(contentsOf: types.map { strings.number($0.code) })
        writer.write(contentsOf: types.map { strings.number($0.ploverCategory) })
        writer.write(contentsOf: types.map { strings.number($0.ploverMode) })
        writer.write(contentsOf: types.map { strings.number($0.ploverContext) })
        writer.write(contentsOf: types.map { strings.number($0.description) })
        writer.write(contentsOf: types.map { Int64($0.quadClass) })
        writer.write(contentsOf: types.map(\.goldstein.bitPattern))
    }

    init(reading reader: inout BinaryReader, strings: SnapshotStringTable) throws {
        let count = try reader.readCount()
        var columns: [[String]] = []
        for _ in 0..<5 { columns.append(try strings.strings(try reader.readArray(UInt32.self, count: count))) }
        let quadClasses = try reader.readArray(Int64.self, count: count)
        let goldstein = try reader.readArray(UInt64.self, count: count)
        guard Set(columns[0]).count == count else { throw SnapshotFault.malformed("a code twice") }
        self.init(types: (0..<count).map { index in
            CAMEOEventType(code: columns[0][index], quadClass: Int(truncatingIfNeeded: quadClasses[index]),
                           goldstein: Double(bitPattern: goldstein[index]), ploverCategory: columns[1][index],
                           ploverMode: columns[2][index], ploverContext: columns[3][index], description: columns[4][index])
        })
    }
}

extension DiscardPhrase {
    static func write(_ discards: [DiscardPhrase], to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        writer.write(lists: discards.map { $0.words.map { strings.number($0) } })
        writer.write(contentsOf: discards.map { UInt8($0.story ? 1 : 0) })
        LexiconSource.write(discards.map(\.source), to: &writer, strings: &strings)
    }

    static func read(from reader: inout BinaryReader, strings: SnapshotStringTable) throws -> [DiscardPhrase] {
        let words = try reader.readLists(UInt32.self)
        let stories = try reader.readArray(UInt8.self, count: words.count)
        let sources = try LexiconSource.read(count: words.count, from: &reader, strings: strings)
        return try (0..<words.count).map { index in
            guard stories[index] <= 1 else { throw SnapshotFault.malformed("discard \(index) has story flag \(stories[index])") }
            return DiscardPhrase(words: try strings.strings(words[index]), story: stories[index] == 1, source: sources[index])
        }
    }
}

extension LexiconIssue {
    static func write(_ issues: [LexiconIssue], to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        writer.writeCount(issues.count)
        writer.write(contentsOf: issues.map { UInt8($0.severity == .error ? 0 : 1) })
        writer.write(contentsOf: issues.map { strings.number($0.message) })
        LexiconSource.write(issues.map(\.source), to: &writer, strings: &strings)
    }

    static func read(from reader: inout BinaryReader, strings: SnapshotStringTable) throws -> [LexiconIssue] {
        let count = try reader.readCount()
        let severities = try reader.readArray(UInt8.self, count: count)
        let messages = try strings.strings(try reader.readArray(UInt32.self, count: count))
        let sources = try LexiconSource.read(count: count, from: &reader, strings: strings)
        return try (0..<count).map { index in
            let severity: Severity
            switch severities[index] {
            case 0: severity = .error
            case 1: severity = .warning
            case let other: throw SnapshotFault.malformed("issue \(index) has unknown severity \(other)")
            }
            return LexiconIssue(severity, sources[index], messages[index])
        }
    }
}
