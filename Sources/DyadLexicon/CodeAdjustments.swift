/// How intention, threat and refusal change an act's CAMEO code ("will provide aid" is 033, not
/// 07; "threatened to impose sanctions" 1312; "refused to meet" 125), read from
/// `code-adjustments.txt`. The longest prefix of the act's code that has a rule wins.
public struct CodeAdjustments: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A stated or planned act: CAMEO 03.
        case intend
        /// A conflictual act threatened or announced: CAMEO 13.
        case threaten
        /// A cooperative act refused: CAMEO 12.
        case refuse
    }

    /// Rules of each kind: (code prefix, new code), longest prefix first.
    public private(set) var rules: [Kind: [Rule]] = [:]

    public struct Rule: Sendable, Equatable {
        public var prefix: String
        public var code: String
        public var source: LexiconSource
    }

    public init() {}

    /// The adjusted code of `code` for `kind`, or nil when no rule's prefix begins it.
    public func adjusted(_ code: String, _ kind: Kind) -> String? {
        rules[kind]?.first { code.hasPrefix($0.prefix) }?.code
    }

    mutating func add(_ kind: Kind, prefix: String, code: String, source: LexiconSource) {
        var list = rules[kind] ?? []
        list.append(Rule(prefix: prefix, code: code, source: source))
        // Longest prefix first; ties keep file order.
        list = list.enumerated().sorted { ($0.element.prefix.count, -$0.offset) > ($1.element.prefix.count, -$1.offset) }.map(\.element)
        rules[kind] = list
    }

    /// Every rule, kinds in declaration order, each kind's in the order `adjusted` tries them.
    public var allRules: [(kind: Kind, rule: Rule)] {
        Kind.allCases.flatMap { kind in (rules[kind] ?? []).map { (kind, $0) } }
    }
}
