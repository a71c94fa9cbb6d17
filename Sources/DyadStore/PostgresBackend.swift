#if PostgreSQL
import Foundation
import PostgresNIO

/// PostgreSQL through postgres-nio, driven synchronously: the command line does one thing at a
/// time on one connection, so each statement waits for its answer on the caller's thread.
final class PostgresBackend: StoreBackend {
    let dialect = SQLDialect.postgres
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private let display: String

    init(url: String) throws {
        display = StoreLocation.withoutPassword(url)
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw StoreError(.badStore, "cannot read the PostgreSQL URL \(display) (expected postgres://user:password@host:port/database)")
        }
        let user = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslMode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case "require", "verify-ca", "verify-full":
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer":
                tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                tls = .disable
            }
        } catch {
            throw StoreError(.connection, "cannot set up TLS for \(display): \(error)")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password, database: database.isEmpty ? nil : database, tls: tls
        )
        var logger = Logger(label: "dyad.store.postgres")
        logger.logLevel = .critical  // errors reach the user as StoreError, not as log lines
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            connection = try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw StoreError(.connection, "cannot connect to \(display): \(Self.message(error)) (is the server running, and the URL right?)")
        }
    }

    func transaction<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        let executor = PostgresExecutor(connection: connection, logger: logger, display: display)
        try executor.execute("BEGIN")
        do {
            let result = try body(executor)
            try executor.execute("COMMIT")
            return result
        } catch {
            try? executor.execute("ROLLBACK")
            throw error
        }
    }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try body(PostgresExecutor(connection: connection, logger: logger, display: display))
    }

    private var closed = false

    /// Closes once: a second shutdown of the event loop would wait forever.
    func close() {
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    deinit { close() }

    /// The server's own message when there is one; postgres-nio hides it from `description`.
    static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let server = error.serverInfo?[.message] { return server }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    let display: String
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ values: [SQLValue]) throws {
        _ = try run(sql, values)
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow] {
        try run(sql, values).rows.map { row in
            row.map { cell -> SQLValue in
                guard cell.bytes != nil else { return .null }
                switch cell.dataType {
                case .int2, .int4, .int8:
                    return (try? cell.decode(Int64.self)).map { .int($0) } ?? .null
                case .float4, .float8:
                    return (try? cell.decode(Double.self)).map { .double($0) } ?? .null
                case .numeric:
                    return (try? cell.decode(Decimal.self)).map { .double(NSDecimalNumber(decimal: $0).doubleValue) } ?? .null
                case .bool:
                    return (try? cell.decode(Bool.self)).map { .int($0 ? 1 : 0) } ?? .null
                default:
                    return (try? cell.decode(String.self)).map { .text($0) } ?? .null
                }
            }
        }
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .int(let number): binds.append(number)
            case .double(let number): binds.append(number)
            case .text(let text): binds.append(text)
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
        } catch {
            throw StoreError(.query, "\(display): \(PostgresBackend.message(error))")
        }
    }

    /// The module writes `?` placeholders; PostgreSQL numbers them (`$1`). Quoted text is left alone.
    static func numbered(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        return output
    }
}
#endif
