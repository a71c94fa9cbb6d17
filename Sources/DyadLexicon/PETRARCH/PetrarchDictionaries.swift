import DyadCore
import Foundation

/// The kinds of TABARI/PETRARCH dictionary files.
public enum PetrarchFileKind: String, Sendable, CaseIterable {
    case actors, agents, verbs, discards, issues

    /// The kind a file's name suggests (`Phoenix.Countries.actors.txt`, `CAMEO.2.0.txt`), if any.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        guard name.hasSuffix(".txt") else { return nil }
        if name.contains("actors") { self = .actors }
        else if name.contains("agents") { self = .agents }
        else if name.contains("discard") { self = .discards }
        else if name.contains("issue") { self = .issues }
        else if name.contains("verb") || name.hasPrefix("cameo.2") { self = .verbs }
        else { return nil }
    }
}

/// One dictionary file to read: its name (for messages), kind and bytes.
public struct PetrarchDictionaryFile: Sendable {
    public var name: String
    public var kind: PetrarchFileKind
    public var data: Data

    public init(name: String, kind: PetrarchFileKind, data: Data) {
        self.name = name
        self.kind = kind
        self.data = data
    }

    public init(name: String, kind: PetrarchFileKind, text: String) {
        self.init(name: name, kind: kind, data: Data(text.utf8))
    }
}

/// A phrase that discards a sentence (or, `story`, the whole story) when it appears.
public struct DiscardPhrase: Sendable, Hashable {
    /// Lower-case words.
    public let words: [String]
    public let story: Bool
    public let source: LexiconSource
}

/// What a set of TABARI/PETRARCH dictionaries held that the engine cannot express yet,
/// counted by construct (`"^ skip (dropped)": 12`).
public struct PetrarchImportReport: Sendable {
    public var counts: [String: Int] = [:]
    public var files: [(name: String, kind: PetrarchFileKind, entries: Int)] = []
    mutating func note(_ what: String, _ count: Int = 1) { counts[what, default: 0] += count }
}

/// Reads TABARI and PETRARCH dictionaries (actors, agents, verbs in PETRARCH-1/TABARI linear
/// patterns and the PETRARCH-2 `CAMEO.2.0.txt` file, discards) into the same `Lexicon` Dyad's
/// own files build: one engine, several readers.
public enum PetrarchDictionaries {
    /// Loads the dictionaries of a folder. When it holds several sets (the `Phoenix.*` and the
    /// `PETR.Validate.*` files side by side), the Phoenix files and `CAMEO.2.0.txt` win, as in
    /// PETRARCH2's default configuration.
    public static func load(directory: URL) throws -> Lexicon {
        try load(directory: directory, cache: nil).lexicon
    }

    /// `load(directory:)` through a lexicon cache (none when `cache` is nil).
    public static func load(directory: URL, cache: LexiconCache?) throws -> LoadedLexicon {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var chosen: [(String, PetrarchFileKind)] = names.compactMap { name in PetrarchFileKind(fileName: name).map { (name, $0) } }
        if chosen.contains(where: { $0.0.hasPrefix("Phoenix.") }) {
            chosen.removeAll { $0.0.hasPrefix("PETR.Validate.") }
        }
        let verbFiles = chosen.filter { $0.1 == .verbs }.map(\.0)
        if verbFiles.count > 1 {
            let preferred = verbFiles.first { $0.lowercased().hasPrefix("cameo.2") } ?? verbFiles[0]
            chosen.removeAll { $0.1 == .verbs && $0.0 != preferred }
        }
        guard !chosen.isEmpty else {
            throw LexiconLoadError(message: "\(directory.path): no TABARI/PETRARCH dictionary files (*.actors.txt, *agents*.txt, *verbs*.txt, CAMEO.2.0.txt, *discards*.txt)")
        }
        return try load(urls: chosen.map { (directory.appendingPathComponent($0.0), $0.1) }, cache: cache)
    }

