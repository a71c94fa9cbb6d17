import Foundation

/// What CAMEO, GDELT and PLOVER say about one event code.
public struct CAMEOEventType: Sendable, Hashable {
    /// The code as a string, leading zeros kept ("010", "0874").
    public let code: String
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    public let quadClass: Int
    /// Goldstein conflict-cooperation score, -10 to +10, of the code (not of the instance).
    public let goldstein: Double
    /// PLOVER category (`ACCUSE`, `ASSAULT`); empty for statements, which PLOVER drops.
    public let ploverCategory: String
    /// PLOVER mode (`disapprove`, `arrest`), often empty.
    public let ploverMode: String
    /// PLOVER context (`diplomatic`, `military`), often empty.
    public let ploverContext: String
    public let description: String

    package init(code: String, quadClass: Int, goldstein: Double, ploverCategory: String, ploverMode: String,
                 ploverContext: String, description: String) {
        self.code = code
        self.quadClass = quadClass
        self.goldstein = goldstein
        self.ploverCategory = ploverCategory
        self.ploverMode = ploverMode
        self.ploverContext = ploverContext
        self.description = description
    }

    /// The first three characters ("112" for "1121").
    public var baseCode: String { String(code.prefix(3)) }
    /// The first two characters ("11" for "1121").
    public var rootCode: String { String(code.prefix(2)) }
}

/// The CAMEO event codebook, with Goldstein scores and the PLOVER mapping, from the bundled
/// table `cameo-events.tsv` (see `scripts/make-cameo-table.py`).
public struct CAMEOEventTable: Sendable {
    private let types: [String: CAMEOEventType]

    /// Every code, sorted.
    public var codes: [String] { types.keys.sorted() }

    public init(tsv: String) throws {
        var types: [String: CAMEOEventType] = [:]
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7, let quad = Int(fields[1]), let goldstein = Double(fields[2]) else {
                throw CAMEOTableError(line: number + 1, message: "expected 7 tab-separated fields")
            }
            types[fields[0]] = CAMEOEventType(
                code: fields[0], quadClass: quad, goldstein: goldstein, ploverCategory: fields[3],
                ploverMode: fields[4], ploverContext: fields[5], description: fields[6]
            )
        }
        self.types = types
    }

    /// A table of the given types (a lexicon snapshot stores the table its dictionaries extended);
    /// a later type with the code of an earlier one replaces it, as a later line does in `tsv`.
    package init(types: [CAMEOEventType]) {
        var byCode: [String: CAMEOEventType] = [:]
        byCode.reserveCapacity(types.count)
        for type in types { byCode[type.code] = type }
        self.types = byCode
    }

    /// The table shipped with Dyad.
    public static let standard: CAMEOEventTable = {
        guard let url = Bundle.module.url(forResource: "cameo-events", withExtension: "tsv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let table = try? CAMEOEventTable(tsv: text)
        else { fatalError("DyadCore's cameo-events.tsv is missing or damaged") }
        return table
    }()

    public subscript(code: String) -> CAMEOEventType? { types[code] }

    public func contains(_ code: String) -> Bool { types[code] != nil }

    /// The quad class GDELT 2.0 files carry: roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
    public static func quadClass(ofRoot root: Int) -> Int {
        root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4
    }
}

public struct CAMEOTableError: Error, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "cameo-events.tsv:\(line): \(message)" }
}
