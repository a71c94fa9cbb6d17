import Foundation

/// Closed-class words and verb classes the clause rules read, from `clause-words.txt` (bundled
/// with DyadCoder). They are English grammar, not lexicon data: the rules mean nothing without
/// them, and a lexicon swap must not remove them.
enum ClauseWords {
    /// Every class of the bundled file, read once.
    private static let classes: [String: Set<String>] = {
        guard let url = Bundle.module.url(forResource: "clause-words", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // A build without its resources cannot read clauses at all; say so rather than code nothing.
            preconditionFailure("DyadCoder's Resources/clause-words.txt is missing from the build")
        }
        return parse(text)
    }()

    /// Parses "class: word | word" lines; `#` starts a comment line.
    static func parse(_ text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            let name = String(trimmed[..<colon])
            let words = trimmed[trimmed.index(after: colon)...].split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            result[name, default: []].formUnion(words)
        }
        return result
    }

    private static func words(_ name: String) -> WordSet {
        guard let words = classes[name] else { preconditionFailure("clause-words.txt has no class '\(name)'") }
        return WordSet(words.sorted())
    }

    static let negations = words("negations")
    static let hypotheticalModals = words("hypotheticalModals")
    static let futureModals = words("futureModals")
    static let passiveAuxiliaries = words("passiveAuxiliaries")
    static let intentVerbs = words("intentVerbs")
    static let offerVerbs = words("offerVerbs")
    static let stativeParticiples = words("stativeParticiples")
    static let threatVerbs = words("threatVerbs")
    static let readinessAdjectives = words("readinessAdjectives")
    static let refusalVerbs = words("refusalVerbs")
    static let personalPronouns = words("personalPronouns")
    static let pluralPronouns = words("pluralPronouns")
    static let relativePronouns = words("relativePronouns")
    static let clauseBreakers = words("clauseBreakers")
    static let coordinators = words("coordinators")
    static let timeWords = words("timeWords")
    static let timeModifiers = words("timeModifiers")
    static let stateForces = words("stateForces")
    static let lightVerbs = words("lightVerbs")
    static let speechVerbs = words("speechVerbs")
    static let gerundPrepositions = words("gerundPrepositions")
    static let sceneSetters = words("sceneSetters")
    static let obligations = words("obligations")
    static let reportingVerbs = words("reportingVerbs")
    static let purposeNouns = words("purposeNouns")
    static let locativePrepositions = words("locativePrepositions")
    static let objectPrepositions = words("objectPrepositions")
    static let attachingPrepositions = words("attachingPrepositions")
    static let attackNouns = words("attackNouns")
    static let improvisedAttackNouns = words("improvisedAttackNouns")
    static let possessives = words("possessives")
    static let modals = words("modals")
    static let treebankAuxiliaries = words("treebankAuxiliaries")
    static let treebankSubordinators = words("treebankSubordinators")

    /// The preposition of a passive's doer ("was warned by").
    static let agentPreposition = "by"
    /// How many words may stand between two words of a pattern.
    static let maxPatternGap = 4
}
