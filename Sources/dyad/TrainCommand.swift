import ArgumentParser
import DyadCore
import DyadNLP
import Foundation

/// `dyad train`: builds the statistical models Dyad ships from annotated corpora.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Dyad's statistical models from annotated corpora.",
        discussion: """
            Example (rebuilds the bundled tagger model; see Sources/DyadNLP/README.md):
              dyad train tagger --train ../shared/corpora/ud_english_ewt/en_ewt-ud-train.conllu \\
                --out tagger.model
            """,
        subcommands: [TrainTagger.self, TrainParser.self]
    )
}

/// `dyad train tagger`: trains the averaged-perceptron UPOS tagger from CoNLL-U files.
struct TrainTagger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagger",
        abstract: "Train the part-of-speech (UPOS) tagger from CoNLL-U treebanks.",
        discussion: """
            Reads the word lines (not multiword ranges or empty nodes) of every --train file, \
            trains an averaged perceptron for --iterations rounds over the data and writes the \
            model to --out. Progress goes to stderr after each round; with --dev, the averaged \
            model is also scored on the dev file after each round. The same files, options and \
            seed always give a byte-identical model. Finally the written model is reloaded, \
            scored on --dev and timed on all training words.

            Example: tune on EWT dev, then rebuild the bundled model (from the package root):
              swift build -c release --product dyad
              .build/release/dyad train tagger \\
                --train ../shared/corpora/ud_english_ewt/en_ewt-ud-train.conllu \\
                --train ../shared/corpora/ud_english_gum/en_gum-ud-train.conllu \\
                --dev ../shared/corpora/ud_english_ewt/en_ewt-ud-dev.conllu \\
                --out /tmp/tagger.model
              .build/release/dyad train tagger \\
                --train ../shared/corpora/ud_english_ewt/en_ewt-ud-train.conllu \\
                --train ../shared/corpora/ud_english_ewt/en_ewt-ud-dev.conllu \\
                --train ../shared/corpora/ud_english_gum/en_gum-ud-train.conllu \\
                --clusters /tmp/word-clusters.tsv --out Sources/DyadNLP/Resources/tagger.model
            (the word classes come from scripts/word-clusters.py, as the README shows).
            """
    )

    @Option(name: .customLong("train"), help: ArgumentHelp("CoNLL-U training file (repeat for several).", valueName: "file"))
    var trainFiles: [String] = []

    @Option(name: .customLong("dev"), help: ArgumentHelp("CoNLL-U file to score after each pass.", valueName: "file"))
    var devFile: String?

    @Option(name: .customLong("dev-predictions"), help: ArgumentHelp("Write the --dev file retagged by the final model here, for error analysis.", valueName: "file"))
    var devPredictionsFile: String?

    @Option(help: "Rounds over the training data.")
    var iterations: Int = 12

    @Option(help: "Seed of the shuffle between passes.")
    var seed: UInt64 = 20_251_129

    @Option(help: "Drop averaged weights smaller than this in magnitude (smaller file, slightly lower accuracy).")
    var prune: Double = 0.01

    @Flag(help: "Train a second, stacked pass that also sees the first pass's tags of the next two words (about 0.1 point better on EWT dev, half the speed, twice the file).")
    var twoPass = false

    @Option(name: .customLong("clusters"), help: ArgumentHelp("Word classes from scripts/word-clusters.py for the features to read; the model keeps them.", valueName: "file"))
    var clustersFile: String?

    @Option(name: .customLong("out"), help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var outFile: String

    func validate() throws {
        if trainFiles.isEmpty { throw ValidationError("give at least one --train file") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        var training: [[(word: String, tag: UPOS)]] = []
        var tokens = 0
        for path in trainFiles {
            let sentences = try readCoNLLU(path)
            var skipped = 0
            for sentence in sentences {
                guard let words = sentence.taggedWords, !words.isEmpty else { skipped += 1; continue }
                training.append(words)
                tokens += words.count
            }
            log("read \(path): \(sentences.count) sentences" + (skipped > 0 ? ", \(skipped) skipped (no or unknown UPOS)" : ""))
        }
        log("training on \(training.count) sentences, \(tokens) words, \(iterations) iterations, seed \(seed)")
        let dev = try devFile.map(readCoNLLU)

        var trainer = TaggerTrainer(iterations: iterations, seed: seed)
        trainer.pruneBelow = prune
        trainer.twoPass = twoPass
        if let clustersFile {
            trainer.clusters = try WordClusters(contentsOf: URL(fileURLWithPath: clustersFile))
            log("read \(clustersFile): classes for \(trainer.clusters.count) words")
        }
        let start = Date()
        let tagger = trainer.train(training) { progress in
            var line = String(
                format: "iteration %2d: train %.2f%% (greedy, before averaging)",
                progress.iteration, 100 * Double(progress.correct) / Double(max(1, progress.total)))
            if let dev, let model = progress.model {
                let (correct, total) = CoNLLU.accuracy(gold: dev, predicted: CoNLLU.retag(dev, with: model()))
                line += String(format: ", dev %.2f%%", 100 * Double(correct) / Double(max(1, total)))
            }
            line += String(format: "  [%.1fs]", Date().timeIntervalSince(start))
            log(line)
        }

        let url = URL(fileURLWithPath: outFile)
        try tagger.write(to: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        log("wrote \(outFile): \(size) bytes, \(tagger.featureCount) features, \(tagger.dictionaryCount) dictionary words")

        // Check the file as written, and time it.
        let reloaded = try PerceptronTagger(contentsOf: url)
        if let dev {
            let predicted = CoNLLU.retag(dev, with: reloaded)
            let (correct, total) = CoNLLU.accuracy(gold: dev, predicted: predicted)
            log(String(format: "reloaded model: dev UPOS accuracy %.2f%% (%d/%d)", 100 * Double(correct) / Double(total), correct, total))
            if let devPredictionsFile {
                try CoNLLU.write(predicted).write(toFile: devPredictionsFile, atomically: true, encoding: .utf8)
            }
        }
        // Tagging speed over every training sentence; best of three runs, as other work on the
        // machine can only slow a run down.
        let sentences = training.map { $0.map(\.word) }
        var best = Double.infinity, bestCPU = Double.infinity
        var tagged = 0
        for _ in 0..<3 {
            let timingStart = Date()
            let cpuStart = threadCPUSeconds()
            tagged = 0
            for words in sentences { tagged += reloaded.tag(words).count }
            bestCPU = min(bestCPU, threadCPUSeconds() - cpuStart)
            best = min(best, Date().timeIntervalSince(timingStart))
        }
        log(String(
            format: "tagging speed: %.0f tokens/s wall, %.0f tokens/s CPU time (%d tokens, one thread, best of 3)",
            Double(tagged) / best, Double(tagged) / bestCPU, tagged))
    }

    private func readCoNLLU(_ path: String) throws -> [CoNLLU.Sentence] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            return try CoNLLU.read(text)
        } catch let error as CoNLLU.ParseError {
            throw ValidationError("\(path): \(error)")
        }
    }

    /// CPU time of the calling thread: steadier than wall time on a busy machine.
    private func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func log(_ message: String) {
        writeStandardError(message + "\n")
    }
}
