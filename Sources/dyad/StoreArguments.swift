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

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func write(to output: StandardOutput) {
        var widths = header.map { $0.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ")
        }
        output.writeLine(line(header))
        output.writeLine(line(widths.map { String(repeating: "-", count: $0) }))
        for row in rows { output.writeLine(line(row)) }
    }

    /// Cuts long cells (evidence sentences) for a terminal, marking the cut.
    static func shortened(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 3)) + "..."
    }
}
