import DyadCore
import DyadLexicon
import DyadNLP
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A TABARI/PETRARCH validation file: records with their expected events, and the options
/// that change between them.
public struct ValidationSuite: Sendable {
    public struct Coding: Sendable, Hashable {
        public var source: String
        public var target: String
        public var code: String
    }

    public enum Expectation: Sendable, Hashable {
        case events([Coding])
        case noEvents
        /// `error="..."`: sentencediscard, storydiscard, bad_input_parse, dateline ...
        case error(String)
    }

    public struct Record: Sendable {
        public var id: String
        public var date: String
        public var category: String
        public var valid: Bool
        public var expected: Expectation
        public var text: String
        public var parse: String
        /// Options set by <Config> elements before this record (and not yet changed).
        public var options: [String: String]
    }

    /// The dictionary files the <Environment> names, by kind.
    public var environment: [(kind: PetrarchFileKind, name: String)] = []
    public var records: [Record] = []

    public init(xml: Data) throws {
        let delegate = SuiteParser()
        let parser = XMLParser(data: xml)
        parser.delegate = delegate
        if !parser.parse() {
            let error = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw ValidationSuiteError(message: "XML error at line \(parser.lineNumber): \(error)")
        }
        environment = delegate.environment
        records = delegate.records
    }
}

public struct ValidationSuiteError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

private final class SuiteParser: NSObject, XMLParserDelegate {
    var environment: [(kind: PetrarchFileKind, name: String)] = []
    var records: [ValidationSuite.Record] = []
    private var options: [String: String] = [:]
    private var current: ValidationSuite.Record? = nil
    private var codings: [ValidationSuite.Coding] = []
    private var special: ValidationSuite.Expectation? = nil
    private var text = ""
    private var element = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        element = name
        text = ""
        switch name {
        case "Config":
            if let option = attributes["option"], let value = attributes["value"] {
                options[option.lowercased()] = value
            }
        case "Sentence":
            current = ValidationSuite.Record(
                id: attributes["id"] ?? "record-\(records.count + 1)", date: attributes["date"] ?? "",
                category: attributes["category"] ?? "", valid: (attributes["valid"] ?? "true").lowercased() == "true",
                expected: .events([]), text: "", parse: "", options: options)
            codings = []
            special = nil
        case "EventCoding":
            if let error = attributes["error"] {
                special = .error(error)
            } else if let none = attributes["noevents"], none.lowercased() == "true" {
                special = .noEvents
            } else {
                codings.append(ValidationSuite.Coding(source: attributes["sourcecode"] ?? "---",
                                                      target: attributes["targetcode"] ?? "---",
                                                      code: attributes["eventcode"] ?? ""))
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "Verbfile": environment.append((.verbs, value))
        case "Actorfile": environment.append((.actors, value))
        case "Agentfile": environment.append((.agents, value))
        case "Discardfile": environment.append((.discards, value))
        case "Issuefile": environment.append((.issues, value))
        case "Text": current?.text = value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        case "Parse": current?.parse = value
        case "Sentence":
            if var record = current {
                record.expected = special ?? (codings.isEmpty ? .noEvents : .events(codings))
                records.append(record)
            }
            current = nil
        default: break
        }
        text = ""
    }
}

/// Codes the records of a validation suite and compares them with what they expect.
public struct ValidationRunner: Sendable {
    public let lexicon: Lexicon
    public let pipeline: TextPipeline
    /// Take tokens and tags from each record's Treebank <Parse> instead of Dyad's tagger.
    public var useParse = false

    public struct Outcome: Sendable {
        public var id: String
        public var passed: Bool
        public var expected: String
        public var coded: String
        public var report: String
    }

