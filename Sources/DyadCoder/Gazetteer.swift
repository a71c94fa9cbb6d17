import DyadCore
import Foundation

/// The places Dyad knows, loaded once from `Resources/gazetteer.tsv` (built by
/// `scripts/build-gazetteer.py`) into flat arrays and a hash index over lowercased names.
///
/// Lookups hash token bytes directly, so recognition never builds strings for candidate names.
public struct Gazetteer: Sendable {
    public enum Kind: UInt8, Sendable {
        case country, adm1, city, feature
    }

    public struct Entry: Sendable, Hashable {
        public var kind: Kind
        /// `country`, `adm1`, `city` or the feature type of the hand-written list.
        public var type: String
        public var geonameID: Int32
        public var name: String
        public var latitude: Float
        public var longitude: Float
        public var country: String
        public var fips: String
        public var adm1: String
        public var adm1Name: String
        public var population: Int32
    }

    /// One name of an entry: whether it is the main name, an alternate, or a demonym.
    public struct NameRef: Sendable, Hashable {
        public var entry: Int32
        public var isAlternate: Bool
        public var isDemonym: Bool
    }

    public let entries: [Entry]
    private let index: [UInt64: [NameRef]]
    /// Entry of each country by ISO code.
    public let countries: [String: Int32]
    /// Longest name in tokens (bounded so lookups stay cheap).
    public let maxNameWords: Int

    /// The bundled gazetteer, loaded on first use and shared by every thread.
    public static let shared: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else {
            return Gazetteer(tsv: [])
        }
        return Gazetteer(tsv: [UInt8](data))
    }()

    /// Parses the TSV: `kind id name lat lon iso2 fips adm1 adm1name population names demonyms`.
    public init(tsv bytes: [UInt8]) {
        var entries: [Entry] = []
        var index: [UInt64: [NameRef]] = [:]
        var countries: [String: Int32] = [:]
        var maxWords = 1
        entries.reserveCapacity(36_000)
        index.reserveCapacity(200_000)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart || bytes[lineStart] == 0x23 { continue }  // blank or comment
            var fields: [Range<Int>] = []
            var fieldStart = lineStart
            for position in lineStart...lineEnd where position == lineEnd || bytes[position] == 0x09 {
                fields.append(fieldStart..<position)
                fieldStart = position + 1
            }
            guard fields.count >= 12 else { continue }
            func text(_ field: Int) -> String { String(decoding: bytes[fields[field]], as: UTF8.self) }
            let type = text(0)
            let kind: Kind = switch type {
            case "country": .country
            case "adm1": .adm1
            case "city", "capital": .city
            default: .feature
            }
            let number = Int32(entries.count)
            let entry = Entry(
                kind: kind, type: type, geonameID: Int32(text(1)) ?? 0, name: text(2),
                latitude: Float(text(3)) ?? .nan, longitude: Float(text(4)) ?? .nan, country: text(5),
                fips: text(6), adm1: text(7), adm1Name: text(8), population: Int32(text(9)) ?? 0)
            entries.append(entry)
            if kind == .country { countries[entry.country] = number }
            func add(_ range: Range<Int>, alternate: Bool, demonym: Bool) {
                let (key, words) = Gazetteer.key(bytes[range])
                guard words > 0 else { return }
                maxWords = max(maxWords, words)
                let ref = NameRef(entry: number, isAlternate: alternate, isDemonym: demonym)
                if index[key]?.contains(where: { $0.entry == number && $0.isDemonym == demonym }) == true { return }
                index[key, default: []].append(ref)
            }
            add(fields[2], alternate: false, demonym: false)
            for (field, demonym) in [(10, false), (11, true)] {
                var start = fields[field].lowerBound
                for position in fields[field].lowerBound...fields[field].upperBound
                where position == fields[field].upperBound || bytes[position] == 0x7C {
                    if position > start { add(start..<position, alternate: !demonym, demonym: demonym) }
                    start = position + 1
                }
            }
        }
        self.entries = entries
        self.index = index
        self.countries = countries
        self.maxNameWords = min(maxWords, 6)
    }

    /// Names and demonyms spelled this way (any case), or none.
    public func lookup(_ key: UInt64) -> [NameRef] { index[key] ?? [] }

    /// Names of a string, for tests and callers outside the hot path.
    public func lookup(_ name: String) -> [NameRef] { lookup(Gazetteer.key(Array(name.utf8)[...]).key) }

    /// Number of distinct spellings indexed.
    public var nameCount: Int { index.count }

    /// A name's hash key: ASCII letters lowercased, a leading "the " dropped, runs of spaces as one.
    /// Returns the number of words too.
    static func key(_ bytes: ArraySlice<UInt8>) -> (key: UInt64, words: Int) {
        var hasher = KeyHasher()
        var start = bytes.startIndex
        // "the Arctic" and "Arctic" are one name.
        if bytes.count > 4, bytes[start] | 0x20 == 0x74, bytes[start + 1] | 0x20 == 0x68,
           bytes[start + 2] | 0x20 == 0x65, bytes[start + 3] == 0x20 {
            start += 4
        }
        var words = 0
        var inWord = false
        for byte in bytes[start...] {
            if byte == 0x20 {
                inWord = false
                continue
            }
            if !inWord {
                if words > 0 { hasher.add(0x20) }
                words += 1
                inWord = true
            }
            hasher.add(byte)
        }
        return (hasher.value, words)
    }

    /// The place value of an entry for a mention.
    public func place(_ entryIndex: Int, type: String? = nil, text: String, start: Int, end: Int) -> Place {
        let entry = entries[entryIndex]
        let countryEntry = countries[entry.country].map { entries[Int($0)] }
        return Place(
            name: entry.name, type: type ?? entry.type,
            latitude: entry.latitude.isNaN ? nil : Gazetteer.decimal(entry.latitude),
            longitude: entry.longitude.isNaN ? nil : Gazetteer.decimal(entry.longitude),
            country: entry.country.isEmpty ? nil : entry.country,
            fipsCountry: entry.fips.isEmpty ? nil : entry.fips,
            adm1: entry.adm1.isEmpty ? nil : entry.adm1,
            adm1Name: entry.adm1Name.isEmpty ? nil : entry.adm1Name,
            countryName: countryEntry?.name,
            geonameID: entry.geonameID == 0 ? nil : Int(entry.geonameID),
            text: text, start: start, end: end)
    }
}

extension Gazetteer {
    /// A stored Float back to the four decimals the file gave, so output prints 41.0138, not 41.01380157.
    static func decimal(_ value: Float) -> Double { (Double(value) * 10_000).rounded() / 10_000 }
}
