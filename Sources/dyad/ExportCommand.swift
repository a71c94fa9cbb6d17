import ArgumentParser
import DyadFormats
import DyadLexicon
import DyadStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the store: GDELT 2.0 Events, Mentions or GKG files, or CSV/JSONL.",
        discussion: """
            --gdelt events|mentions|gkg writes GDELT 2.0 files as real ones are laid out: tab \
            separated, no header, 61 (events), 16 (mentions) or 27 (GKG) columns, named \
            TIMESTAMP.export.CSV, TIMESTAMP.mentions.CSV, TIMESTAMP.gkg.csv. --format csv|jsonl \
            writes events, mentions and articles of the whole store. Without --out, one table \
            goes to standard output (--gdelt's, or events for --format).

            Examples:
              dyad export --gdelt events --out gdelt/
              dyad export --gdelt mentions > mentions.tsv
              dyad export --format csv --out tables/
            """
    )

    enum GDELTTable: String, ExpressibleByArgument, CaseIterable { case events, mentions, gkg }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @OptionGroup var store: StoreArguments
    @Option(help: "A GDELT 2.0 table: events, mentions or gkg.") var gdelt: GDELTTable?
    @Option(help: "csv or jsonl: events, mentions and articles.") var format: Format?
    @Option(help: "A folder for the files (created when missing); default: standard output.") var out: String?

    func validate() throws {
        if (gdelt == nil) == (format == nil) { throw ValidationError("give either --gdelt events|mentions|gkg or --format csv|jsonl") }
    }

    func run() throws {
        let store = try self.store.open(create: false)
        defer { store.close() }
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw InputFailure(description: "cannot create \(out): \(error.localizedDescription)")
            }
        }
        let stamp = DyadStore.StoreDate.timestamp()
        if let gdelt {
            let name: String
            switch gdelt {
            case .events: name = "\(stamp).export.CSV"
            case .mentions: name = "\(stamp).mentions.CSV"
            case .gkg: name = "\(stamp).gkg.csv"
            }
            let sink = try Sink(folder: out, name: name)
            switch gdelt {
            case .events:
                let writer = try gdeltWriter()
                try storeCall { try store.forEachEvent { sink.line(EventStore.gdeltEventRow($0, writer: writer)) } }
            case .mentions:
                try storeCall { try store.forEachMention { sink.line(EventStore.gdeltMentionRow($0)) } }
            case .gkg:
                try storeCall { try store.forEachGKGRow { sink.line($0) } }
            }
            try sink.close()
            return
        }
        let csv = format == .csv
        let tables = out == nil ? ["events"] : ["events", "mentions", "articles"]
        for table in tables {
            let sink = try Sink(folder: out, name: "\(table).\(csv ? "csv" : "jsonl")")
            switch table {
            case "events":
                if csv { sink.line(CSVWriter.line(EventStore.eventCSVHeader)) }
                try storeCall { try store.forEachEvent { sink.line(csv ? CSVWriter.line(EventStore.eventCSVFields($0)) : EventStore.eventJSON($0)) } }
            case "mentions":
                if csv { sink.line(CSVWriter.line(EventStore.mentionCSVHeader)) }
                try storeCall { try store.forEachMention { sink.line(csv ? CSVWriter.line(EventStore.mentionCSVFields($0)) : EventStore.mentionJSON($0)) } }
            default:
                if csv { sink.line(CSVWriter.line(EventStore.articleCSVHeader)) }
                try storeCall { try store.forEachArticle { sink.line(csv ? CSVWriter.line(EventStore.articleCSVFields($0)) : EventStore.articleJSON($0)) } }
            }
            try sink.close()
        }
    }

    /// The Events writer splits actor codes with the lexicon's country, group and type codes.
    func gdeltWriter() throws -> GDELTEventWriter {
        let lexicon: Lexicon
        do { lexicon = try Lexicon.bundled() } catch { throw InternalFailure(description: "cannot load the lexicon: \(error)") }
        return GDELTEventWriter(countryCodes: lexicon.countryCodes, knownGroupCodes: lexicon.knownGroupCodes, typeCodes: lexicon.agentTypes)
    }
}

/// Lines to a file in a folder, or to standard output; buffered either way.
final class Sink {
    private let output: StandardOutput?
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    let path: String?

    init(folder: String?, name: String) throws {
        if let folder {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw InputFailure(description: "cannot write \(path)")
            }
            self.path = path
            self.handle = handle
            output = nil
        } else {
            path = nil
            handle = nil
            output = StandardOutput()
        }
    }

    func line(_ text: String) {
        if let output { output.writeLine(text); return }
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { drain() }
    }

    private func drain() {
        handle?.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        output?.flush()
        drain()
        try handle?.close()
        if let path { Diagnostics.note("dyad export: wrote \(path)") }
    }
}