    public struct Result: Sendable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public var outcomes: [Outcome] = []
    }

    public init(lexicon: Lexicon, pipeline: TextPipeline) {
        self.lexicon = lexicon
        self.pipeline = pipeline
    }

    /// The dictionaries a suite's <Environment> names, read from a folder (every dictionary in
    /// the folder when it names none).
    public static func loadDictionaries(suite: ValidationSuite, folder: String) throws -> Lexicon {
        try loadDictionaries(suite: suite, folder: folder, cache: nil).lexicon
    }

    /// `loadDictionaries(suite:folder:)` through a lexicon cache (none when `cache` is nil).
    public static func loadDictionaries(suite: ValidationSuite, folder: String, cache: LexiconCache?) throws -> LoadedLexicon {
        let base = URL(fileURLWithPath: folder)
        let named = suite.environment.filter { $0.kind != .issues || FileManager.default.fileExists(atPath: base.appendingPathComponent($0.name).path) }
        if named.isEmpty { return try PetrarchDictionaries.load(directory: base, cache: cache) }
        return try PetrarchDictionaries.load(urls: named.map { (base.appendingPathComponent($0.name), $0.kind) }, cache: cache)
    }

    public func run(_ suite: ValidationSuite, each: (Outcome) -> Void = { _ in }) -> Result {
        var result = Result()
        for record in suite.records {
            guard record.valid else { result.skipped += 1; continue }
            let outcome = check(record)
            if outcome.passed { result.passed += 1 } else { result.failed += 1 }
            result.outcomes.append(outcome)
            each(outcome)
        }
        return result
    }

    /// The (source, target, code) triples Dyad codes for a record, with its options applied;
    /// nil when a discard phrase drops the record.
    public func code(_ record: ValidationSuite.Record) -> [ValidationSuite.Coding]? {
        let date = record.date.count == 8
            ? "\(record.date.prefix(4))-\(record.date.dropFirst(4).prefix(2))-\(record.date.suffix(2))" : nil
        let metadata = DocumentMetadata(id: record.id, date: date)
        let parsed = useParse ? TreebankDocument.document(metadata: metadata, parse: record.parse, chunker: pipeline.chunker) : nil
        var document = parsed ?? pipeline.document(metadata: metadata, text: record.text)
        if discarded(document) { return nil }
        if parsed == nil { document = DictionaryVerbTags.correcting(document, lexicon: lexicon, chunker: pipeline.chunker) }
        document = CommaClauses.removing(from: document, options: CommaClauseOptions(options: record.options), chunker: pipeline.chunker)
        var options = EventCoder.Options()
        options.includeStatements = true
        // PETRARCH codes what its patterns say, negations and suppositions included.
        options.includeNegated = true
        options.includeHypothetical = true
        let coder = EventCoder(lexicon: lexicon, options: options)
        let requireDyad = (record.options["require_dyad"] ?? "true").lowercased() != "false"
        var triples: [ValidationSuite.Coding] = []
        for event in coder.code(document) {
            let source = event.source?.code ?? "---"
            let target = event.target?.code ?? "---"
            if requireDyad, source == "---" || target == "---" { continue }
            triples.append(ValidationSuite.Coding(source: source.isEmpty ? "---" : source, target: target.isEmpty ? "---" : target, code: event.code))
        }
        return triples
    }

    func discarded(_ document: Document) -> Bool {
        guard !lexicon.discards.isEmpty else { return false }
        let words = document.tokens.map { Vocabulary.key(document.text.bytes[$0.range]) }
        for discard in lexicon.discards where !discard.words.isEmpty && discard.words.count <= words.count {
            for start in 0...(words.count - discard.words.count) where words[start] == discard.words[0] {
                if Array(words[start..<(start + discard.words.count)]) == discard.words { return true }
            }
        }
        return false
    }

    /// Whether the record's <Parse> has as many ")" as "(". PETRARCH refuses a record whose
    /// parse is not (`bad_input_parse`) before coding anything, so the runner does too, from raw
    /// text as well: the record as a whole is bad input.
    public static func hasBalancedParse(_ record: ValidationSuite.Record) -> Bool {
        var depth = 0
        for byte in record.parse.utf8 {
            if byte == 0x28 { depth += 1 } else if byte == 0x29 { depth -= 1 }
        }
        return depth == 0
    }

    public func check(_ record: ValidationSuite.Record) -> Outcome {
        if !Self.hasBalancedParse(record) {
            let expected: String
            switch record.expected {
            case .events(let events): expected = Self.describe(Set(events))
            case .noEvents: expected = "no events"
            case .error(let kind): expected = "error \(kind)"
            }
            let passed = expected == "error bad_input_parse"
            return Outcome(id: record.id, passed: passed, expected: expected, coded: "error bad_input_parse",
                           report: "\(passed ? "PASS" : "FAIL") \(record.id): expected \(expected); refused: its parse is unbalanced (bad_input_parse)\n  \(record.text)")
        }
        let coded = code(record)
        let codedSet = Set(coded ?? [])
        let passed: Bool
        let expectedText: String
        switch record.expected {
        case .events(let expected):
            passed = coded != nil && Set(expected) == codedSet
            expectedText = Self.describe(Set(expected))
        case .noEvents:
            passed = codedSet.isEmpty
            expectedText = "no events"
        case .error(let kind):
            if kind.hasSuffix("discard") { passed = coded == nil } else { passed = codedSet.isEmpty }
            expectedText = "error \(kind)"
        }
        let codedText = coded == nil ? "discarded" : (codedSet.isEmpty ? "no events" : Self.describe(codedSet))
        let report = "\(passed ? "PASS" : "FAIL") \(record.id): expected \(expectedText); coded \(codedText)\n  \(record.text)"
        return Outcome(id: record.id, passed: passed, expected: expectedText, coded: codedText, report: report)
    }

    static func describe(_ set: Set<ValidationSuite.Coding>) -> String {
        set.map { "(\($0.source), \($0.target), \($0.code))" }.sorted().joined(separator: " ")
    }
}