    /// Loads named files; a missing file is an error, problems inside files are `issues`.
    public static func load(urls: [(URL, PetrarchFileKind)]) throws -> Lexicon {
        try load(urls: urls, cache: nil).lexicon
    }

    /// `load(urls:)` through a lexicon cache: the files are read (their bytes are the key), and
    /// the lexicon they build is read from the cache when it is there, else built and stored.
    public static func load(urls: [(URL, PetrarchFileKind)], cache: LexiconCache?) throws -> LoadedLexicon {
        var files: [PetrarchDictionaryFile] = []
        for (url, kind) in urls {
            do {
                files.append(PetrarchDictionaryFile(name: url.lastPathComponent, kind: kind, data: try Data(contentsOf: url)))
            } catch {
                throw LexiconLoadError(message: "\(url.path): cannot read: \(error.localizedDescription)")
            }
        }
        return LexiconCache.lexicon(through: cache, key: { LexiconCache.key(for: files) }) { lexicon(files: files).lexicon }
    }

    /// Builds a lexicon from dictionary files in memory.
    public static func lexicon(files: [PetrarchDictionaryFile]) -> (lexicon: Lexicon, report: PetrarchImportReport) {
        let ordered = files.sorted(by: { order($0.kind) < order($1.kind) })
        // Files are read in parallel (each into its own reader), then merged in order.
        let results = ReaderResults(count: ordered.count)
        DispatchQueue.concurrentPerform(iterations: ordered.count) { index in
            var reader = PetrarchReader()
            reader.read(ordered[index])
            results.set(index, reader)
        }
        var reader = PetrarchReader()
        for part in results.all() { reader.merge(part) }
        return reader.build()
    }

    private static func order(_ kind: PetrarchFileKind) -> Int {
        switch kind {
        case .verbs: 0
        case .actors: 1
        case .agents: 2
        case .discards: 3
        case .issues: 4
        }
    }
}

/// Readers filled on several threads, one slot each.
private final class ReaderResults: @unchecked Sendable {
    private var slots: [PetrarchReader?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ reader: PetrarchReader) { lock.lock(); slots[index] = reader; lock.unlock() }
    func all() -> [PetrarchReader] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

/// The parsing half of the import: files to plain records, then records to a `Lexicon`.
struct PetrarchReader {
    struct ActorCode { var code: String; var from: Int?; var to: Int? }
    struct Actor { var phrases: [String]; var codes: [ActorCode]; var source: LexiconSource }
    struct Agent { var phrase: String; var code: String; var prefix: Bool; var source: LexiconSource }
    struct Pattern {
        var verb: String
        var before: [String]
        var after: [String]
        var code: String
        var paired: String?
        var text: String
        var source: LexiconSource
    }

    var issues: [LexiconIssue] = []
    var report = PetrarchImportReport()
    var actors: [Actor] = []
    var agents: [Agent] = []
    var patterns: [Pattern] = []
    var irregular: [(String, [String])] = []
    var discards: [DiscardPhrase] = []
    /// Synsets used after a verb, flattened to their member phrases (lower case words).
    var resolvedSynsets: [String: [[String]]] = [:]

    /// Adds what another reader read (of other files).
    mutating func merge(_ other: PetrarchReader) {
        issues += other.issues
        for (key, value) in other.report.counts { report.counts[key, default: 0] += value }
        report.files += other.report.files
        actors += other.actors
        agents += other.agents
        patterns += other.patterns
        irregular += other.irregular
        discards += other.discards
        resolvedSynsets.merge(other.resolvedSynsets) { first, _ in first }
    }

    mutating func issue(_ severity: LexiconIssue.Severity, _ file: String, _ line: Int, _ message: String) {
        issues.append(LexiconIssue(severity, LexiconSource(file: file, line: line), message))
    }

