import Foundation

/// The two SQL dialects the store speaks. Nearly all SQL is shared; the dialect decides column
/// types, placeholders and text search.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres
}

/// Runs statements inside an open transaction or read.
protocol SQLExecutor {
    var dialect: SQLDialect { get }
    func execute(_ sql: String, _ values: [SQLValue]) throws
    func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow]
}

extension SQLExecutor {
    func execute(_ sql: String) throws { try execute(sql, []) }
    func query(_ sql: String) throws -> [SQLRow] { try query(sql, []) }
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue {
        try query(sql, values).first?.first ?? .null
    }
}

/// A database connection the store owns for its lifetime.
protocol StoreBackend: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs `body` in one transaction: all of it is stored, or none of it.
    func transaction<T>(_ body: (any SQLExecutor) throws -> T) throws -> T
    /// Runs `body` for reading; no transaction is needed for a consistent single query.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T
    func close()
}

/// Everything that can go wrong with a store, phrased for the user.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case badStore, newerSchema, locked, connection, missing, query }
    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// Where a store lives: a SQLite file or a PostgreSQL URL, as `--db` gives it.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ argument: String) {
        if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
            self = .postgres(url: argument)
        } else {
            self = .sqlite(path: argument)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.withoutPassword(url)
        }
    }

    /// Never print a password in a message.
    static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
