import ArgumentParser
import DyadCoder
import DyadCore
import DyadFormats
import DyadNLP

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a sentence codes as it does: tokens, tags, phrases, actors, patterns, events.",
        discussion: """
            Prints, for each sentence, the tokens with their tags, the phrases, the actors found \
            and how each was resolved (dictionary, title, metonymy, coreference, context, with \
            lexicon file and line), every verb with its subject, voice and modality, the \
            patterns tried and the one that fired, and the events.

            Examples:
              dyad explain "Turkish police detained three journalists on Friday."
              dyad explain --date 2025-03-28 "US Vice President J.D. Vance accused Denmark of not doing enough."
              dyad explain --doc seed-3 ../shared/eval/seed.gold.jsonl
            """
    )

    @Argument(help: "The text to explain (or, with --doc, the file that holds the document).")
    var text: String

    @Option(help: "Explain the document with this id from the file given instead of text.")
    var doc: String?

    @Option(help: "The article date (YYYY-MM-DD): picks office holders and dates events.")
    var date: String?

    @Flag(help: "List every pattern tried, not only the last few before the one that fired.")
    var verbose = false

    @OptionGroup var coding: CoderArguments

    func run() throws {
        let pipeline = try coding.makePipeline(parsing: true)
        let coder = try coding.makeCoder()
        var metadata = DocumentMetadata(id: "explain", date: date)
        var body = text
        if let doc {
            var input = try InputArguments.parse([text])
            input.strict = false
            var found: (DocumentMetadata, String)? = nil
            _ = try input.forEachRecord { record in
                if record.metadata.id == doc, found == nil { found = (record.metadata, record.text) }
            }
            guard let found else { throw InputFailure(description: "\(text): no document with id \(doc)") }
            metadata = found.0
            if let date { metadata.date = date }
            body = found.1
        }
        var document = pipeline.document(metadata: metadata, text: body)
        var trace: CodingTrace? = CodingTrace()
        // Coded as `dyad code` codes it: with the places the geoparser finds.
        let places = EventLocator().annotate(&document)
        let events = coder.code(&document, places: places, trace: &trace)
        let output = StandardOutput()
        output.writeLine("document \(document.id)\(metadata.date.map { ", dated \($0)" } ?? ", undated")")
        for (index, sentence) in document.sentences.enumerated() {
            output.writeLine("")
            output.writeLine("sentence \(index): \(document.text(ofTokens: sentence.tokens))")
            output.writeLine("  tokens: " + sentence.tokens.map { "\(document.text(ofToken: $0))/\(document.tokens[$0].pos.name)" }.joined(separator: " "))
            let chunks = document.chunks.filter { sentence.tokens.contains($0.tokens.lowerBound) }
            output.writeLine("  phrases: " + chunks.map { "[\($0.kind.label) \(document.text(ofTokens: $0.tokens))]" }.joined(separator: " "))
            let tree = DependencyTree(document, sentence: sentence)
            if tree.isParsed {
                output.writeLine("  tree:")
                for line in treeLines(tree, document) { output.writeLine("    " + line) }
                let roles = roleLines(tree, document)
                if !roles.isEmpty {
                    output.writeLine("  roles from the parse:")
                    for line in roles { output.writeLine("    " + line) }
                }
            }
            guard let steps = trace?.sentences.first(where: { $0.sentence == index }) else { continue }
            output.writeLine("  actors:" + (steps.actors.isEmpty ? " none" : ""))
            for actor in steps.actors { output.writeLine("    \(actor)") }
            for trigger in steps.triggers where !trigger.patterns.isEmpty || trigger.fired != nil {
                output.writeLine("  verb '\(trigger.text)' (lemma \(trigger.lemma)), \(trigger.voice), \(trigger.modality)")
                output.writeLine("    source: \(trigger.subject)")
                // Verbs can have hundreds of patterns: show the most specific few, then a count.
                let shown = verbose ? trigger.patterns : Array(trigger.patterns.suffix(8))
                if shown.count < trigger.patterns.count {
                    output.writeLine("    tried \(trigger.patterns.count - shown.count) more specific patterns first (--verbose lists them)")
                }
                for pattern in shown { output.writeLine("    tried \(pattern)") }
                output.writeLine("    fired: \(trigger.fired ?? "nothing")")
                if let target = trigger.target { output.writeLine("    target: \(target)") }
            }
            for event in events where event.sentence == index {
                let quad = "quad \(event.quadClass), Goldstein \(event.goldstein)"
                // An actor the lexicon does not know shows by its words.
                func shown(_ actor: EventActor?) -> String {
                    guard let actor else { return "-" }
                    return actor.code.isEmpty ? "'\(actor.text)' (not in the lexicon)" : actor.code
                }
                output.writeLine("  EVENT \(shown(event.source)) -> \(shown(event.target)) \(event.code) (\(quad), \(event.ploverCategory.isEmpty ? "no PLOVER" : event.ploverCategory), \(event.modality.rawValue)) by \(event.pattern) at \(event.rule)")
            }
        }
        if events.isEmpty { output.writeLine("\nno events") }
        try output.finish()
    }
}

/// The parse as an indented outline, one word a line under its head: `word/TAG relation`.
func treeLines(_ tree: DependencyTree, _ document: Document) -> [String] {
    var lines: [String] = []
    func visit(_ word: Int, depth: Int) {
        let relation = tree.relation(of: word)?.name ?? "?"
        lines.append(String(repeating: "  ", count: depth) + "\(document.text(ofToken: word))/\(tree.tag(of: word).name) \(relation)")
        for dependent in tree.dependents(of: word) { visit(dependent, depth: depth + 1) }
    }
    for word in tree.tokens where tree.head(of: word) == nil { visit(word, depth: 0) }
    return lines
}

/// What the parse says of each verb: its subjects, objects, obliques with their prepositions,
/// clausal complements and conjuncts.
func roleLines(_ tree: DependencyTree, _ document: Document) -> [String] {
    func phrase(_ word: Int) -> String { document.text(ofToken: word) }
    var lines: [String] = []
    for word in tree.tokens where tree.tag(of: word) == .VERB || (tree.tag(of: word) == .AUX && tree.relation(of: word) == .root) {
        var parts: [String] = []
        let subjects = tree.subjects(of: word)
        if !subjects.isEmpty {
            parts.append(subjects.map { "\(tree.relation(of: $0)!.name) \(phrase($0))" }.joined(separator: ", "))
        }
        for object in tree.objects(of: word) { parts.append("obj \(phrase(object))") }
        for object in tree.indirectObjects(of: word) { parts.append("iobj \(phrase(object))") }
        for oblique in tree.obliques(of: word) {
            let marker = oblique.caseWords.map(phrase).joined(separator: " ")
            parts.append("\(oblique.relation.name) \(marker.isEmpty ? "" : marker + " ")\(phrase(oblique.word))")
        }
        for clause in tree.clausalComplements(of: word) { parts.append("\(tree.relation(of: clause)!.name) \(phrase(clause))") }
        let conjuncts = tree.conjuncts(of: word)
        if !conjuncts.isEmpty { parts.append("conjuncts " + conjuncts.map(phrase).joined(separator: ", ")) }
        if let governor = tree.governingPredicate(of: word) {
            parts.append("hangs on \(phrase(governor)) (\(tree.relation(of: word)!.name))")
        }
        lines.append("\(phrase(word)): " + (parts.isEmpty ? "no dependents with roles" : parts.joined(separator: "; ")))
    }
    return lines
}
