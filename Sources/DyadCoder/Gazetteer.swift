import DyadCore
import Foundation

/// The places Dyad knows, loaded once from `Resources/gazetteer.tsv` (built by
/// `scripts/build-gazetteer.py`) into flat arrays and a hash index over lowercased names.
///
/// Lookups hash token bytes directly, so recognition never builds strings for candidate names;
/// resolution reads `facts`, which hold an entry's codes as numbers, so it compares no strings.
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

    /// An entry as place resolution compares it: plain numbers, so scoring a candidate copies,
    /// retains and hashes no string.
    public struct Facts: Sendable {
        public var kind: Kind
        /// The country code as its rank among the gazetteer's country codes: equal codes have
        /// equal ranks, and ranks sort as the codes do.
        public var country: Int32
        /// The ADM1 code as its rank among the gazetteer's ADM1 codes (the empty code included).
        public var adm1: Int32
        public var hasAdm1: Bool
        /// The type is `capital`.
        public var isCapital: Bool
        /// The country code is `US`.
        public var isInUS: Bool
        public var latitude: Float
        public var longitude: Float
        public var population: Int32
        /// The entry of its country (`countries[country]`), or -1.
        public var countryEntry: Int32
    }

    /// One name of an entry: whether it is the main name, an alternate, or a demonym.
    public struct NameRef: Sendable, Hashable {
        public var entry: Int32
        public var isAlternate: Bool
        public var isDemonym: Bool
    }

    public let entries: [Entry]
    /// `entries` as resolution compares them, in the same order.
    public let facts: [Facts]
    /// Name key -> position in `refLists`; a key of 0 (`HashIndex`'s empty mark) is kept aside.
    private let index: HashIndex
    private let refLists: [[NameRef]]
    private let zeroKeyRefs: [NameRef]
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
        self = bytes.withUnsafeBufferPointer { Gazetteer(tsv: $0) }
    }

    /// Every `dyad code` run reads the whole file before its first place (35,000 lines, 200,000
    /// names), so the parse works on the raw bytes: one field list reused for every line, and
    /// numbers read from their bytes rather than through a String each.
    private init(tsv bytes: UnsafeBufferPointer<UInt8>) {
        var entries: [Entry] = []
        var index = HashIndex(minimumCapacity: 200_000)
        var refLists: [[NameRef]] = []
        var zeroKeyRefs: [NameRef] = []
        var countries: [String: Int32] = [:]
        var maxWords = 1
        entries.reserveCapacity(36_000)
        refLists.reserveCapacity(200_000)
        var fields: [Range<Int>] = []
        fields.reserveCapacity(16)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart || bytes[lineStart] == 0x23 { continue }  // blank or comment
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for position in lineStart...lineEnd where position == lineEnd || bytes[position] == 0x09 {
                fields.append(fieldStart..<position)
                fieldStart = position + 1
            }
            guard fields.count >= 12 else { continue }
            func text(_ field: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[field]]), as: UTF8.self) }
            let type = text(0)
            let kind: Kind = switch type {
            case "country": .country
            case "adm1": .adm1
            case "city", "capital": .city
            default: .feature
            }
            let number = Int32(entries.count)
            let entry = Entry(
                kind: kind, type: type, geonameID: Self.integer(bytes, fields[1]) ?? 0, name: text(2),
                latitude: Self.float(bytes, fields[3]) ?? .nan, longitude: Self.float(bytes, fields[4]) ?? .nan,
                country: text(5), fips: text(6), adm1: text(7), adm1Name: text(8),
                population: Self.integer(bytes, fields[9]) ?? 0)
            entries.append(entry)
            if kind == .country { countries[entry.country] = number }
            func add(_ range: Range<Int>, alternate: Bool, demonym: Bool) {
                let (key, words) = Gazetteer.key(UnsafeBufferPointer(rebasing: bytes[range]))
                guard words > 0 else { return }
                maxWords = max(maxWords, words)
                let ref = NameRef(entry: number, isAlternate: alternate, isDemonym: demonym)
                guard key != 0 else { return Self.addOnce(ref, to: &zeroKeyRefs) }
                var position = index.find(key)
                if position < 0 {
                    position = Int32(refLists.count)
                    index.set(key, position)
                    refLists.append([])
                }
                // The entry's names may repeat.
                Self.addOnce(ref, to: &refLists[Int(position)])
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
        self.refLists = refLists
        self.zeroKeyRefs = zeroKeyRefs
        self.countries = countries
        self.maxNameWords = min(maxWords, 6)
        self.facts = Self.facts(of: entries, countries: countries)
    }

    private static func facts(of entries: [Entry], countries: [String: Int32]) -> [Facts] {
        /// Each distinct code's rank in sorted order.
        func ranks(_ codes: some Sequence<String>) -> [String: Int32] {
            Dictionary(uniqueKeysWithValues: Set(codes).sorted().enumerated().map { ($0.element, Int32($0.offset)) })
        }
        let countryRanks = ranks(entries.lazy.map(\.country))
        let adm1Ranks = ranks(entries.lazy.map(\.adm1))
        return entries.map { entry in
            Facts(kind: entry.kind, country: countryRanks[entry.country]!, adm1: adm1Ranks[entry.adm1]!,
                  hasAdm1: !entry.adm1.isEmpty, isCapital: entry.type == "capital", isInUS: entry.country == "US",
                  latitude: entry.latitude, longitude: entry.longitude, population: entry.population,
                  countryEntry: countries[entry.country] ?? -1)
        }
    }

    private static func addOnce(_ ref: NameRef, to refs: inout [NameRef]) {
        if refs.contains(where: { $0.entry == ref.entry && $0.isDemonym == ref.isDemonym }) { return }
        refs.append(ref)
    }

    /// A decimal integer field (an optional sign, then digits only), as `Int32(String)` reads it.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int32? {
        var position = field.lowerBound
        var negative = false
        if position < field.upperBound, bytes[position] == 0x2D || bytes[position] == 0x2B {
            negative = bytes[position] == 0x2D
            position += 1
        }
        guard position < field.upperBound else { return nil }
        var value: Int64 = 0
        while position < field.upperBound {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            guard value <= Int64(Int32.max) + 1 else { return nil }
            position += 1
        }
        return Int32(exactly: negative ? -value : value)
    }

    /// A float field as `Float(String)` reads it. A plain decimal of at most 7 digits, 10 of
    /// them after the point (the file's coordinates), is `m / 10^k` with both exact in a Float,
    /// so one division rounds it correctly: the value `Float(String)` gives. Anything else goes
    /// through `Float(String)` itself.
    static func float(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Float? {
        let digits = UnsafeBufferPointer(rebasing: bytes[field])
        guard !digits.isEmpty else { return nil }
        var position = 0
        let negative = digits[0] == 0x2D
        if negative { position = 1 }
        var mantissa: Int32 = 0
        var digitCount = 0
        var significant = 0
        var decimals = -1
        var exact = position < digits.count
        while exact, position < digits.count {
            let byte = digits[position]
            position += 1
            if byte == 0x2E, decimals < 0 {
                decimals = 0
                continue
            }
            let digit = byte &- 0x30
            guard digit < 10 else { exact = false; break }
            mantissa = mantissa * 10 + Int32(digit)
            digitCount += 1
            if mantissa > 0 { significant += 1 }
            if decimals >= 0 { decimals += 1 }
            if significant > 7 || decimals > 10 { exact = false }
        }
        // "." and "5." are left to Float(String), which decides what they mean.
        if exact, digitCount > 0, decimals != 0 {
            let value = Float(mantissa) / Self.powersOfTen[max(decimals, 0)]
            return negative ? -value : value
        }
        return Float(String(decoding: digits, as: UTF8.self))
    }

    private static let powersOfTen: [Float] = (0...10).map { Float(pow(10.0, Double($0))) }

    /// Names and demonyms spelled this way (any case), or none.
    public func lookup(_ key: UInt64) -> [NameRef] {
        guard key != 0 else { return zeroKeyRefs }
        let position = index.find(key)
        return position >= 0 ? refLists[Int(position)] : []
    }

    /// Names of a string, for tests and callers outside the hot path.
    public func lookup(_ name: String) -> [NameRef] {
        lookup(Array(name.utf8).withUnsafeBufferPointer { Gazetteer.key($0).key })
    }

    /// Number of distinct spellings indexed.
    public var nameCount: Int { refLists.count + (zeroKeyRefs.isEmpty ? 0 : 1) }

    /// A name's hash key: ASCII letters lowercased, a leading "the " dropped, runs of spaces as one.
    /// Returns the number of words too.
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: UInt64, words: Int) {
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
        let countryEntry = facts[entryIndex].countryEntry
        return Place(
            name: entry.name, type: type ?? entry.type,
            latitude: entry.latitude.isNaN ? nil : Gazetteer.decimal(entry.latitude),
            longitude: entry.longitude.isNaN ? nil : Gazetteer.decimal(entry.longitude),
            country: entry.country.isEmpty ? nil : entry.country,
            fipsCountry: entry.fips.isEmpty ? nil : entry.fips,
            adm1: entry.adm1.isEmpty ? nil : entry.adm1,
            adm1Name: entry.adm1Name.isEmpty ? nil : entry.adm1Name,
            countryName: countryEntry >= 0 ? entries[Int(countryEntry)].name : nil,
            geonameID: entry.geonameID == 0 ? nil : Int(entry.geonameID),
            text: text, start: start, end: end)
    }
}

extension Gazetteer {
    /// A stored Float back to the four decimals the file gave, so output prints 41.0138, not 41.01380157.
    static func decimal(_ value: Float) -> Double { (Double(value) * 10_000).rounded() / 10_000 }
}
