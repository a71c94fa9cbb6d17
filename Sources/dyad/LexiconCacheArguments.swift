import ArgumentParser
import DyadLexicon
import Foundation

/// Where compiled lexicons (Dyad's own, TABARI/PETRARCH dictionaries) are kept between runs
/// (see `LexiconCache`).
struct LexiconCacheArguments: ParsableArguments {
    @Option(name: .customLong("lexicon-cache"), help: ArgumentHelp(
        "A folder for compiled lexicons and TABARI/PETRARCH dictionaries, so that later runs with the same files start at once.",
        discussion: "Default: $DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else ~/.cache/dyad.",
        valueName: "dir"))
    var lexiconCache: String?

    @Flag(name: .customLong("no-lexicon-cache"), help: "Compile the lexicon or dictionaries from their text; read and write no cache.")
    var noLexiconCache = false

    func validate() throws {
        if noLexiconCache, lexiconCache != nil {
            throw ValidationError("--lexicon-cache and --no-lexicon-cache exclude each other")
        }
    }

    /// The cache to load dictionaries through, or nil when it is off.
    var cache: LexiconCache? {
        if noLexiconCache { return nil }
        return LexiconCache(directory: lexiconCache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? LexiconCache.defaultDirectory())
    }

    /// Tells the user what went wrong with the cache (loading went on).
    static func report(_ loaded: LoadedLexicon) {
        for note in loaded.cacheNotes { Diagnostics.note("dyad: lexicon cache: \(note)") }
    }
}
