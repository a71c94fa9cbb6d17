/// A value bound to a query or read from a row: the few types both SQLite and PostgreSQL store
/// the same way, so every query in this module runs unchanged on either.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }
    public init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
    public init(_ value: Bool) { self = .int(value ? 1 : 0) }

    public var string: String? {
        switch self {
        case .null: return nil
        case .text(let text): return text
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        }
    }

    public var int: Int? {
        switch self {
        case .int(let value): return Int(value)
        case .double(let value): return value.isFinite ? Int(value) : nil
        case .text(let text): return Int(text)
        case .null: return nil
        }
    }

    public var int64: Int64? {
        switch self {
        case .int(let value): return value
        default: return int.map(Int64.init)
        }
    }

    public var double: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .text(let text): return Double(text)
        case .null: return nil
        }
    }
}

/// One result row, by column position.
public typealias SQLRow = [SQLValue]

extension Array where Element == SQLValue {
    func text(_ index: Int) -> String { index < count ? self[index].string ?? "" : "" }
    func optionalText(_ index: Int) -> String? {
        guard index < count, let value = self[index].string, !value.isEmpty else { return nil }
        return value
    }
    func integer(_ index: Int) -> Int { index < count ? self[index].int ?? 0 : 0 }
    func real(_ index: Int) -> Double { index < count ? self[index].double ?? 0 : 0 }
}
