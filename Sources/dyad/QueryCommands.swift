import ArgumentParser
import DyadCore
import DyadFormats
import DyadStore
import Foundation

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List stored events (one event, many reports) with filters.",
        discussion: """
            Actors match a country code (USA) or a full code (USAGOV). --code takes a root (17), \
            base (172) or full (1721) CAMEO code. --text finds events whose evidence sentences \
            hold all the words (FTS5 on SQLite, text search on PostgreSQL).

            Examples:
              dyad events --source USA --target RUS
              dyad events --source USA --target RUS --either --quad 4 --since 2024-03-01
              dyad events --code 17 --text sanctions --format jsonl
            """
    )

    @OptionGroup var store: StoreArguments
    @Option(help: "Source actor: country or full code.") var source: String?
    @Option(help: "Target actor: country or full code.") var target: String?
    @Flag(help: "Either direction: source and target may be swapped.") var either = false
    @Option(help: "CAMEO code: root (17), base (172) or full (1721).") var code: String?
    @Option(help: "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.") var quad: Int?
    @Option(help: "First date, YYYY-MM-DD (or YYYY-MM).") var since: String?
    @Option(help: "Last date, YYYY-MM-DD (or YYYY-MM).") var until: String?
    @Option(help: "Place name (part of it).") var place: String?
    @Option(help: "Words that must all occur in an evidence sentence.") var text: String?
    @Option(help: "At most this many events.") var limit: Int?
    @Option(help: "table, jsonl or csv.") var format: QueryFormat = .table

    func validate() throws {
        try validateDateBound(since, "--since", partial: true)
        try validateDateBound(until, "--until", partial: true)
        if let quad, !(1...4).contains(quad) { throw ValidationError("--quad takes 1, 2, 3 or 4") }
        if let code, !((2...4).contains(code.count) && code.allSatisfy(\.isNumber)) {
            throw ValidationError("--code takes a CAMEO code of 2 to 4 digits (17, 172, 1721)")
        }
    }

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        var filter = EventFilter()
        filter.source = source
        filter.target = target
        filter.either = either
        filter.code = code
        filter.quad = quad
        filter.since = since
        filter.until = until
        filter.place = place
        filter.text = text
        filter.limit = limit
        let output = StandardOutput()
        // Events are written as they are read, a page at a time: memory does not grow with the answer.
        var table = TextTable(["id", "date", "source", "target", "cameo", "quad", "goldstein", "mentions", "sources", "articles",
                               "is_root", "evidence"], streamingAfter: 1000)
        if format == .csv { output.writeLine(CSVWriter.line(EventStore.eventCSVHeader)) }
        try storeCall {
            try store.forEachEvent(matching: filter) { e in
                switch format {
                case .jsonl:
                    output.writeLine(EventStore.eventJSON(e))
                case .csv:
                    output.writeLine(CSVWriter.line(EventStore.eventCSVFields(e)))
                case .table:
                    table.add([String(e.id), e.date, e.sourceCode, e.targetCode, e.code, String(e.quadClass), String(e.goldstein),
                               String(e.numMentions), String(e.numSources), String(e.numArticles), e.isRoot ? "1" : "0",
                               TextTable.shortened(e.evidence, 80)], to: output)
                }
                // A reader that has gone (`| head`) ends the run; a full disk fails it.
                try output.check()
            }
        }
        if format == .table { table.write(to: output) }
        try output.finish()
    }
}

