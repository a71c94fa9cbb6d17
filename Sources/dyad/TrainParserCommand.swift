import ArgumentParser
import DyadCore
import DyadNLP
import Foundation

/// `dyad train parser`: trains the dependency parser from CoNLL-U treebanks.
struct TrainParser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parser",
        abstract: "Train the dependency parser from CoNLL-U treebanks.",
        discussion: """
            Reads the word lines of every --train file with their HEAD and DEPREL, and trains the \
            arc-hybrid parser with a dynamic oracle for --iterations rounds. The parser learns \
            from the tags it will see when it runs: with --jackknife K (the default, 10), each \
            tenth of the training data is tagged by a tagger trained on the other nine, so tagging \
            mistakes are as frequent as in new text; --jackknife 0 trains on the files' own UPOS. \
            Sentences whose tree is broken are reported with their line and left out; non-projective \
            trees are made projective by lifting arcs. The same files, options and seed always give \
            a byte-identical model. With --dev, the model is scored after each round (UAS and LAS, \
            punctuation included) on the dev file retagged by the bundled tagger.

            Example (rebuilds the bundled parser model; see Sources/DyadNLP/README.md):
              swift build -c release --product dyad
              .build/release/dyad train parser \\
                --train ../shared/corpora/ud_english_ewt/en_ewt-ud-train.conllu \\
                --dev ../shared/corpora/ud_english_ewt/en_ewt-ud-dev.conllu \\
                --clusters /tmp/word-clusters.tsv --out /tmp/parser.model
            (the word classes come from scripts/word-clusters.py; the README gives the bundled \
            model's full command).
            """
    )

    @Option(name: .customLong("train"), help: ArgumentHelp("CoNLL-U training file (repeat for several).", valueName: "file"))
    var trainFiles: [String] = []

    @Option(name: .customLong("dev"), help: ArgumentHelp("CoNLL-U file to score after each round.", valueName: "file"))
    var devFile: String?

    @Option(
        name: .customLong("exclude-doc"),
        help: ArgumentHelp(
            "Leave out the documents whose `# newdoc id` starts with this (repeat; e.g. GUM_fiction_ for a genre whose licence does not fit).",
            valueName: "prefix"))
    var excludedDocuments: [String] = []

    @Option(help: "Rounds over the training data.")
    var iterations: Int = 15

    @Option(help: "Seed of the shuffles and of exploration.")
    var seed: UInt64 = 20_261_204

    @Option(help: "Folds for the predicted tags the parser trains on; 0 trains on the files' UPOS.")
    var jackknife: Int = 10

    @Option(help: "Rounds of each fold's tagger when jackknifing.")
    var taggerIterations: Int = 8

    @Option(help: "Drop averaged weights smaller than this in magnitude (an update moves a weight by 1).")
    var prune: Double = 1.0

    @Option(help: ArgumentHelp("The tagger that tags --dev (default: the bundled model, which was trained on EWT dev; give one that was not to score dev fairly).", valueName: "file"))
    var devTagger: String?

    @Option(name: .customLong("clusters"), help: ArgumentHelp("Word classes from scripts/word-clusters.py for the features (and the jackknifing taggers) to read; the model keeps them.", valueName: "file"))
    var clustersFile: String?

    @Option(name: .customLong("out"), help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var outFile: String

    func validate() throws {
        if trainFiles.isEmpty { throw ValidationError("give at least one --train file") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
        if jackknife == 1 || jackknife < 0 { throw ValidationError("--jackknife must be 0 or at least 2") }
    }

    func run() throws {
        let start = Date()
        let clusters = try clustersFile.map { try WordClusters(contentsOf: URL(fileURLWithPath: $0)) } ?? .empty
        if let clustersFile { log("read \(clustersFile): classes for \(clusters.count) words") }
        var examples: [ParserTrainer.Example] = []
        for path in trainFiles {
            let (sentences, documents) = try readTreebank(path)
            var kept = 0, excluded = 0, broken = 0
            for (sentence, document) in zip(sentences, documents) {
                if excludedDocuments.contains(where: { document.hasPrefix($0) }) { excluded += 1; continue }
                let words = sentence.words
                do {
                    let tree = try sentence.tree()
                    examples.append(ParserTrainer.Example(
                        words: words.map { $0[1] }, goldTags: words.map { UPOS(name: $0[3]) ?? .X },
                        heads: tree.heads, relations: tree.relations))
                    kept += 1
                } catch {
                    log("\(path): \(error); sentence left out")
                    broken += 1
                }
            }
            log("read \(path): \(kept) sentences" + (excluded > 0 ? ", \(excluded) in excluded documents" : "")
                + (broken > 0 ? ", \(broken) broken" : ""))
        }
        if jackknife > 0 {
            log("tagging the training data in \(jackknife) folds (taggers of \(taggerIterations) rounds)")
            retagByFolds(&examples, clusters: clusters)
            log(String(format: "  done [%.0fs]", Date().timeIntervalSince(start)))
        }
        let dev: (gold: [CoNLLU.Sentence], tagged: [CoNLLU.Sentence])? = try devFile.map { path in
            let gold = try readTreebank(path).sentences
            return (gold, CoNLLU.retag(gold, with: try loadTagger(devTagger)))
        }

        var trainer = ParserTrainer(iterations: iterations, seed: seed)
        trainer.pruneBelow = prune
        trainer.clusters = clusters
        var report = ParserTrainer.Report()
        let parser = trainer.train(examples, report: &report) { progress in
            var line = String(
                format: "iteration %2d: moves right %.2f%% (before averaging)",
                progress.iteration, 100 * Double(progress.correct) / Double(max(1, progress.total)))
            if let dev {
                let score = CoNLLU.attachment(gold: dev.gold, predicted: CoNLLU.reparse(dev.tagged, with: progress.model()))
                line += String(format: ", dev UAS %.2f%% LAS %.2f%%", 100 * score.uas, 100 * score.las)
            }
            line += String(format: "  [%.0fs]", Date().timeIntervalSince(start))
            log(line)
        }
        log("trained on \(report.sentences) sentences, \(report.words) words; \(report.nonProjective) non-projective "
            + "(\(report.liftedArcs) arcs lifted); \(report.skipped) not trees, left out")

        let url = URL(fileURLWithPath: outFile)
        try parser.write(to: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        log("wrote \(outFile): \(size) bytes, \(parser.featureCount) features, \(parser.relations.count) relations")
        let reloaded = try DependencyParser(contentsOf: url)
        if let dev {
            let score = CoNLLU.attachment(gold: dev.gold, predicted: CoNLLU.reparse(dev.tagged, with: reloaded))
            log(String(format: "reloaded model: dev UAS %.2f%% LAS %.2f%% (%d words, punctuation included)",
                       100 * score.uas, 100 * score.las, score.total))
        }
        log(String(format: "total time %.0fs", Date().timeIntervalSince(start)))
    }

    /// Tags each fold of `examples` with a tagger trained on the other folds.
    private func retagByFolds(_ examples: inout [ParserTrainer.Example], clusters: WordClusters) {
        let tagged = examples.map { zip($0.words, $0.goldTags).map { (word: $0, tag: $1) } }
        for fold in 0..<jackknife {
            let training = tagged.indices.filter { $0 % jackknife != fold }.map { tagged[$0] }
            var trainer = TaggerTrainer(iterations: taggerIterations, seed: seed &+ UInt64(fold))
            trainer.clusters = clusters
            let tagger = trainer.train(training)
            for index in examples.indices where index % jackknife == fold {
                examples[index].tags = tagger.tag(examples[index].words)
            }
        }
    }

    /// A treebank's sentences, each with the id of the document it is in (`# newdoc id`).
    private func readTreebank(_ path: String) throws -> (sentences: [CoNLLU.Sentence], documents: [String]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var problems: [CoNLLU.ParseError] = []
        let sentences = CoNLLU.read(text, problems: &problems)
        for problem in problems { log("\(path): \(problem); sentence left out") }
        var document = ""
        var documents: [String] = []
        for sentence in sentences {
            for comment in sentence.comments where comment.hasPrefix("# newdoc id") {
                if let equals = comment.firstIndex(of: "=") {
                    document = comment[comment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                }
            }
            documents.append(document)
        }
        return (sentences, documents)
    }

    private func log(_ message: String) {
        writeStandardError(message + "\n")
    }
}