    mutating func read(_ file: PetrarchDictionaryFile) {
        let (raw, latin1) = PetrarchText.lines(file.data)
        if latin1 > 0 {
            issue(.warning, file.name, 0, "\(latin1) line(s) are not UTF-8; read as Latin-1")
        }
        let before = (actors.count, agents.count, patterns.count, discards.count)
        switch file.kind {
        case .actors: readActors(raw, file: file.name)
        case .agents: readAgents(raw, file: file.name)
        case .verbs: readVerbs(raw, file: file.name)
        case .discards: readDiscards(raw, file: file.name)
        case .issues: report.note("issues files (read, not used: the engine codes no issues)")
        }
        let entries = (actors.count - before.0) + (agents.count - before.1) + (patterns.count - before.2) + (discards.count - before.3)
        report.files.append((file.name, file.kind, entries))
    }

    // MARK: - Actors

    /// `PHRASE [CODE]`, `+SYNONYM` lines, code lines `[CODE <date]`, `[CODE >date]`,
    /// `[CODE date-date]` under the phrase, a bare `[CODE]` being the default.
    mutating func readActors(_ raw: [String], file: String) {
        let lines = PetrarchText.stripComments(raw)
        var current: Actor? = nil
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let text = PetrarchText.trimmed(line)
            if text.isEmpty { continue }
            if text.hasPrefix("[") {
                guard current != nil else { issue(.error, file, number, "code line with no actor above it"); continue }
                for code in codes(in: text, file: file, line: number) { current!.codes.append(code) }
                continue
            }
            if text.hasPrefix("+") {
                guard current != nil else { issue(.error, file, number, "synonym with no actor above it"); continue }
                let (phrase, rest) = splitPhrase(String(text.dropFirst()))
                if !phrase.isEmpty { current!.phrases.append(phrase) }
                for code in codes(in: rest, file: file, line: number) { current!.codes.append(code) }
                continue
            }
            flushActor(current)
            let (phrase, rest) = splitPhrase(text)
            guard !phrase.isEmpty else { issue(.error, file, number, "no phrase before '['"); current = nil; continue }
            current = Actor(phrases: [phrase], codes: codes(in: rest, file: file, line: number),
                            source: LexiconSource(file: file, line: number))
        }
        flushActor(current)
    }

    private mutating func flushActor(_ actor: Actor?) {
        guard let actor else { return }
        if actor.codes.isEmpty {
            issue(.error, actor.source.file, actor.source.line, "actor '\(actor.phrases.first ?? "")' has no code")
            return
        }
        actors.append(actor)
    }

    /// "PHRASE [CODE]" -> ("phrase", "[CODE]").
    private func splitPhrase(_ text: String) -> (String, String) {
        if let bracket = text.utf8.firstIndex(of: UInt8(ascii: "[")) {
            return (PetrarchText.phrase(text[..<bracket]), String(text[bracket...]))
        }
        return (PetrarchText.phrase(text), "")
    }

