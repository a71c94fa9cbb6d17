import ArgumentParser
import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Run a TABARI/PETRARCH validation file: code each record and compare with its expected events.",
        discussion: """
            Reads the records (<Sentence date id valid>, <EventCoding sourcecode targetcode eventcode> \
            or noevents / error, <Text>, <Config option value>), codes each valid record's text from raw \
            text with the dictionaries given, compares the set of (source, target, code) triples with \
            the expected set, prints every failure with both sets, and ends with `N passed, M failed`.

            The dictionaries are the files the record file's <Environment> names, found in the \
            --dictionaries folder (or every dictionary in it when the Environment names none).

            Example:
              dyad validate ../shared/reference/petrarch/p1-suite/PETR.UnitTest.records.xml \\
                --dictionaries ../shared/reference/petrarch/p1-suite
            """
    )

    @Argument(help: "The validation records file (XML).")
    var records: String

    @Option(help: "The folder holding the dictionaries the records name.")
    var dictionaries: String

    @OptionGroup var lexiconCache: LexiconCacheArguments

    @Option(help: "A tagger model file (default: the bundled model).")
    var model: String?

    @Flag(help: "Take tokens and part-of-speech tags from each record's Treebank <Parse> (phrases still from Dyad's chunker).")
    var useParse = false

    @Flag(help: "Print passing records too.")
    var verbose = false

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: records)) } catch {
            throw InputFailure(description: "\(records): cannot read: \(error.localizedDescription)")
        }
        let suite: ValidationSuite
        do { suite = try ValidationSuite(xml: data) } catch {
            throw InputFailure(description: "\(records): \(error)")
        }
        let started = Date()
        let loaded: LoadedLexicon
        do {
            loaded = try ValidationRunner.loadDictionaries(suite: suite, folder: dictionaries, cache: lexiconCache.cache)
        } catch {
            throw InputFailure(description: "cannot load the dictionaries: \(error)")
        }
        let lexicon = loaded.lexicon
        let loadTime = Date().timeIntervalSince(started)
        LexiconCacheArguments.report(loaded)
        for (what, count) in lexicon.approximations.sorted(by: { $0.key < $1.key }) {
            Diagnostics.note("dyad: dictionaries: \(count) x \(what)")
        }
        let errors = lexicon.issues.filter { $0.severity == .error }
        for issue in errors.prefix(20) { Diagnostics.warning("\(issue)") }
        // The pipeline `dyad code` runs, parser included, so the counts are the coder's.
        let pipeline = TextPipeline(tagger: try loadTagger(model), parser: try loadParser(nil))
        var runner = ValidationRunner(lexicon: lexicon, pipeline: pipeline)
        runner.useParse = useParse
        let output = StandardOutput()
        let codingStarted = Date()
        let result = runner.run(suite) { outcome in
            if !outcome.passed || verbose { output.writeLine(outcome.report) }
        }
        let codingTime = Date().timeIntervalSince(codingStarted)
        Diagnostics.note(String(format: "dictionaries loaded \(loaded.fromCache ? "from cache " : "")in %.3f s (%d issue(s), %d error(s)); %d record(s) coded in %.3f s; %d not valid, skipped",
                                loadTime, lexicon.issues.count, errors.count, result.passed + result.failed, codingTime, result.skipped))
        output.writeLine("\(result.passed) passed, \(result.failed) failed")
        try output.finish()
    }
}
