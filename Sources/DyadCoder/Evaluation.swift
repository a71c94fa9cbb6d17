import DyadCore
import Foundation

/// A gold event as the gold files write it (see `eval/FORMAT.md` in the shared folder).
public struct GoldEvent: Sendable {
    public enum Actor: Sendable {
        case any
        case code(String)
        case text(String)
    }

    public var source: Actor
    public var target: Actor
    /// Acceptable codes: two digits accept the root, three the base code, four the code alone.
    public var codes: [String]
    public var required: Bool
    public var note: String?
}

/// A gold document: its text, date and the events a careful coder found in it.
public struct GoldDocument: Sendable {
    public var id: String
    public var text: String
    public var date: String?
    public var events: [GoldEvent]

    /// Parses one line of a gold file.
    public init(jsonLine: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any] else {
            throw EvaluationError(message: "not a JSON object")
        }
        guard let id = object["id"].map({ "\($0)" }), let text = object["text"] as? String else {
            throw EvaluationError(message: "a gold record needs \"id\" and \"text\"")
        }
        self.id = id
        self.text = text
        self.date = object["date"] as? String
        self.events = (object["events"] as? [[String: Any]] ?? []).map { event in
            GoldEvent(
                source: Self.actor(event["source"]), target: Self.actor(event["target"]),
                codes: (event["cameo"] as? [Any] ?? []).map { "\($0)" },
                required: event["required"] as? Bool ?? true, note: event["note"] as? String
            )
        }
    }

    private static func actor(_ value: Any?) -> GoldEvent.Actor {
        if let code = value as? String { return .code(code) }
        if let object = value as? [String: Any], let text = object["text"] as? String { return .text(text) }
        return .any
    }
}

public struct EvaluationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Precision, recall and F1 with the rules of the reference scorer `score.py`.
public struct Scores: Sendable, Equatable {
    public var requiredMatched = 0
    public var required = 0
    public var predictedMatched = 0
    public var predicted = 0

    public init() {}

    public var precision: Double {
        predicted > 0 ? Double(predictedMatched) / Double(predicted) : (required == 0 ? 1 : 0)
    }
    public var recall: Double { required > 0 ? Double(requiredMatched) / Double(required) : 1 }
    public var f1: Double {
        let p = precision, r = recall
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}

/// Scores coded events against gold documents exactly as `score.py` does: per document, a
/// maximum matching that first matches as many required gold events as possible, then optional
/// ones; a coded event matched to any gold event counts for precision.
public struct EventScorer: Sendable {
    /// Codes that name a country (three letters) and known groups, to compare actors by what
    /// they name: `USAGOV` and `USA` agree.
    public let countries: Set<String>
    public let groups: Set<String>
    static let legacy = ["JAP": "JPN", "ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "BRM": "MMR", "GER": "DEU", "UK": "GBR", "SUD": "SDN"]
    static let stopWords: Set<String> = Set("the a an of and in on for to by with from at its his her their our senior top said".split(separator: " ").map(String.init))

    public init(countries: Set<String>, groups: Set<String>) {
        self.countries = countries.union(Self.legacy.values).union(["PSE", "SSD", "KSV", "XKX"])
        self.groups = groups
    }

    public enum Mode: String, CaseIterable, Sendable {
        case full = "full", codeOnly = "code only", dyadOnly = "dyad only"
        var usesCode: Bool { self != .dyadOnly }
        var usesActors: Bool { self != .codeOnly }
    }

    /// The country or known group a code names, or its first three letters.
    public func actorKey(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        let upper = code.uppercased().replacingOccurrences(of: " ", with: "")
        var parts: [String] = []
        var index = upper.startIndex
        while index < upper.endIndex {
            let next = upper.index(index, offsetBy: 3, limitedBy: upper.endIndex) ?? upper.endIndex
            let part = String(upper[index..<next])
            parts.append(Self.legacy[part] ?? part)
            index = next
        }
        if let group = parts.first(where: { groups.contains($0) && !countries.contains($0) }) { return group }
        if let country = parts.first(where: { countries.contains($0) }) { return country }
        return parts.first
    }

    static func contentWords(_ text: String) -> Set<String> {
        var words = Set<String>()
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                if !stopWords.contains(current) { words.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty, !stopWords.contains(current) { words.insert(current) }
        return words
    }

    func actorMatches(_ gold: GoldEvent.Actor, _ predicted: EventActor?) -> Bool {
        switch gold {
        case .any: return true
        case .code(let code):
            guard let predicted else { return false }
            return actorKey(code) == actorKey(predicted.code)
        case .text(let text):
            guard let predicted else { return false }
            return !Self.contentWords(text).isDisjoint(with: Self.contentWords(predicted.text))
        }
    }

    static func codeMatches(_ golds: [String], _ predicted: String) -> Bool {
        golds.contains { gold in
            if gold.count == 2 || gold.count == 3 { return predicted.hasPrefix(gold) && predicted.count >= gold.count }
            return predicted == gold
        }
    }

    /// The matching for one document: which coded event each gold event took (or nil).
    public func match(gold: [GoldEvent], predicted: [Event], mode: Mode) -> (requiredMatched: Int, used: [Bool]) {
        let candidates: [[Int]] = gold.map { event in
            predicted.indices.filter { index in
                let coded = predicted[index]
                if mode.usesCode && !Self.codeMatches(event.codes, coded.code) { return false }
                if mode.usesActors && !(actorMatches(event.source, coded.source) && actorMatches(event.target, coded.target)) { return false }
                return true
            }
        }
        var owner = [Int?](repeating: nil, count: predicted.count)
        func augment(_ goldIndex: Int, _ seen: inout Set<Int>) -> Bool {
            for candidate in candidates[goldIndex] where !seen.contains(candidate) {
                seen.insert(candidate)
                if owner[candidate] == nil || augment(owner[candidate]!, &seen) {
                    owner[candidate] = goldIndex
                    return true
                }
            }
            return false
        }
        var matched = 0
        for index in gold.indices where gold[index].required {
            var seen = Set<Int>()
            if augment(index, &seen) { matched += 1 }
        }
        for index in gold.indices where !gold[index].required {
            var seen = Set<Int>()
            _ = augment(index, &seen)
        }
        return (matched, owner.map { $0 != nil })
    }

    /// Adds one document's counts to the running scores of every mode.
    public func add(gold: [GoldEvent], predicted: [Event], to scores: inout [Mode: Scores]) {
        let required = gold.filter(\.required).count
        for mode in Mode.allCases {
            let (matched, used) = match(gold: gold, predicted: predicted, mode: mode)
            scores[mode, default: Scores()].requiredMatched += matched
            scores[mode, default: Scores()].required += required
            scores[mode, default: Scores()].predictedMatched += used.filter { $0 }.count
            scores[mode, default: Scores()].predicted += predicted.count
        }
    }
}
