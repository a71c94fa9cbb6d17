import ArgumentParser
import DyadLexicon
import Foundation

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Work with lexicons.",
        discussion: """
            Example:
              dyad lexicon check
            """,
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a lexicon: unknown codes, duplicates, unreachable patterns, bad dates.",
            discussion: """
                Loads every file of a lexicon folder (default: the bundled lexicon), prints each \
                problem as FILE:LINE: severity: message and a summary of what loaded. Exits 2 \
                when there are errors (warnings alone exit 0).

                Examples:
                  dyad lexicon check
                  dyad lexicon check path/to/my-lexicon
                """
        )

        @Argument(help: "A lexicon folder (default: the bundled lexicon).")
        var folder: String?

        func run() throws {
            let start = Date()
            let lexicon: Lexicon
            do {
                lexicon = try folder.map { try Lexicon.load(folder: URL(fileURLWithPath: $0)) } ?? Lexicon.bundled()
            } catch {
                throw InputFailure(description: "cannot load the lexicon: \(error)")
            }
            let seconds = Date().timeIntervalSince(start)
            for issue in lexicon.issues { print(issue) }
            let verbPatterns = lexicon.verbPatterns.values.reduce(0) { $0 + $1.count }
            let nounPatterns = lexicon.nounPatterns.values.reduce(0) { $0 + $1.count }
            let roots = Set(lexicon.verbPatterns.values.flatMap { $0.map { String($0.code.prefix(2)) } })
            let errors = lexicon.issues.filter { $0.severity == .error }.count
            let warnings = lexicon.issues.count - errors
            print("""
                \(lexicon.actors.count) actor phrases, \(lexicon.countryCodes.count) countries and regions, \
                \(lexicon.knownGroupCodes.count) organizations, \(verbPatterns) verb patterns covering \(roots.count) CAMEO roots, \
                \(nounPatterns) noun patterns; loaded in \(String(format: "%.3f", seconds)) s
                \(errors) error(s), \(warnings) warning(s)
                """)
            if errors > 0 { throw ExitCode(DyadExit.inputErrors) }
        }
    }
}
