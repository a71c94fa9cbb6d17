import DyadCore
import DyadLexicon

/// How intention, threat and refusal change an act's CAMEO code: the rules are data
/// (`code-adjustments.txt`, `Lexicon.codeAdjustments`); here is when each kind applies.
extension SentenceCoder {
    /// Refusing to do what a code names is CAMEO 12 (reject): "refused to meet" 125; nil for
    /// statements and appeals ("declined to comment" is no rejection) and for acts that are
    /// not cooperative.
    func refusalCode(for code: String) -> String? {
        lexicon.codeAdjustments.adjusted(code, .refuse)
    }

    /// Intentions and threats are their own CAMEO codes: "expected to hold talks" is 036 (intend
    /// to meet), "will provide aid" 033, "threatened to attack" 138.
    func adjustedCode(_ code: String, features: VerbFeatures) -> String {
        // TABARI/PETRARCH dictionaries say the code themselves (`WILL *`, `REFUSE TO *`).
        if !dialect.adjustsCodes { return code }
        if let control = features.control, ClauseWords.refusalVerbs.contains(control), !features.negated {
            return refusalCode(for: code) ?? code
        }
        guard features.modality == .intended, !features.negated, let root = Int(code.prefix(2)) else { return code }
        // "offered to send troops to help", "pledged to deploy peacekeepers": a show of force
        // offered is protection promised, not a threat.
        if root == 15, let control = features.control, ClauseWords.offerVerbs.contains(control), !features.conditional {
            return lexicon.codeAdjustments.adjusted(code, .intend) ?? code
        }
        // "said he would send 30,000 troops to Afghanistan": a deployment announced is planned,
        // not threatened; only a threat verb or a condition makes it a threat.
        if root == 15, features.control == nil, !features.conditional { return code }
        // A conflictual act announced, planned or threatened is a threat (CAMEO 13) of that act;
        // any act made a condition of ("unless ...") is a threat at least (130).
        if features.control == "threaten" || features.conditional || root >= 14 {
            return lexicon.codeAdjustments.adjusted(code, .threaten) ?? (features.conditional ? "130" : code)
        }
        return lexicon.codeAdjustments.adjusted(code, .intend) ?? code
    }
}
