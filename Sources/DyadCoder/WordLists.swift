import DyadCore
import Foundation

/// Small word lists read from a data file ("category: word, word"), kept as hashed keys so
/// recognizers compare token bytes without building strings.
public struct WordLists: Sendable {
    private var tables: [String: KeyTable] = [:]
    /// The words of each category, for tables joining several.
    private var keys: [String: [UInt64]] = [:]

    /// Parses the text of a list file; a category may carry a number ("month 3: march").
    public init(text: String) {
        var categories: [String: [UInt64: Int]] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop(while: { $0 == " " })
            guard !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            let head = trimmed[..<colon].split(separator: " ")
            guard let name = head.first else { continue }
            let value = head.count > 1 ? Int(head[1]) ?? 0 : 0
            for word in trimmed[trimmed.index(after: colon)...].split(separator: ",") {
                let word = word.trimmingCharacters(in: .whitespaces)
                guard !word.isEmpty else { continue }
                var hasher = KeyHasher()
                for byte in word.utf8 { hasher.add(byte) }
                // The first listing wins, so "earlier" keeps the value it was first given.
                if categories[String(name), default: [:]][hasher.value] == nil {
                    categories[String(name), default: [:]][hasher.value] = value
                }
            }
        }
        tables = categories.mapValues(KeyTable.init)
        keys = categories.mapValues { Array($0.keys) }
    }

    /// Loads a list file bundled with DyadCoder; empty when it is missing.
    public static func bundled(_ name: String) -> WordLists {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return WordLists(text: "") }
        return WordLists(text: text)
    }

    /// The value of a word in a category (its number, or 0), or nil when it is not listed.
    public func value(_ category: String, _ key: UInt64) -> Int? { tables[category]?[key] }

    public func contains(_ category: String, _ key: UInt64) -> Bool { tables[category]?[key] != nil }

    /// The category's table, for lookups in a loop.
    public func table(_ category: String) -> KeyTable { tables[category] ?? KeyTable([:]) }

    /// Every word of any of `categories` (each with value 0): one lookup says whether a word
    /// is in any of them.
    public func table(anyOf categories: [String]) -> KeyTable {
        var union: [UInt64: Int] = [:]
        for category in categories {
            for key in keys[category] ?? [] { union[key] = 0 }
        }
        return KeyTable(union)
    }
}

/// Hashed word keys to values, for the recognizers' per-token lookups: a `HashIndex`, which
/// finds the keys without hashing them again (`Dictionary` runs a seeded SipHash on every
/// lookup, which showed in profiles of short documents).
public struct KeyTable: Sendable {
    /// Key -> position in `values` (values may be negative: "yesterday" is day -1).
    private var index: HashIndex
    private var values: [Int] = []
    /// `HashIndex` marks empty slots with 0; a word whose hash is 0 is kept aside.
    private var zeroValue: Int?

    public init(_ entries: [UInt64: Int]) {
        index = HashIndex(minimumCapacity: entries.count)
        for (key, value) in entries {
            if key == 0 {
                zeroValue = value
            } else {
                index.set(key, Int32(values.count))
                values.append(value)
            }
        }
    }

    /// The value of `key`, or nil when it is not in the table.
    public subscript(key: UInt64) -> Int? {
        guard key != 0 else { return zeroValue }
        let position = index.find(key)
        return position >= 0 ? values[Int(position)] : nil
    }
}

/// Byte-level helpers over a document's tokens.
struct TokenBytes {
    let bytes: [UInt8]

    /// Lowercased hash of a token's bytes.
    func key(_ range: Range<Int>) -> UInt64 {
        var hasher = KeyHasher()
        for index in range { hasher.add(bytes[index]) }
        return hasher.value
    }

    /// True when the token starts with an uppercase letter (ASCII, or a non-ASCII letter,
    /// which in English news is nearly always a name).
    func isCapitalized(_ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        let byte = bytes[first]
        return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0xC3 && byte <= 0xC5)
    }

    /// True when the token has a lowercase ASCII letter (so "CBC" is an acronym, not a first name).
    func hasLowercase(_ range: Range<Int>) -> Bool {
        range.contains { bytes[$0] >= 0x61 && bytes[$0] <= 0x7A }
    }

    /// The token's digits as a number, when it is all digits (at most 9).
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
