import ArgumentParser
import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import DyadText
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the pipeline on a corpus: documents, sentences, tokens, events, MB/s, sentences/s, peak RSS.",
        discussion: """
            Reads the whole input first (not timed), then runs normalization, tokenization, \
            sentence splitting, tagging, chunking, parsing and event coding over every document \
            on all cores, and prints what it did and how fast. --no-code times the text pipeline \
            alone (tag and parse), --no-parse leaves the parser out. Build with -c release for \
            meaningful figures.

            Example:
              swift build -c release
              .build/release/dyad bench ../shared/corpora/news_articles_dataverse_gmfctr/NewsArticles.csv
              .build/release/dyad bench --dictionaries DIR sentences.jsonl   # with TABARI/PETRARCH dictionaries
            """
    )

    @OptionGroup var input: InputArguments

    @Option(help: "Run the corpus this many times (larger samples, steadier figures).")
    var repeats: Int = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: one per core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The lexicon or TABARI/PETRARCH dictionaries to code with, and the tagger model.
    @OptionGroup var coding: CoderArguments

    @Flag(help: "Stop after sentence splitting (no tagging, chunking or coding).")
    var noTag = false

    @Flag(help: "Stop after parsing (no event coding).")
    var noCode = false

    @Flag(help: "Do not parse (tag and chunk only).")
    var noParse = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var records: [(DocumentMetadata, String)] = []
        let readStart = Date()
        let summary = try input.forEachRecord { records.append(($0.metadata, $0.text)) }
        let readSeconds = Date().timeIntervalSince(readStart)
        let loadStart = Date()
        // Timing the text pipeline alone, it parses every sentence; coding, the coder parses the
        // sentences it reads roles from, as `dyad code` does.
        let pipeline = TextPipeline(
            tagger: noTag ? nil : try loadTagger(coding.model),
            parser: noTag || noParse || !noCode ? nil : try loadParser(coding.parserModel))
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let lexiconStart = Date()
        var chosenCoder: EventCoder? = noTag || noCode ? nil : try coding.makeCoder()
        if noParse { chosenCoder?.parser = nil }
        let coder = chosenCoder
        let lexiconSeconds = Date().timeIntervalSince(lexiconStart)

        let corpus = records
        let bytes = corpus.reduce(0) { $0 + $1.1.utf8.count } * repeats
        let counts = Counters(workers: threads)
        let workItems = corpus.count * repeats
        let start = Date()
        // Documents are independent; each worker takes every `threads`-th one.
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var sentences = 0, tokens = 0, events = 0
            var item = worker
            while item < workItems {
                let (metadata, text) = corpus[item % corpus.count]
                let document = pipeline.document(metadata: metadata, text: text)
                sentences += document.sentences.count
                tokens += document.tokens.count
                if let coder { events += coder.code(document).count }
                item += threads
            }
            counts.set(worker: worker, sentences: sentences, tokens: tokens, events: events)
        }
        let seconds = max(Date().timeIntervalSince(start), 1e-9)
        let (sentences, tokens, events) = counts.totals()

        let megabytes = Double(bytes) / 1_000_000
        let report = [
            ("documents", "\(workItems)"),
            ("sentences", "\(sentences)"),
            ("tokens", "\(tokens)"),
            ("events", coder == nil ? "not coded" : "\(events)"),
            ("megabytes", String(format: "%.2f", megabytes)),
            ("threads", "\(threads)"),
            ("read seconds", String(format: "%.3f", readSeconds)),
            ("model load seconds", String(format: "%.3f", loadSeconds)),
            ("lexicon load seconds", coder == nil ? "-" : String(format: "%.3f", lexiconSeconds)),
            ("pipeline seconds", String(format: "%.3f", seconds)),
            ("MB/s", String(format: "%.2f", megabytes / seconds)),
            ("documents/s", String(format: "%.0f", Double(workItems) / seconds)),
            ("sentences/s", String(format: "%.0f", Double(sentences) / seconds)),
            ("tokens/s", String(format: "%.0f", Double(tokens) / seconds)),
            ("peak RSS MB", peakResidentMegabytes().map { String(format: "%.1f", $0) } ?? "unknown"),
        ]
        for (name, value) in report {
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + value)
        }
        try summary.finish()
    }
}

/// Per-worker tallies, written once per worker, so no lock sits on the hot path.
private final class Counters: @unchecked Sendable {
    private var sentences: [Int]
    private var tokens: [Int]
    private var events: [Int]
    private let lock = NSLock()

    init(workers: Int) {
        sentences = Array(repeating: 0, count: workers)
        tokens = Array(repeating: 0, count: workers)
        events = Array(repeating: 0, count: workers)
    }

    func set(worker: Int, sentences: Int, tokens: Int, events: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.sentences[worker] = sentences
        self.tokens[worker] = tokens
        self.events[worker] = events
    }

    func totals() -> (Int, Int, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (sentences.reduce(0, +), tokens.reduce(0, +), events.reduce(0, +))
    }
}

/// The process's peak resident set (VmHWM in /proc/self/status), in megabytes.
func peakResidentMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes / 1024 }
    }
    return nil
}