    /// Every `[...]` block of a line as actor codes (bytes: the actor files are large).
    private mutating func codes(in text: String, file: String, line: Int) -> [ActorCode] {
        var result: [ActorCode] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: 0x5B) {  // [
            guard let close = bytes[open...].firstIndex(of: 0x5D) else {  // ]
                issue(.error, file, line, "'[' without ']'"); break
            }
            if let code = actorCode(bytes[bytes.index(after: open)..<close], file: file, line: line) { result.append(code) }
            index = bytes.index(after: close)
        }
        return result
    }

    /// `CODE`, `CODE <DATE`, `CODE >DATE` or `CODE DATE-DATE` (spaces anywhere after the code).
    private mutating func actorCode(_ inside: Substring.UTF8View, file: String, line: Int) -> ActorCode? {
        let fields = inside.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        guard let first = fields.first else { issue(.error, file, line, "empty code '[]'"); return nil }
        // `ELR/GAL`: the actor is each of the alternatives (kept whole; events split it).
        var code = Array(first)
        var lower = false
        for index in code.indices where code[index] >= 0x61 && code[index] <= 0x7A { code[index] -= 0x20; lower = true }
        if lower {
            issue(.warning, file, line, "code '\(String(decoding: first, as: UTF8.self))' is not upper case; read as \(String(decoding: code, as: UTF8.self))")
        }
        let valid = code.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x23 || $0 == 0x2B || $0 == 0x2F }
            && code.first != 0x2F && code.last != 0x2F && !zip(code, code.dropFirst()).contains { $0 == 0x2F && $1 == 0x2F }
        let codeText = String(decoding: code, as: UTF8.self)
        guard valid else { issue(.error, file, line, "'\(codeText)' is not an actor code"); return nil }
        guard fields.count > 1 else { return ActorCode(code: codeText, from: nil, to: nil) }
        let restriction = fields.dropFirst().flatMap { $0 }
        if restriction.first == 0x3C, let date = PetrarchText.date(bytes: restriction.dropFirst()) {  // <
            return ActorCode(code: codeText, from: nil, to: date - 1)
        }
        if restriction.first == 0x3E, let date = PetrarchText.date(bytes: restriction.dropFirst()) {  // >
            return ActorCode(code: codeText, from: date + 1, to: nil)
        }
        let parts = restriction.split(separator: 0x2D, omittingEmptySubsequences: false)  // -
        let text = String(decoding: restriction, as: UTF8.self)
        if parts.count == 2, let from = PetrarchText.date(bytes: parts[0]), let to = PetrarchText.date(bytes: parts[1]) {
            if from > to { issue(.error, file, line, "date range \(text) ends before it starts"); return nil }
            return ActorCode(code: codeText, from: from, to: to)
        }
        issue(.error, file, line, "bad date restriction '\(text)' (want <DATE, >DATE or DATE-DATE, YYMMDD or YYYYMMDD)")
        return nil
    }

    // MARK: - Agents

    /// `!SET! = A, B` substitutions, then `PHRASE {PLURALS} [~CODE]` or `[CODE~]`.
    mutating func readAgents(_ raw: [String], file: String) {
        let lines = PetrarchText.stripComments(raw)
        var sets: [String: [String]] = [:]
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let text = PetrarchText.trimmed(line)
            if text.isEmpty { continue }
            if text.hasPrefix("!"), let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = PetrarchText.trimmed(text[..<equals]).uppercased()
                sets[name] = text[text.index(after: equals)...].split(separator: ",").map { PetrarchText.trimmed($0) }.filter { !$0.isEmpty }
                continue
            }
            guard let open = text.utf8.firstIndex(of: UInt8(ascii: "[")), let close = text[open...].utf8.firstIndex(of: UInt8(ascii: "]")) else {
                issue(.error, file, number, "agent without a [~CODE] or [CODE~]"); continue
            }
            var head = String(text[..<open])
            var code = String(text[text.index(after: open)..<close].filter { $0 != " " })
            var plurals: [String]? = nil
            if let brace = head.utf8.firstIndex(of: UInt8(ascii: "{")) {
                let end = head[brace...].utf8.firstIndex(of: UInt8(ascii: "}")) ?? head.endIndex
                let inside = head[head.index(after: brace)..<end]
                plurals = inside.split(separator: " ").map(String.init)
                head = String(head[..<brace])
            }
            let prefix: Bool
            if code.hasPrefix("~") { prefix = false; code.removeFirst() }
            else if code.hasSuffix("~") { prefix = true; code.removeLast() }
            else { issue(.error, file, number, "agent code '\(code)' needs '~' before or after it"); continue }
            guard !code.isEmpty, code.count % 3 == 0, code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
                issue(.error, file, number, "'\(code)' is not an agent code (three-letter groups)"); continue
            }
            let source = LexiconSource(file: file, line: number)
            var forms = [PetrarchText.trimmed(head)]
            if let plurals { forms += plurals } else { forms.append(Self.plural(PetrarchText.trimmed(head))) }
            for form in forms where !form.isEmpty {
                for expanded in substitute(form, sets: sets, file: file, line: number) {
                    agents.append(Agent(phrase: PetrarchText.phrase(expanded), code: code, prefix: prefix, source: source))
                }
            }
        }
    }

    private mutating func substitute(_ phrase: String, sets: [String: [String]], file: String, line: Int) -> [String] {
        guard let open = phrase.utf8.firstIndex(of: UInt8(ascii: "!")) else { return [phrase] }
        guard let close = phrase[phrase.index(after: open)...].utf8.firstIndex(of: UInt8(ascii: "!")) else {
            issue(.error, file, line, "unclosed '!' substitution in '\(phrase)'"); return []
        }
        let name = String(phrase[open...close]).uppercased()
        guard let values = sets[name] else { issue(.error, file, line, "unknown substitution \(name)"); return [] }
        var result: [String] = []
        for value in values {
            let replaced = String(phrase[..<open]) + value + String(phrase[phrase.index(after: close)...])
            result += substitute(replaced, sets: sets, file: file, line: line)
        }
        return result
    }

    /// The regular English plural of a phrase's last word, as PETRARCH forms it.
    static func plural(_ phrase: String) -> String {
        let upper = phrase.uppercased()
        if upper.hasSuffix("MAN") { return String(phrase.dropLast(3)) + "MEN" }
        if upper.hasSuffix("Y"), let before = upper.dropLast().last, !"AEIOU".contains(before) {
            return String(phrase.dropLast()) + "IES"
        }
        if upper.hasSuffix("S") || upper.hasSuffix("X") || upper.hasSuffix("CH") || upper.hasSuffix("SH") || upper.hasSuffix("Z") {
            return phrase + "ES"
        }
        return phrase + "S"
    }

    // MARK: - Discards

    mutating func readDiscards(_ raw: [String], file: String) {
        let lines = PetrarchText.stripComments(raw)
        for (offset, line) in lines.enumerated() {
            var text = PetrarchText.trimmed(line)
            if text.isEmpty { continue }
            let story = text.hasPrefix("+")
            if story { text.removeFirst() }
            let words = PetrarchText.phrase(text).split(separator: " ").map(String.init)
            guard !words.isEmpty else { issue(.error, file, offset + 1, "empty discard"); continue }
            discards.append(DiscardPhrase(words: words, story: story, source: LexiconSource(file: file, line: offset + 1)))
        }
    }

    // MARK: - Verbs

    /// Synsets (`&NAME` then `+member` lines), verb blocks (`--- NAME [code] ---`, verb lines
    /// `VERB {FORMS} [code]`, pattern lines `- words * words [code]`).
    mutating func readVerbs(_ raw: [String], file: String) {
        let lines = PetrarchText.stripComments(raw, semicolon: false)
        var synsets: [String: [String]] = [:]
        var currentSynset: String? = nil
        var blockCode: String? = nil
        struct Verb { var word: String; var before: [String]; var after: [String]; var code: String?; var line: Int }
        var verbs: [Verb] = []
        var inPatterns = false
        var pending: [(String, Int)] = []  // pattern lines of the current block
        func closeBlock(_ reader: inout PetrarchReader) {
            reader.emitBlock(verbs: verbs.map { ($0.word, $0.before, $0.after, $0.code ?? blockCode, $0.line) },
                             patterns: pending, synsets: synsets, file: file)
            verbs = []
            pending = []
            inPatterns = false
        }
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let text = PetrarchText.trimmed(line)
            if text.isEmpty { continue }
            if text.hasPrefix("---") {
                closeBlock(&self)
                currentSynset = nil
                let inside = text.trimmingCharacters(in: CharacterSet(charactersIn: "- "))
                blockCode = firstBracket(inside)
                continue
            }
            if text.hasPrefix("&") {
                closeBlock(&self)
                let name = String(text.split(separator: " ").first ?? "").uppercased()
                currentSynset = name
                if synsets[name] != nil { issue(.warning, file, number, "synset \(name) defined again; members added") }
                synsets[name, default: []] += []
                continue
            }
            if text.hasPrefix("+"), let synset = currentSynset, verbs.isEmpty {
                synsets[synset, default: []].append(String(text.dropFirst()))
                continue
            }
            if text.hasPrefix("-") {
                currentSynset = nil
                pending.append((String(text.dropFirst()), number))
                inPatterns = true
                continue
            }
            if text.hasPrefix("~") {
                report.note("PETRARCH-2 '~' transformations (skipped)")
                continue
            }
            currentSynset = nil
            if inPatterns {
                // A verb line after patterns starts a new group within the block.
                closeBlock(&self)
            }
            // A verb line: `VERB {FORMS} [code]`, `+SYNONYM`, `WORD_+VERB`.
            var body = text
            if body.hasPrefix("+") { body.removeFirst() }
            let code = firstBracket(body)
            if let bracket = body.utf8.firstIndex(of: UInt8(ascii: "[")) { body = String(body[..<bracket]) }
            var forms: [String] = []
            if let brace = body.utf8.firstIndex(of: UInt8(ascii: "{")) {
                let end = body[brace...].utf8.firstIndex(of: UInt8(ascii: "}")) ?? body.endIndex
                forms = body[body.index(after: brace)..<end].split(separator: " ").map(String.init)
                body = String(body[..<brace])
            }
            guard let (word, before, after) = verbParts(PetrarchText.trimmed(body)) else {
                issue(.error, file, number, "cannot read verb line '\(text)'"); continue
            }
            if word.contains(where: { !($0.isLetter || $0 == "-" || $0 == "'" || $0 == ".") }) {
                issue(.error, file, number, "verb '\(word)' has characters a word cannot have"); continue
            }
            let irregulars = forms.compactMap { verbParts($0)?.0 }.filter { $0 != word }
            if !irregulars.isEmpty { irregular.append((word, irregulars)) }
            verbs.append(Verb(word: word, before: before, after: after, code: code, line: number))
        }
        closeBlock(&self)
    }

    /// `WIRE_+TAP` -> ("tap", ["wire"], []); `CRACK_DOWN` -> ("crack", [], ["down"]).
    private func verbParts(_ text: String) -> (String, [String], [String])? {
        let parts = text.split(whereSeparator: { $0 == "_" || $0 == " " }).map { $0.lowercased() }
        guard !parts.isEmpty else { return nil }
        if let marked = parts.firstIndex(where: { $0.hasPrefix("+") }) {
            let word = String(parts[marked].dropFirst())
            guard !word.isEmpty else { return nil }
            return (word, Array(parts[..<marked]), Array(parts[(marked + 1)...]))
        }
        return (parts[0], [], Array(parts.dropFirst()))
    }

    private func firstBracket(_ text: String) -> String? {
        guard let open = text.utf8.firstIndex(of: UInt8(ascii: "[")), let close = text[open...].utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
        return PetrarchText.trimmed(text[text.index(after: open)..<close])
    }

    /// Turns a block's verbs and pattern lines into patterns.
    private mutating func emitBlock(verbs: [(String, [String], [String], String?, Int)], patterns lines: [(String, Int)],
                                    synsets: [String: [String]], file: String) {
        if verbs.isEmpty {
            if !lines.isEmpty { issue(.error, file, lines[0].1, "patterns with no verb above them") }
            return
        }
        for (word, before, after, code, line) in verbs {
            let source = LexiconSource(file: file, line: line)
            if let code {
                if let (active, paired) = splitCode(code, file: file, line: line) {
                    patterns.append(Pattern(verb: word, before: before.reversed(), after: after, code: active, paired: paired,
                                            text: ([word] + after).joined(separator: " "), source: source))
                }
            } else if lines.isEmpty {
                issue(.warning, file, line, "verb '\(word)' has no code and no patterns")
            }
        }
        for (text, line) in lines {
            guard let open = text.lastIndex(of: "["), let close = text[open...].utf8.firstIndex(of: UInt8(ascii: "]")) else {
                issue(.error, file, line, "pattern without a [code]"); continue
            }
            let codeText = PetrarchText.trimmed(text[text.index(after: open)..<close])
            guard let (active, paired) = splitCode(codeText, file: file, line: line) else { continue }
            let body = String(text[..<open])
            guard let alternatives = expandPattern(body, synsets: synsets, file: file, line: line) else { continue }
            let patternText = PetrarchText.trimmed(body)
            let source = LexiconSource(file: file, line: line)
            for (word, verbBefore, verbAfter, _, _) in verbs {
                for (before, after) in alternatives {
                    // Most verbs add no words of their own: the line's arrays are shared, not copied.
                    patterns_append(Pattern(verb: word, before: verbBefore.isEmpty ? before : verbBefore.reversed() + before,
                                            after: verbAfter.isEmpty ? after : verbAfter + after, code: active, paired: paired,
                                            text: patternText, source: source))
                }
            }
        }
    }

    private mutating func patterns_append(_ pattern: Pattern) { patterns.append(pattern) }

    /// `042`, `032:033`, `---`; nil (reported) when malformed.
    private mutating func splitCode(_ code: String, file: String, line: Int) -> (String, String?)? {
        var parts = code.split(separator: ":", omittingEmptySubsequences: false).map { PetrarchText.trimmed($0) }
        if parts.count == 2, parts[0].isEmpty {
            // PETRARCH-2 `[:173]`: a code for the passive only; the active voice makes no event.
            report.note("[:code] passive-only codes (read as no event)")
            parts[0] = "---"
        }
        if parts.count == 2, parts[1].isEmpty { parts.removeLast() }
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "+") } }) else {
            issue(.error, file, line, "bad event code '[\(code)]'"); return nil
        }
        return (parts[0], parts.count == 2 ? parts[1] : nil)
    }

    /// A pattern's words, split at `*`, with synsets expanded: a list of (before the verb,
    /// nearest first; after the verb) alternatives of element tokens.
    private mutating func expandPattern(_ body: String, synsets: [String: [String]], file: String, line: Int) -> [([String], [String])]? {
        var tokens: [String] = []
        var sawStar = false
        for chunk in body.split(separator: " ") {
            var piece = String(chunk)
            if piece.contains(where: { "{}()".contains($0) }) {
                report.note("{ } and ( ) groups (read as their words in order)")
                piece.removeAll { "{}()".contains($0) }
            }
            // `NEW_&TIETYPES_RELATIONS` after the verb: words that must stand next to each
            // other, kept as one element matching any of its expansions.
            if sawStar, piece.contains("_"), !piece.contains(where: { "*+$%^".contains($0) }) {
                var seen = Set<String>()
                var sequences: [[String]] = [[]]
                for part in piece.split(separator: "_") where !part.isEmpty {
                    let choices: [[String]]
                    if part.hasPrefix("&") {
                        guard let members = synsetMembers(part.uppercased(), synsets: synsets, seen: &seen, file: file, line: line) else { return nil }
                        choices = members
                    } else {
                        choices = [[String(part)]]
                    }
                    sequences = sequences.flatMap { prefix in choices.map { prefix + $0 } }
                }
                let name = "&_" + piece.uppercased()
                resolvedSynsets[name] = sequences.map { $0.map { $0.lowercased() } }
                tokens.append(name)
                continue
            }
            // Before the verb, `_` joins words that must stand next to each other
            // (`MOST_CERTAINLY_&NEGATVAUXVRB_EVER *`, `IN_*`): a "_" token marks each join.
            let joinsBefore = !sawStar
            var pastStar = false
            if piece.contains("*") { sawStar = true }
            let parts = piece.split(separator: "_").filter { !$0.isEmpty }
            for (index, part) in parts.enumerated() {
                // Actor slots (`SUGGESTED_+`) hold a phrase between: no join across them.
                let slots = "+$%^"
                if joinsBefore, index > 0, !pastStar, !part.contains(where: { slots.contains($0) }),
                   !parts[index - 1].contains(where: { slots.contains($0) }) {
                    tokens.append("_")
                }
                if part.contains("*") { pastStar = true }
                var word = String(part)
                // `SUGGESTED_+`: a word glued to a target mark.
                if word.count > 1, word.hasSuffix("+") || word.hasSuffix("$") || word.hasSuffix("%") {
                    let mark = String(word.removeLast())
                    tokens.append(word); tokens.append(mark); continue
                }
                tokens.append(word)
            }
        }
        // Synsets before the verb: every token that names one becomes its members (which may
        // be phrases or synsets themselves), one pattern each. After the verb a synset stays
        // one element that matches any member.
        let star = tokens.firstIndex(of: "*") ?? -1
        var alternatives: [[String]] = [[]]
        for (position, token) in tokens.enumerated() {
            let choices: [[String]]
            if token.hasPrefix("&"), position > star {
                let name = token.uppercased()
                if resolvedSynsets[name] == nil, !name.hasPrefix("&_") {
                    var seen = Set<String>()
                    guard let members = synsetMembers(name, synsets: synsets, seen: &seen, file: file, line: line) else { return nil }
                    resolvedSynsets[name] = members.map { $0.map { $0.lowercased() } }
                }
                choices = [[name]]
            } else if token.hasPrefix("&") {
                var seen = Set<String>()
                guard let members = synsetMembers(token.uppercased(), synsets: synsets, seen: &seen, file: file, line: line) else { return nil }
                // A member's words before the verb stand next to each other ("REALLY DID NOT").
                choices = members.map { member in member.flatMap { ["_", $0] }.dropFirst().map { $0 } }
            } else {
                choices = [[token]]
            }
            var next: [[String]] = []
            for prefix in alternatives { for choice in choices { next.append(prefix + choice) } }
            if next.count > 512 {
                issue(.warning, file, line, "synsets expand to more than 512 patterns; the rest dropped")
                next = Array(next.prefix(512))
            }
            alternatives = next
        }
        var result: [([String], [String])] = []
        for words in alternatives {
            if let star = words.firstIndex(of: "*") {
                result.append((Array(words[..<star].reversed()).map { $0.lowercased() }, words[(star + 1)...].map { $0.hasPrefix("&") ? $0 : $0.lowercased() }))
            } else {
                result.append(([], words.map { $0.hasPrefix("&") ? $0 : $0.lowercased() }))
            }
        }
        return result
    }

    private mutating func synsetMembers(_ name: String, synsets: [String: [String]], seen: inout Set<String>, file: String, line: Int) -> [[String]]? {
        guard let members = synsets[name] else {
            issue(.error, file, line, "unknown synset \(name)"); return nil
        }
        guard !seen.contains(name) else { issue(.error, file, line, "synset \(name) contains itself"); return nil }
        seen.insert(name)
        defer { seen.remove(name) }
        var result: [[String]] = []
        for member in members {
            let words = member.split(whereSeparator: { $0 == "_" || $0 == " " }).map(String.init)
            var partial: [[String]] = [[]]
            for word in words {
                let choices = word.hasPrefix("&") ? (synsetMembers(word.uppercased(), synsets: synsets, seen: &seen, file: file, line: line) ?? []) : [[word]]
                var next: [[String]] = []
                for prefix in partial { for choice in choices { next.append(prefix + choice) } }
                partial = next
            }
            result += partial
        }
        return result
    }
}
