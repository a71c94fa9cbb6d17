import DyadCore
import Foundation

/// Dyad's compiled lexicon: actors, agents, people, verb and noun patterns, and the lemmatizer.
///
/// Built once from plain-text files (see Resources/README.md) and shared by every thread; all
/// lookups go through integer word ids.
public struct Lexicon: Sendable {
    public internal(set) var vocabulary = Vocabulary()
    public internal(set) var actorPhrases = PhraseTrie()
    public internal(set) var actors: [ActorEntry] = []
    /// Verb patterns by the verb's lemma id, most specific first.
    public internal(set) var verbPatterns: [Int32: [EventPattern]] = [:]
    /// Noun patterns by the noun's lemma id, most specific first.
    public internal(set) var nounPatterns: [Int32: [EventPattern]] = [:]
    public internal(set) var lemmatizer = Lemmatizer()
    /// CAMEO type codes agents may use.
    public internal(set) var agentTypes: Set<String> = []
    /// Known-group codes of organizations (NAT, UNO, ALQ).
    public internal(set) var knownGroupCodes: Set<String> = []
    /// Country and region codes the lexicon defines.
    public internal(set) var countryCodes: Set<String> = []
    public let eventTable: CAMEOEventTable
    /// How actor codes combine. `.dyad`: a role takes a country from its phrase or context,
    /// bare places after "in" are locations. `.petrarch` (TABARI/PETRARCH dictionaries): an
    /// actor's code is followed by the codes of every agent in its phrase (`[~GOV]`) or
    /// preceded by them (`[NGO~]`), an agent alone is `---` plus its code, and no actor is
    /// only a place.
    public enum CodeStyle: Sendable { case dyad, petrarch }
    public internal(set) var codeStyle: CodeStyle = .dyad
    /// Constructs of imported dictionaries the engine reads only approximately or not at all,
    /// with how often each occurred.
    public internal(set) var approximations: [String: Int] = [:]
    /// Phrases that discard a sentence or story (TABARI/PETRARCH discards files).
    public internal(set) var discards: [DiscardPhrase] = []
    /// Second codes of patterns that make a pair of events (PETRARCH `[032:033]`), by the rule
    /// (`file:line`) of the pattern: the target does the second to the source.
    public internal(set) var pairedCodes: [String: String] = [:]
    /// How intention, threat and refusal change a code (`code-adjustments.txt`).
    public internal(set) var codeAdjustments = CodeAdjustments()
    /// Everything that was wrong with the files; none of it stopped loading.
    public internal(set) var issues: [LexiconIssue] = []

    /// The files of a lexicon folder, in load order (irregular verbs first: patterns need them).
    public static let fileNames = [
        "types.txt", "irregular-verbs.txt", "countries.txt", "organizations.txt", "agents.txt",
        "people.txt", "verbs.txt", "nouns.txt", "code-adjustments.txt",
    ]

    public init(eventTable: CAMEOEventTable = .standard) {
        self.eventTable = eventTable
    }

    /// The lexicon shipped with Dyad.
    public static func bundled() throws -> Lexicon {
        try bundled(cache: nil).lexicon
    }

    /// `bundled()` through a lexicon cache (none when `cache` is nil): compiling it takes a
    /// quarter of a second, reading its snapshot a few milliseconds.
    public static func bundled(cache: LexiconCache?) throws -> LoadedLexicon {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw LexiconLoadError(message: "the bundled lexicon folder is missing")
        }
        return try load(folder: folder, cache: cache)
    }

    /// Loads every known file present in a folder. A missing folder is an error; problems inside
    /// files are collected in `issues`.
    public static func load(folder: URL) throws -> Lexicon {
        try load(folder: folder, cache: nil).lexicon
    }

    /// `load(folder:)` through a lexicon cache: the files are read (their bytes are the key), and
    /// the lexicon they build is read from the cache when it is there, else built and stored.
    public static func load(folder: URL, cache: LexiconCache?) throws -> LoadedLexicon {
        var files: [(name: String, data: Data)] = []
        for name in fileNames {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            files.append((name, try Data(contentsOf: url)))
        }
        guard !files.isEmpty else {
            throw LexiconLoadError(message: "\(folder.path): no lexicon files (\(fileNames.joined(separator: ", ")))")
        }
        return LexiconCache.lexicon(through: cache, key: { LexiconCache.key(format: "Dyad", files: files.map { ($0.name, "", $0.data) }) }) {
            Lexicon(files: files.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) })
        }
    }

    /// A lexicon from in-memory files, named as in `fileNames` (tests build small ones).
    public init(files: [(name: String, text: String)], eventTable: CAMEOEventTable = .standard) {
        self.init(eventTable: eventTable)
        var builder = LexiconBuilder(lexicon: self)
        let ordered = files.sorted { (Self.fileNames.firstIndex(of: $0.name) ?? 99) < (Self.fileNames.firstIndex(of: $1.name) ?? 99) }
        for (name, text) in ordered { builder.read(name: name, text: text) }
        self = builder.finish()
    }

    /// The actor entries of a phrase match, valid on a date.
    public func entries(_ indices: [Int32], on date: Int?) -> [ActorEntry] {
        indices.map { actors[Int($0)] }.filter { $0.isValid(on: date) }
    }
}

public struct LexiconLoadError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