struct RelationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relations",
        abstract: "How a dyad's relations moved: events per quad class, Goldstein sum and mean, top codes.",
        discussion: """
            Both directions, one row per period and direction (A>B, B>A). Quad classes: \
            q1 verbal cooperation, q2 material cooperation, q3 verbal conflict, q4 material conflict.

            Examples:
              dyad relations USA RUS
              dyad relations CHN PHL --by week --since 2024-01-01 --format csv
            """
    )

    @OptionGroup var store: StoreArguments
    @Argument(help: "First actor: country or full code.") var first: String
    @Argument(help: "Second actor: country or full code.") var second: String
    @Option(help: "day, week (from Monday) or month.") var by: Period = .month
    @Option(help: "First date, YYYY-MM-DD.") var since: String?
    @Option(help: "Last date, YYYY-MM-DD.") var until: String?
    @Option(help: "table, csv or jsonl.") var format: QueryFormat = .table

    enum Period: String, ExpressibleByArgument, CaseIterable { case day, week, month }

    func validate() throws {
        try validateDateBound(since, "--since", partial: false)
        try validateDateBound(until, "--until", partial: false)
    }

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        let kind = RelationPeriodKind(rawValue: by.rawValue) ?? .month
        let rows = try storeCall { try store.relations(first, second, by: kind, since: since, until: until) }
        let output = StandardOutput()
        let codes = { (row: RelationPeriod) in row.topCodes.map { "\($0.code):\($0.count)" }.joined(separator: " ") }
        switch format {
        case .table:
            var table = TextTable([by.rawValue, "direction", "events", "mentions", "q1", "q2", "q3", "q4", "goldstein", "mean", "top codes"])
            for row in rows {
                table.add([row.period, row.direction, String(row.events), String(row.mentions)] + row.quad.map(String.init)
                          + [String(row.goldsteinSum), String(row.goldsteinMean), codes(row)])
            }
            table.write(to: output)
        case .csv:
            output.writeLine(CSVWriter.line([by.rawValue, "direction", "events", "mentions", "q1", "q2", "q3", "q4",
                                              "goldstein_sum", "goldstein_mean", "top_codes"]))
            for row in rows {
                output.writeLine(CSVWriter.line([row.period, row.direction, String(row.events), String(row.mentions)]
                                                + row.quad.map(String.init) + [String(row.goldsteinSum), String(row.goldsteinMean), codes(row)]))
            }
        case .jsonl:
            for row in rows {
                var json = JSONObjectWriter()
                json.add("period", row.period)
                json.add("direction", row.direction)
                json.add("events", row.events)
                json.add("mentions", row.mentions)
                json.addRaw("quad", json: JSONObjectWriter.array(row.quad.map(String.init)))
                json.add("goldstein_sum", row.goldsteinSum)
                json.add("goldstein_mean", row.goldsteinMean)
                json.addRaw("top_codes", json: JSONObjectWriter.array(row.topCodes.map {
                    var code = JSONObjectWriter()
                    code.add("code", $0.code)
                    code.add("count", $0.count)
                    return code.finished()
                }))
                output.writeLine(json.finished())
            }
        }
        try output.finish()
    }
}

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "The actor codes in the store, most mentioned first.",
        discussion: """
            mentions: the phrases found with the code; events_as_source and events_as_target: the \
            grouped events it is the source or the target of (a phrase may take part in several).

            Example:
              dyad actors --limit 20
            """
    )

    @OptionGroup var store: StoreArguments
    @Option(help: "At most this many actors.") var limit: Int = 50
    @Option(help: "table, csv or jsonl.") var format: QueryFormat = .table

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        let actors = try storeCall { try store.actors(limit: limit) }
        let output = StandardOutput()
        // Mentions are the phrases found; the last two count grouped events, of which one phrase
        // may be the source or target of several.
        let header = ["code", "name", "mentions", "articles", "events_as_source", "events_as_target"]
        let rows = actors.map { [$0.code, $0.name, String($0.mentions), String($0.articles), String($0.asSource), String($0.asTarget)] }
        writeRows(header, rows, format: format, to: output)
        try output.finish()
    }
}

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "The outlets in the store (the input's source, else the URL's domain), most articles first.",
        discussion: "Example:\n  dyad sources"
    )

    @OptionGroup var store: StoreArguments
    @Option(help: "At most this many sources.") var limit: Int = 50
    @Option(help: "table, csv or jsonl.") var format: QueryFormat = .table

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        let sources = try storeCall { try store.sources(limit: limit) }
        let output = StandardOutput()
        let header = ["source", "articles", "sentences", "mentions", "first_date", "last_date"]
        let rows = sources.map { [$0.source.isEmpty ? "(unknown)" : $0.source, String($0.articles), String($0.sentences),
                                  String($0.mentions), $0.firstDate ?? "", $0.lastDate ?? ""] }
        writeRows(header, rows, format: format, to: output)
        try output.finish()
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find stored articles whose title or text hold all the words.",
        discussion: "Example:\n  dyad search \"ambassador expelled\""
    )

    @OptionGroup var store: StoreArguments
    @Argument(help: "The words to find.") var text: String
    @Option(help: "At most this many articles.") var limit: Int = 20
    @Option(help: "table, csv or jsonl.") var format: QueryFormat = .table

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        let articles = try storeCall { try store.searchArticles(text, limit: limit) }
        let output = StandardOutput()
        let header = ["doc", "date", "source", "title", "snippet"]
        let rows = articles.map { [$0.document, $0.date ?? "", $0.source, TextTable.shortened($0.title ?? "", 50),
                                   TextTable.shortened($0.snippet, format == .table ? 100 : 1000)] }
        writeRows(header, rows, format: format, to: output)
        try output.finish()
    }
}

/// Writes simple rows as a table, CSV (with a header) or JSONL (header names as keys).
func writeRows(_ header: [String], _ rows: [[String]], format: QueryFormat, to output: StandardOutput) {
    switch format {
    case .table:
        var table = TextTable(header)
        for row in rows { table.add(row) }
        table.write(to: output)
    case .csv:
        output.writeLine(CSVWriter.line(header))
        for row in rows { output.writeLine(CSVWriter.line(row)) }
    case .jsonl:
        for row in rows {
            var json = JSONObjectWriter()
            for (key, value) in zip(header, row) {
                if let number = Int(value), !value.hasPrefix("0") || value == "0" { json.add(name: key, number) } else { json.add(name: key, value) }
            }
            output.writeLine(json.finished())
        }
    }
}

/// Dates bound queries as dates, not as strings: "2017-13-45" and "yesterday" are refused
/// with what is accepted.
func validateDateBound(_ value: String?, _ option: String, partial: Bool) throws {
    guard let value else { return }
    let isDay = value.count == 10 && CivilDate(iso: value) != nil
    let isPartial = partial && (value.count == 7 || value.count == 4) && ISODate.normalize(value) == value
    guard isDay || isPartial else {
        throw ValidationError("\(option) takes a day as YYYY-MM-DD\(partial ? " (or a month YYYY-MM, a year YYYY)" : ""), not '\(value)'")
    }
}
