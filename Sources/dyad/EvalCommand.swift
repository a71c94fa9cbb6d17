import ArgumentParser
import DyadCoder
import DyadCore
import DyadFormats
import DyadLexicon
import DyadNLP
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Code a gold file's texts and score the events against its gold events.",
        discussion: """
            GOLD is JSONL as in eval/FORMAT.md: {"id", "text", "date"?, "events": [...]}. Scores \
            precision, recall and F1 three ways (full: code and actors; code only; dyad only) \
            with the rules of the reference scorer score.py, and gives the same numbers.

            Examples:
              dyad eval ../shared/eval/seed.gold.jsonl
              dyad eval ../shared/eval/plover-gsr.dev.jsonl --errors 20
              dyad eval ../shared/eval/seed.gold.jsonl --predictions seed.events.jsonl
            """
    )

    @Argument(help: "The gold file.")
    var gold: String

    @Option(help: "List this many documents with misses or extra events.")
    var errors: Int = 0

    @Flag(help: "Print the scores as one JSON object.")
    var json = false

    @Option(help: "Also write the coded events as JSONL to this file (for score.py).")
    var predictions: String?

    @OptionGroup var coding: CoderArguments

    func run() throws {
        let text = try readWholeInput(gold)
        var documents: [GoldDocument] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                documents.append(try GoldDocument(jsonLine: String(line)))
            } catch {
                throw InputFailure(description: "\(gold):\(number + 1): \(error)")
            }
        }
        let pipeline = try coding.makePipeline()
        let coder = try coding.makeCoder()
        let scorer = makeScorer(lexicon: coder.lexicon)
        // Coded exactly as `dyad code` codes, so that its scores are score.py's on `dyad code` output.
        let locator = EventLocator()
        var scores: [EventScorer.Mode: Scores] = [:]
        var predictionLines: [String] = []
        var errorReports: [String] = []
        for document in documents {
            var parsed = pipeline.document(metadata: .init(id: document.id, date: document.date), text: document.text)
            let events = locator.codeAndLocate(&parsed, coder: coder)
            predictionLines += events.map(EventJSONL.line)
            scorer.add(gold: document.events, predicted: events, to: &scores)
            let (matched, used) = scorer.match(gold: document.events, predicted: events, mode: .full)
            if errorReports.count < errors, matched < document.events.filter(\.required).count || used.contains(false) {
                errorReports.append(describe(document, events: events, used: used, scorer: scorer))
            }
        }
        if let predictions {
            try (predictionLines.joined(separator: "\n") + (predictionLines.isEmpty ? "" : "\n"))
                .write(toFile: predictions, atomically: true, encoding: .utf8)
        }
        for report in errorReports { print(report) }
        if json {
            var object = JSONObjectWriter()
            for mode in EventScorer.Mode.allCases {
                let score = scores[mode] ?? Scores()
                var inner = JSONObjectWriter()
                inner.add("precision", rounded(score.precision))
                inner.add("recall", rounded(score.recall))
                inner.add("f1", rounded(score.f1))
                inner.add("gold_required", score.required)
                inner.add("predicted", score.predicted)
                object.addRaw(name: mode.rawValue, json: inner.finished())
            }
            object.add("documents", documents.count)
            print(object.finished())
        } else {
            print("\(gold): \(documents.count) documents")
            for mode in EventScorer.Mode.allCases {
                let score = scores[mode] ?? Scores()
                print(String(format: "%-10@ precision %.4f  recall %.4f  F1 %.4f  (gold required %d, predicted %d)",
                             mode.rawValue, score.precision, score.recall, score.f1, score.required, score.predicted))
            }
        }
    }

    /// The scorer compares actors by the country or known group a code names. score.py reads
    /// those lists from `reference/cameo/` beside the gold folder; when it is there, so do we,
    /// so that the numbers agree exactly. Otherwise the lexicon's own lists stand in.
    private func makeScorer(lexicon: Lexicon) -> EventScorer {
        let reference = URL(fileURLWithPath: gold).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("reference/cameo")
        func codes(_ name: String) -> Set<String>? {
            guard let text = try? String(contentsOf: reference.appendingPathComponent(name), encoding: .utf8) else { return nil }
            return Set(text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).dropFirst().compactMap { line in
                let code = line.split(separator: "\t", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
                return code?.isEmpty == false ? code : nil
            })
        }
        if let countries = codes("CAMEO.country.txt"), let groups = codes("CAMEO.knowngroup.txt") {
            return EventScorer(countries: countries, groups: groups)
        }
        return EventScorer(countries: lexicon.countryCodes, groups: lexicon.knownGroupCodes)
    }

    private func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }

    private func describe(_ document: GoldDocument, events: [Event], used: [Bool], scorer: EventScorer) -> String {
        var lines = ["== \(document.id): \(document.text.prefix(160))"]
        for event in document.events {
            lines.append("  gold \(event.required ? "required" : "optional"): \(describe(event.source)) -> \(describe(event.target)) \(event.codes.joined(separator: "|"))\(event.note.map { "  (\($0))" } ?? "")")
        }
        for (index, event) in events.enumerated() {
            lines.append("  coded \(used[index] ? "match" : "EXTRA"): \(event.source?.code ?? "-") -> \(event.target?.code ?? "-") \(event.code)  [\(event.pattern) @ \(event.rule)]  \"\(event.trigger.text)\"")
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ actor: GoldEvent.Actor) -> String {
        switch actor {
        case .any: return "*"
        case .code(let code): return code
        case .text(let text): return "\"\(text)\""
        }
    }
}
