import ArgumentParser
import DyadStore
import Foundation

/// `--db`, shared by every command that reads or writes the event store.
struct StoreArguments: ParsableArguments {
    @Option(help: "The store: a SQLite file or postgres://user:password@host:port/database (`ingest` creates a missing SQLite file; the other commands need one).")
    var db: String = "dyad.db"

    /// Opens the store; a missing, corrupt, locked or newer store is the user's input problem (exit 2).
    func open(create: Bool) throws -> EventStore {
        do {
            return try EventStore(StoreLocation(db), create: create)
        } catch let error as StoreError {
            throw InputFailure(description: error.description)
        }
    }
}

/// Runs a store operation and turns its errors into the command line's failures.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        switch error.kind {
        case .query: throw InternalFailure(description: error.description)
        default: throw InputFailure(description: error.description)
        }
    }
}

/// Output formats of the query commands.
enum QueryFormat: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

/// Aligned columns for a terminal: the header, a rule, then the rows; the last column is not padded.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Past this many rows, the widths are fixed and rows are written as they come.
    let streamingAfter: Int
    private var widths: [Int]? = nil

    init(_ header: [String], streamingAfter: Int = .max) {
        self.header = header
        self.streamingAfter = streamingAfter
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Adds a row, writing what is held once there are `streamingAfter` rows: the columns take
    /// the widths of the rows seen by then, and a longer cell later only pushes its line out.
    mutating func add(_ row: [String], to output: StandardOutput) {
        if let widths {
            output.writeLine(Self.line(row, widths))
            return
        }
        rows.append(row)
        if rows.count >= streamingAfter { write(to: output) }
    }

    /// Writes the header (once) and the rows held.
    mutating func write(to output: StandardOutput) {
        if widths == nil {
            var widths = header.map { $0.count }
            for row in rows {
                for (index, cell) in row.enumerated() where index < widths.count {
                    widths[index] = max(widths[index], cell.count)
                }
            }
            output.writeLine(Self.line(header, widths))
            output.writeLine(Self.line(widths.map { String(repeating: "-", count: $0) }, widths))
            self.widths = widths
        }
        for row in rows { output.writeLine(Self.line(row, widths!)) }
        rows.removeAll()
    }

    static func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 || index >= widths.count ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
        }.joined(separator: "  ")
    }

    /// Cuts long cells (evidence sentences) for a terminal, marking the cut.
    static func shortened(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 3)) + "..."
    }
}
