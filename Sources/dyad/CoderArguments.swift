import ArgumentParser
import DyadCoder
import DyadLexicon
import DyadNLP
import Foundation

/// Options of every command that codes events.
struct CoderArguments: ParsableArguments {
    @Option(help: "A lexicon folder in Dyad's format (default: the bundled lexicon).")
    var lexicon: String?

    @Option(help: "A tagger model file (default: the bundled model).")
    var model: String?

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
            if let path = self.lexicon {
                lexicon = try Lexicon.load(folder: URL(fileURLWithPath: path))
            } else {
                lexicon = try Lexicon.bundled()
            }
        } catch {
            throw InputFailure(description: "cannot load the lexicon: \(error)")
        }
        let errors = lexicon.issues.filter { $0.severity == .error }
        if !errors.isEmpty {
            Diagnostics.warning("the lexicon has \(errors.count) error(s); `dyad lexicon check` lists them")
        }
        var options = EventCoder.Options()
        options.includeNegated = includeNegated
        options.includeHypothetical = includeHypothetical
        options.includeStatements = includeStatements
        options.codeUnknownActors = unknownActors
        return EventCoder(lexicon: lexicon, options: options)
    }

    func makePipeline() throws -> TextPipeline {
        TextPipeline(tagger: try loadTagger(model))
    }
}
