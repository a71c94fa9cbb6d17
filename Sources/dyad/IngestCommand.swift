import ArgumentParser
import DyadCoder
import DyadCore
import DyadNLP
import DyadStore
import DyadText
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Code articles and store their events, grouped across reports.",
        discussion: """
            Reads articles like `dyad code`, codes them and stores articles, sentences, actors, \
            events and mentions in the store named by --db (SQLite file, default dyad.db; or a \
            postgres:// URL). Each batch is one transaction: killing an ingest leaves whole \
            articles only, and running it again stores what is missing. An article whose text \
            is stored already is skipped and counted, so re-running a corpus adds nothing.

            Mentions of the same event (same source and target codes, same CAMEO base code, \
            dates at most --window days apart, same place where known) become one event with \
            NumMentions, NumSources and NumArticles.

            Examples:
              dyad ingest feed.jsonl
              dyad ingest --db postgres://dyad@localhost/dyad --window 1 articles/
              cat today.jsonl | dyad ingest --input-format jsonl -
            """
    )

    @OptionGroup var store: StoreArguments

    @Option(help: "Mentions at most this many days apart may report one event (0: the same day).")
    var window: Int = 0

    @Option(help: "Articles per transaction.")
    var batch: Int = 256

    @Flag(help: "No progress line, even on a terminal.")
    var quiet = false

    @OptionGroup var coding: CoderArguments
    @OptionGroup var input: InputArguments

    func validate() throws {
        guard window >= 0 else { throw ValidationError("--window takes 0 or more days") }
        guard batch >= 1 else { throw ValidationError("--batch takes 1 or more articles") }
    }

    func run() throws {
        let pipeline = try coding.makePipeline()
        let coder = try coding.makeCoder()
        let store = try self.store.open(create: true)
        defer { store.close() }
        let showProgress = !quiet && isatty(2) == 1
        // On a terminal, a first quick pass counts the articles so the progress line has an ETA.
        let expected: Int? = showProgress && input.input != "-" ? countRecords() : nil
        let run = try storeCall { try store.beginRun(input: input.input) }
        let rule = GroupingRule(windowDays: window)
        let started = Date()
        var total = BatchOutcome()
        var read = 0
        var pending: [InputRecord] = []
        var progress = ProgressLine(enabled: showProgress, expected: expected, started: started)

        func flush() throws {
            guard !pending.isEmpty else { return }
            let records = pending
            pending.removeAll(keepingCapacity: true)
            let hashes = records.map { ContentHash.of($0.text) }
            let known = try storeCall { try store.storedHashes(hashes) }
            let slots = ResultSlots<ArticleInput?>(count: records.count)
            let threads = min(ProcessInfo.processInfo.activeProcessorCount, records.count)
            DispatchQueue.concurrentPerform(iterations: max(1, threads)) { worker in
                var index = worker
                while index < records.count {
                    // Articles stored before are not coded again: re-runs cost only the reading.
                    slots.set(index, known.contains(hashes[index]) ? nil : Self.code(records[index], pipeline: pipeline, coder: coder))
                    index += max(1, threads)
                }
            }
            var articles: [ArticleInput] = []
            var skipped = 0
            for index in records.indices {
                if let article = slots.get(index) { articles.append(article) } else { skipped += 1 }
            }
            let outcome = try storeCall {
                try store.store(articles, run: run, read: records.count, skippedBefore: skipped, rule: rule)
            }
            read += records.count
            total += outcome
            progress.update(read: read, outcome: total)
        }

        let summary = try input.forEachRecord { record in
            pending.append(record)
            if pending.count >= batch { try flush() }
        }
        try flush()
        progress.finish()
        try storeCall { try store.finishRun(run) }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        Diagnostics.note(
            "dyad ingest: \(read) article(s) read, \(total.stored) stored, \(total.skipped) skipped (stored before); "
                + "\(total.sentences) sentence(s), \(total.mentions) mention(s), \(total.events) new event(s); "
                + String(format: "%.1f s, %.1f articles/s, %.1f sentences/s", seconds, Double(total.stored) / seconds,
                         Double(total.sentences) / seconds)
                + " -> \(store.location)"
        )
        try summary.finish()
    }

    /// Runs the pipeline on one article and keeps what the store needs.
    static func code(_ record: InputRecord, pipeline: TextPipeline, coder: EventCoder) -> ArticleInput {
        var document = pipeline.document(metadata: record.metadata, text: record.text)
        noteCutSentences(document)
        // Dates and places as `dyad code` gives them; the place also keys the grouping rule.
        let events = locator.codeAndLocate(&document, coder: coder)
        var input = ArticleInput(document: document, events: events)
        input.eventPlaces = events.map { $0.place?.name ?? "" }
        input.places = document.spans.places.map { (sentence: $0.sentence, place: $0.place) }
        return input
    }

    /// Built once: the gazetteer and word lists behind it are shared, immutable values.
    static let locator = EventLocator()

    /// Counts the records of the input without coding them; nil when that fails.
    func countRecords() -> Int? {
        guard let reader = try? InputReader(path: input.input, options: input.options) else { return nil }
        var count = 0
        for case .success in reader { count += 1 }
        return count
    }
}

/// The progress line on a terminal: articles, sentences, events, rate and ETA, rewritten in place.
struct ProgressLine {
    let enabled: Bool
    let expected: Int?
    let started: Date
    private var lastDraw = Date.distantPast

    init(enabled: Bool, expected: Int?, started: Date) {
        self.enabled = enabled
        self.expected = expected
        self.started = started
    }

    mutating func update(read: Int, outcome: BatchOutcome) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(read) / seconds
        var line = "\(read)"
        if let expected { line += "/\(expected)" }
        line += " articles (\(outcome.skipped) skipped), \(outcome.sentences) sentences, \(outcome.events) events, "
        line += String(format: "%.1f articles/s", rate)
        if let expected, rate > 0, expected > read {
            let left = Int(Double(expected - read) / rate)
            line += String(format: ", ETA %d:%02d", left / 60, left % 60)
        }
        writeStandardError("\r\u{1B}[K" + line)
    }

    func finish() {
        guard enabled else { return }
        writeStandardError("\r\u{1B}[K")
    }
}
