import Foundation
import GRDB

/// SQLite through GRDB: one file, WAL journal so readers never wait for an ingest, and a busy
/// timeout so two processes take turns instead of failing at once.
final class SQLiteBackend: StoreBackend {
    let dialect = SQLDialect.sqlite
    let path: String
    private let queue: DatabaseQueue

    init(path: String, create: Bool) throws {
        self.path = path
        if !create && path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.missing, "no store at \(path) (run `dyad ingest` first, or give --db)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "dyad"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // Reading a page proves this is a SQLite file before anything is written to it.
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                if path != ":memory:" {
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                // NORMAL is safe with WAL: a crash loses at most the last transactions, never consistency.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA foreign_keys = ON")
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func transaction<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteExecutor(db: db))
                    return .commit
                }
            }
            return result!
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in result = try body(SQLiteExecutor(db: db)) }
            return result!
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func close() { try? queue.close() }

    /// SQLite's result codes turned into messages a user can act on.
    static func storeError(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(.badStore, "\(path) is not a SQLite database or is corrupt (\(error.message ?? "unreadable"))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.locked, "\(path) is locked by another process; try again when it is done")
        case .SQLITE_CANTOPEN:
            return StoreError(.badStore, "cannot open \(path) (\(error.message ?? "no access"))")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.badStore, "\(path) is read-only")
        case .SQLITE_FULL, .SQLITE_IOERR:
            return StoreError(.badStore, "cannot write \(path): \(error.message ?? "input/output error")")
        default:
            return StoreError(.query, "\(path): \(error.message ?? "\(error)")")
        }
    }
}

struct SQLiteExecutor: SQLExecutor {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ values: [SQLValue]) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(values))
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(values))
        while let row = try cursor.next() {
            rows.append(row.databaseValues.map { value in
                switch value.storage {
                case .null: return .null
                case .int64(let number): return .int(number)
                case .double(let number): return .double(number)
                case .string(let text): return .text(text)
                case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
                }
            })
        }
        return rows
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: return .null
            case .int(let number): return number.databaseValue
            case .double(let number): return number.databaseValue
            case .text(let text): return text.databaseValue
            }
        })
    }
}
