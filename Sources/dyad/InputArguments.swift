import ArgumentParser
import DyadCore
import DyadText

/// Options every command that reads articles shares.
struct InputArguments: ParsableArguments {
    @Argument(help: "A text, JSONL, JSON or CSV file, a folder of .txt files, or - for standard input.")
    var input: String = "-"

    @Option(name: .customLong("input-format"), help: "text, jsonl, csv or folder (default: from the file name).")
    var format: InputFormat?

    @Option(help: "CSV: the column holding the article text; JSON: the field (default: text, else body, content, sentence ...).")
    var textColumn: String?

    @Option(help: "CSV or JSON: the column or field holding the article id (default: file name and row number).")
    var idColumn: String?

    @Option(help: "CSV or JSON: the column or field holding the publication date.")
    var dateColumn: String?

    @Option(help: "CSV or JSON: the column or field holding the title.")
    var titleColumn: String?

    @Option(help: ArgumentHelp(
        "The publication date of articles the input dates not (YYYY-MM-DD): relative dates (\"on Friday\") resolve against it.",
        valueName: "date"))
    var date: String?

    @Flag(help: "Plain text: one article per file, do not split articles that run together.")
    var noSegment = false

    @Flag(help: "Stop at the first bad record instead of reporting it and going on.")
    var strict = false

    var options: InputOptions {
        var options = InputOptions()
        options.format = format
        options.csv.text = textColumn ?? "text"
        options.csv.id = idColumn
        options.csv.date = dateColumn
        options.csv.title = titleColumn
        options.segment = !noSegment
        return options
    }

    /// Calls `body` with every article in input order. Bad records are reported on standard
    /// error with their line and skipped (or stop everything with `--strict`); the result says
    /// whether any were seen, so the command can exit with 2 after finishing the rest.
    func validate() throws {
        if let date, CivilDate(iso: date) == nil {
            throw ValidationError("--date must be a day as YYYY-MM-DD, not '\(date)'")
        }
    }

    func forEachRecord(_ body: (InputRecord) throws -> Void) throws -> InputSummary {
        let reader: InputReader
        do {
            reader = try InputReader(path: input, options: options)
        } catch {
            throw InputFailure(description: "\(error)")
        }
        var summary = InputSummary()
        for result in reader {
            switch result {
            case .success(var record):
                summary.records += 1
                if record.metadata.date == nil, let date { record.metadata.date = date }
                try body(record)
            case .failure(let problem):
                summary.problems += 1
                if strict { throw InputFailure(description: problem.description) }
                Diagnostics.error(problem.description)
            }
        }
        let statistics = reader.statistics
        summary.repairedUTF8 = statistics.repairedUTF8Sequences
        if summary.repairedUTF8 > 0 {
            // In a folder, the files that needed it.
            var whereRepaired = input
            if let only = statistics.repairedUTF8Files.first, statistics.repairedUTF8FileCount == 1 {
                whereRepaired = only
            } else if statistics.repairedUTF8FileCount > 1 {
                let more = statistics.repairedUTF8FileCount - statistics.repairedUTF8Files.count
                whereRepaired += " (\(statistics.repairedUTF8FileCount) files: " + statistics.repairedUTF8Files.joined(separator: ", ")
                    + (more > 0 ? " and \(more) more)" : ")")
            }
            Diagnostics.warning("\(whereRepaired): repaired \(summary.repairedUTF8) invalid UTF-8 sequence(s) with U+FFFD")
        }
        return summary
    }
}

extension InputFormat: ExpressibleByArgument {}

/// What reading the input came to.
struct InputSummary {
    var records = 0
    var problems = 0
    var repairedUTF8 = 0

    /// Throws so the command exits with 2 after its output when some records were bad.
    func finish() throws {
        if problems > 0 {
            throw ExitCode(DyadExit.inputErrors)
        }
    }
}
