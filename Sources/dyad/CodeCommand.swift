import Foundation
import ArgumentParser
import DyadCoder
import DyadCore
import DyadFormats
import DyadLexicon
import DyadNLP
import DyadText

struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Code CAMEO events from news text: who did what to whom, with evidence.",
        discussion: """
            Reads articles (text, JSONL, CSV or a folder; - for standard input), runs the whole \
            pipeline and writes one event a line. Input JSONL ids become each event's doc; the \
            article date (JSONL "date", a CSV date column) dates the events and picks the \
            office holders of that day. A pure filter from standard input to standard output, \
            so batch engines can run it unchanged.

            Formats: jsonl (doc, sentence, source, target, cameo, root, quad, goldstein, plover, \
            date, place, evidence, rule ...), tsv (with a header), gdelt (the 61 columns of \
            GDELT 2.0 Events, no header).

            Examples:
              dyad code examples/news.txt
              dyad code --format gdelt feed.jsonl > events.tsv
              cat feed.jsonl | dyad code --input-format jsonl - > events.jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, tsv, gdelt }

    @Option(help: "Output format: jsonl, tsv or gdelt.")
    var format: Format = .jsonl

    @OptionGroup var coding: CoderArguments
    @OptionGroup var input: InputArguments

    @Option(parsing: .unconditional, help: "Worker threads (default: one per core). Output is the same for any number.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        // The tagger and the gazetteer load on threads of their own while the lexicon loads:
        // a run of a few documents is mostly these three loads.
        let loadingPipeline = BackgroundLoad { try coding.makePipeline() }
        let loadingLocator = BackgroundLoad { EventLocator() }
        let coder = try coding.makeCoder()
        let pipeline = try loadingPipeline.value()
        let locator = try loadingLocator.value()
        let gdelt = GDELTEventWriter(
            countryCodes: coder.lexicon.countryCodes,
            knownGroupCodes: coder.lexicon.knownGroupCodes,
            typeCodes: coder.lexicon.agentTypes
        )
        let output = StandardOutput()
        if format == .tsv { output.writeLine(EventTSV.header) }
        var events = 0
        let format = self.format
        // Workers write the lines too: output is a large share of the work on short documents.
        let runner = BatchRunner(threads: threads) { record -> (events: Int, lines: [UInt8]) in
            var document = pipeline.document(metadata: record.metadata, text: record.text)
            noteCutSentences(document)
            let coded = locator.codeAndLocate(&document, coder: coder)
            var lines: [UInt8] = []
            for event in coded {
                switch format {
                case .jsonl: EventJSONL.write(event, to: &lines)
                case .tsv: lines += EventTSV.line(event).utf8
                case .gdelt: lines += gdelt.row(event, url: record.metadata.url, isRootEvent: event.sentence == 0).utf8
                }
                lines.append(0x0A)
            }
            return (coded.count, lines)
        }
        let summary = try runner.run(input: input) { _, coded in
            events += coded.events
            output.write(bytes: coded.lines)
            try output.check()
        }
        try output.finish()
        Diagnostics.note("dyad code: \(summary.records) document(s), \(events) event(s)")
        // The process ends when this returns. Freeing the lexicon's and gazetteer's hundreds of
        // thousands of small objects one by one would take tens of milliseconds for nothing,
        // so they are left for the exit to reclaim (as compilers do with their ASTs).
        ProcessLifetime.keep((coder, pipeline, locator))
        try summary.finish()
    }
}

/// Values kept until the process exits, never freed piece by piece.
enum ProcessLifetime {
    private final class Kept<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}

/// A value computed on a background thread, waited for where it is needed.
final class BackgroundLoad<Value>: @unchecked Sendable {
    private var result: Result<Value, Error>? = nil
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            result = Result { try make() }
            done.signal()
        }
    }

    /// The value (or the error making it threw), once it is ready.
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
