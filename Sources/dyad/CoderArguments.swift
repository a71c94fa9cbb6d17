import ArgumentParser
import DyadCoder
import DyadLexicon
import DyadNLP
import Foundation

/// Options of every command that codes events.
struct CoderArguments: ParsableArguments {
    @Option(help: "A lexicon folder in Dyad's format (default: the bundled lexicon).")
    var lexicon: String?

    @Option(help: ArgumentHelp(
        "A folder of TABARI/PETRARCH dictionaries to code with instead of Dyad's lexicon.",
        discussion: "Reads *.actors.txt, *agents*.txt, *verbs*.txt or CAMEO.2.0.txt and *discards*.txt as they are."))
    var dictionaries: String?

    @Option(name: .customLong("petrarch-verbs"), help: "A TABARI/PETRARCH verb dictionary (repeatable; with or instead of --dictionaries).")
    var petrarchVerbs: [String] = []

    @Option(name: .customLong("petrarch-actors"), help: "A TABARI/PETRARCH actor dictionary (repeatable).")
    var petrarchActors: [String] = []

    @Option(name: .customLong("petrarch-agents"), help: "A TABARI/PETRARCH agent dictionary (repeatable).")
    var petrarchAgents: [String] = []

    @Option(name: .customLong("petrarch-discards"), help: "A TABARI/PETRARCH discard dictionary (repeatable).")
    var petrarchDiscards: [String] = []

    @Flag(help: "List every problem found in the TABARI/PETRARCH dictionaries (file:line: what is wrong).")
    var dictionaryIssues = false

    @OptionGroup var lexiconCache: LexiconCacheArguments

    @Option(help: "A tagger model file (default: the bundled model).")
    var model: String?

    @Option(help: "A parser model file (default: the bundled model).")
    var parserModel: String?

    @Flag(help: "Also write events the text denies (\"has not agreed\"), marked negated.")
    var includeNegated = false

    @Flag(help: "Also write events the text only supposes (\"could\", \"might\", \"would\").")
    var includeHypothetical = false

    @Flag(help: "Also write bare statements (CAMEO 010, \"X said\").")
    var includeStatements = false

    @Flag(help: "Also code events whose source the lexicon does not know (empty code, the words kept).")
    var unknownActors = false

    func makeCoder() throws -> EventCoder {
        let lexicon: Lexicon
        do {
            for (option, folder) in [("--lexicon", self.lexicon), ("--dictionaries", dictionaries)] {
                guard let folder else { continue }
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                    throw InputFailure(description: "\(option) \(folder): no such folder")
                }
            }
            if let petrarch = try loadPetrarch() {
                lexicon = petrarch
            } else {
                let loaded = try self.lexicon.map { try Lexicon.load(folder: URL(fileURLWithPath: $0), cache: lexiconCache.cache) }
                    ?? Lexicon.bundled(cache: lexiconCache.cache)
                LexiconCacheArguments.report(loaded)
                lexicon = loaded.lexicon
            }
        } catch {
            throw InputFailure(description: "cannot load the lexicon: \(error)")
        }
        let errors = lexicon.issues.filter { $0.severity == .error }
        if !errors.isEmpty, lexicon.codeStyle == .petrarch {
            Diagnostics.warning("the dictionaries have \(errors.count) error(s); --dictionary-issues lists them")
        } else if !errors.isEmpty {
            Diagnostics.warning("the lexicon has \(errors.count) error(s); `dyad lexicon check` lists them")
        }
        var options = EventCoder.Options()
        options.includeNegated = includeNegated
        options.includeHypothetical = includeHypothetical
        options.includeStatements = includeStatements
        options.codeUnknownActors = unknownActors
        // The coder parses the sentences it reads roles from; TABARI/PETRARCH dictionaries read none.
        let parser = lexicon.codeStyle == .dyad ? try loadParser(parserModel) : nil
        return EventCoder(lexicon: lexicon, options: options, parser: parser)
    }

    /// The TABARI/PETRARCH dictionaries the options name, or nil when they name none.
    func loadPetrarch() throws -> Lexicon? {
        var files: [(URL, PetrarchFileKind)] = []
        for (paths, kind) in [(petrarchVerbs, PetrarchFileKind.verbs), (petrarchActors, .actors), (petrarchAgents, .agents),
                              (petrarchDiscards, .discards)] {
            files += paths.map { (URL(fileURLWithPath: $0), kind) }
        }
        var loaded: LoadedLexicon? = nil
        let folderStarted = Date()
        if let dictionaries {
            if files.isEmpty {
                loaded = try PetrarchDictionaries.load(directory: URL(fileURLWithPath: dictionaries), cache: lexiconCache.cache)
            } else {
                // Named files take the place of the folder's files of the same kind.
                let names = try FileManager.default.contentsOfDirectory(atPath: dictionaries).sorted()
                let kinds = Set(files.map(\.1))
                for name in names {
                    guard let kind = PetrarchFileKind(fileName: name), !kinds.contains(kind) else { continue }
                    files.append((URL(fileURLWithPath: dictionaries).appendingPathComponent(name), kind))
                }
            }
        }
        let started = loaded == nil ? Date() : folderStarted
        if loaded == nil, !files.isEmpty { loaded = try PetrarchDictionaries.load(urls: files, cache: lexiconCache.cache) }
        if let loaded {
            let lexicon = loaded.lexicon
            LexiconCacheArguments.report(loaded)
            let patterns = lexicon.verbPatterns.values.reduce(0) { $0 + $1.count }
            let origin = loaded.fromCache ? "from cache " : ""
            Diagnostics.note(String(format: "dyad: dictionaries: %d actor and agent phrases, %d verb patterns, %d discards, %d issue(s); loaded \(origin)in %.3f s",
                                    lexicon.actors.count, patterns, lexicon.discards.count, lexicon.issues.count,
                                    Date().timeIntervalSince(started)))
            for (what, count) in lexicon.approximations.sorted(by: { $0.key < $1.key }) {
                Diagnostics.note("dyad: dictionaries: \(count) x \(what)")
            }
            if dictionaryIssues { for issue in lexicon.issues { Diagnostics.note("\(issue)") } }
            let errors = lexicon.issues.filter { $0.severity == .error }
            for issue in errors.prefix(20) { Diagnostics.warning("\(issue)") }
            if errors.count > 20 { Diagnostics.warning("... and \(errors.count - 20) more dictionary error(s)") }
        }
        return loaded?.lexicon
    }

    /// The text pipeline; `parsing` parses every sentence (for showing the trees): otherwise
    /// the coder parses the sentences it needs.
    func makePipeline(parsing: Bool = false) throws -> TextPipeline {
        TextPipeline(tagger: try loadTagger(model), parser: parsing ? try loadParser(parserModel) : nil)
    }
}
