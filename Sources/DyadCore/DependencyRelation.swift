/// A Universal Dependencies relation (CoNLL-U column 8), with the subtypes English treebanks use.
///
/// Raw values are for memory only: parser models store relations by name, so cases may be
/// added anywhere. A label that is not listed is read as its universal part ("nmod:foo" as
/// `nmod`), and one whose universal part is unknown as `dep`.
public enum DependencyRelation: UInt8, CaseIterable, Sendable, Hashable, Codable {
    case root
    // Core arguments.
    case nsubj, nsubjPass, nsubjOuter, obj, iobj, csubj, csubjPass, csubjOuter, ccomp, xcomp
    // Non-core dependents of a predicate.
    case obl, oblAgent, oblUnmarked, oblTmod, oblNpmod
    case vocative, expl, dislocated, advcl, advclRelcl, advmod, discourse
    case aux, auxPass, cop, mark
    // Dependents of nominals.
    case nmod, nmodPoss, nmodUnmarked, nmodDesc, nmodTmod, nmodNpmod
    case appos, nummod, acl, aclRelcl, amod, det, detPredet, clf, `case`
    // Coordination, words that form one unit, loose joins, other.
    case conj, cc, ccPreconj, fixed, flat, flatForeign, compound, compoundPrt
    case list, parataxis, orphan, goeswith, reparandum, punct, dep

    /// The label as written in CoNLL-U ("nsubj:pass").
    public var name: String { Self.names[Int(rawValue)] }

    /// The universal relation without its subtype (`nsubj` for `nsubj:pass`).
    public var universal: DependencyRelation { Self.universals[Int(rawValue)] }

    private static let names: [String] = [
        "root",
        "nsubj", "nsubj:pass", "nsubj:outer", "obj", "iobj", "csubj", "csubj:pass", "csubj:outer", "ccomp", "xcomp",
        "obl", "obl:agent", "obl:unmarked", "obl:tmod", "obl:npmod",
        "vocative", "expl", "dislocated", "advcl", "advcl:relcl", "advmod", "discourse",
        "aux", "aux:pass", "cop", "mark",
        "nmod", "nmod:poss", "nmod:unmarked", "nmod:desc", "nmod:tmod", "nmod:npmod",
        "appos", "nummod", "acl", "acl:relcl", "amod", "det", "det:predet", "clf", "case",
        "conj", "cc", "cc:preconj", "fixed", "flat", "flat:foreign", "compound", "compound:prt",
        "list", "parataxis", "orphan", "goeswith", "reparandum", "punct", "dep",
    ]

    private static let byName: [String: DependencyRelation] = {
        var table: [String: DependencyRelation] = [:]
        for relation in allCases { table[relation.name] = relation }
        return table
    }()

    private static let universals: [DependencyRelation] = allCases.map { relation in
        guard let colon = relation.name.firstIndex(of: ":") else { return relation }
        return byName[String(relation.name[..<colon])] ?? .dep
    }

    /// The relation named exactly so; nil for anything else.
    public init?(exactly name: some StringProtocol) {
        guard let relation = Self.byName[String(name)] else { return nil }
        self = relation
    }

    /// The relation a CoNLL-U label stands for: the label itself when listed, else its
    /// universal part, else `dep`. Nil only for an empty label or `_`.
    public init?(label: some StringProtocol) {
        let label = String(label)
        if label.isEmpty || label == "_" { return nil }
        if let relation = Self.byName[label] {
            self = relation
        } else if let colon = label.firstIndex(of: ":"), let relation = Self.byName[String(label[..<colon])] {
            self = relation
        } else {
            self = .dep
        }
    }

    /// Subjects of any kind: nominal or clausal, active or passive.
    public var isSubject: Bool {
        switch self {
        case .nsubj, .nsubjPass, .nsubjOuter, .csubj, .csubjPass, .csubjOuter: true
        default: false
        }
    }

    /// Passive subjects (`nsubj:pass`, `csubj:pass`).
    public var isPassiveSubject: Bool { self == .nsubjPass || self == .csubjPass }

    /// Obliques, any subtype.
    public var isOblique: Bool { universal == .obl }

    /// Nominal modifiers, any subtype.
    public var isNominalModifier: Bool { universal == .nmod }
}