/// A record's Penn Treebank parse as a tagged document: the leaves are the tokens, their tags
/// mapped to Universal POS; Dyad's chunker then groups them into phrases.
public enum TreebankDocument {
    /// The (word, Penn tag) leaves of a bracketed parse, brackets and quotes restored.
    public static func leaves(_ parse: String) -> [(word: String, tag: String)] {
        var items: [Substring] = []
        var current = parse[...]
        // Split into "(", ")" and atoms.
        while let first = current.first {
            if first == "(" || first == ")" {
                items.append(current.prefix(1))
                current = current.dropFirst()
            } else if first.isWhitespace {
                current = current.dropFirst()
            } else {
                let end = current.firstIndex { $0 == "(" || $0 == ")" || $0.isWhitespace } ?? current.endIndex
                items.append(current[..<end])
                current = current[end...]
            }
        }
        var result: [(String, String)] = []
        var index = 0
        while index + 3 < items.count {
            if items[index] == "(", items[index + 1] != "(", items[index + 1] != ")",
               items[index + 2] != "(", items[index + 2] != ")", items[index + 3] == ")" {
                result.append((word(String(items[index + 2])), String(items[index + 1])))
                index += 4
            } else {
                index += 1
            }
        }
        return result
    }

    private static func word(_ leaf: String) -> String {
        switch leaf {
        case "-LRB-": "("
        case "-RRB-": ")"
        case "-LSB-": "["
        case "-RSB-": "]"
        case "-LCB-": "{"
        case "-RCB-": "}"
        case "``", "''": "\""
        default: leaf
        }
    }

    /// Universal POS for a Penn tag and its word.
    public static func upos(_ tag: String, word: String) -> UPOS {
        let lower = word.lowercased()
        switch tag {
        case "NN", "NNS": return .NOUN
        case "NNP", "NNPS": return .PROPN
        case "MD": return .AUX
        case _ where tag.hasPrefix("AUX"): return .AUX
        case _ where tag.hasPrefix("VB"): return ClauseWords.treebankAuxiliaries.contains(lower) ? .AUX : .VERB
        case "JJ", "JJR", "JJS": return .ADJ
        case "RB", "RBR", "RBS", "WRB": return lower == "not" || lower == "n't" ? .PART : .ADV
        case "IN": return ClauseWords.treebankSubordinators.contains(lower) ? .SCONJ : .ADP
        case "TO", "POS": return .PART
        case "RP": return .ADP
        case "DT", "PDT", "WDT": return .DET
        case "PRP", "PRP$", "WP", "WP$", "EX": return .PRON
        case "CD": return .NUM
        case "CC": return .CCONJ
        case "UH": return .INTJ
        case "SYM", "$", "#": return .SYM
        case "FW", "LS": return .X
        default: return word.allSatisfy { $0.isPunctuation || $0.isSymbol } ? .PUNCT : .X
        }
    }

    /// A one-sentence document from a parse, tagged from it and chunked by Dyad's chunker;
    /// nil when the parse has no leaves.
    public static func document(metadata: DocumentMetadata, parse: String, chunker: Chunker) -> Document? {
        let leaves = leaves(parse)
        guard !leaves.isEmpty else { return nil }
        var text = ""
        var tokens: [Token] = []
        for (index, leaf) in leaves.enumerated() {
            if index > 0 { text += " " }
            let start = text.utf8.count
            text += leaf.word
            let pos = upos(leaf.tag, word: leaf.word)
            let shape: TokenShape = pos == .PUNCT ? .punctuation : pos == .NUM ? .number : pos == .SYM ? .symbol : .word
            tokens.append(Token(start: start, end: text.utf8.count, shape: shape, spaceAfter: true, pos: pos))
        }
        var document = Document(metadata: metadata, original: text, text: NormalizedText(unchanged: text))
        document.tokens = tokens
        document.sentences = [Sentence(tokens: 0..<tokens.count)]
        chunker.chunk(&document)
        return document
    }
}
