import DyadLexicon

/// How a lexicon's actors and patterns are read: by Dyad's conventions, or as TABARI and
/// PETRARCH read their dictionaries. One value the coder's parts consult, instead of asking
/// which kind of lexicon they have at every turn; each property names the convention it decides.
struct CodingDialect: Sendable {
    // Actors.
    /// Agents inside a longer agent count too: "main opposition group" is MOP and, as
    /// "opposition group", OPP (PETRARCH).
    var nestedAgents: Bool
    /// Actors are combined by PETRARCH's rules of compound codes and alternatives (`A/B`).
    var petrarchActorCodes: Bool
    /// "neither A nor B boycotted": "nor" joins actors too.
    var norJoinsActors: Bool

    // Patterns.
    /// Pattern words match lemmas ("sanction" matches "sanctions"); TABARI/PETRARCH words are
    /// the forms written.
    var patternsMatchLemmas: Bool
    /// Patterns reach over the rest of the sentence, clauses the verb governs included
    /// (TABARI/PETRARCH), instead of stopping at the verb's clause.
    var patternsReachSentenceEnd: Bool
    /// A closing attribution (", police said") ends the clauses patterns are matched in.
    var stopsAtAttribution: Bool
    /// A verb is read as passive only when a "by" phrase names the doer (TABARI/PETRARCH: "was
    /// criticized over its dispute with X" codes the subject as the source).
    var passiveNeedsAgentPhrase: Bool
    /// A pattern without a target slot takes the first actor after the verb in the rest of the
    /// sentence, past later verbs (TABARI/PETRARCH).
    var targetFromRestOfSentence: Bool
    /// Several sources with no target meet or agree with each other, whatever the code
    /// (PETRARCH); otherwise only for consultation, cooperation and agreement (03-05).
    var everyCodeReciprocal: Bool
    /// A phrasal verb ("kicks off", "broke down") fits only patterns that name its particle;
    /// TABARI/PETRARCH read it as its verb ("broken down relations" is BREAK's own code).
    var phrasalVerbsNeedTheirParticle: Bool

    // Dyad's clause rules and code conventions.
    /// The subject comes from the dependency parse where it names one.
    var subjectsFromParse: Bool
    /// Background verbs code nothing: gerunds after prepositions, participles describing a
    /// noun, passive relatives on objects, doerless passives in scene-setting clauses.
    var backgroundRules: Bool
    /// A purpose clause adds no event but names the target of the act it serves ("opened fire
    /// to disperse demonstrators").
    var purposeTargets: Bool
    /// "Russia said Sudan must return ...": a statement that someone must act is a demand on them.
    var reportedDemands: Bool
    /// Intention, threat and refusal change the code (CAMEO 03x, 13x, 12x); TABARI/PETRARCH
    /// dictionaries write such codes themselves (`WILL *`, `REFUSE TO *`).
    var adjustsCodes: Bool
    /// When the act after a control verb names no event, the control verb's own pattern
    /// ("refuse", "agree", "threaten") may.
    var controlVerbPatterns: Bool
    /// "will not accept": a refusal in words is CAMEO 12.
    var refusalsInWords: Bool
    /// An act with no target takes the target of a sibling act of the same source.
    var sharedTargets: Bool
    /// One event per source, target and code in a sentence; none of a country on itself.
    var oneEventPerInteraction: Bool
    /// Killings and attacks are conventional force (19x) when a state's forces do them and
    /// unconventional violence (18x) otherwise.
    var forceByAgent: Bool
    /// An object the lexicon does not know is still the act's target, kept by its words with an
    /// empty code ("condemned the legislation", "an investigation into Boztepe"), and the weapon
    /// of an attack whose doer is unnamed is its source's words ("a car bomb killed"), as PLOVER
    /// coders keep them; TABARI/PETRARCH code no actor then.
    var keepsUnknownActorWords: Bool

    /// Dyad's own lexicon.
    static let dyad = CodingDialect(
        nestedAgents: false, petrarchActorCodes: false, norJoinsActors: false,
        patternsMatchLemmas: true, patternsReachSentenceEnd: false, stopsAtAttribution: true,
        passiveNeedsAgentPhrase: false, targetFromRestOfSentence: false, everyCodeReciprocal: false,
        phrasalVerbsNeedTheirParticle: true, subjectsFromParse: true, backgroundRules: true, purposeTargets: true, reportedDemands: true, adjustsCodes: true,
        controlVerbPatterns: true, refusalsInWords: true, sharedTargets: true, oneEventPerInteraction: true,
        forceByAgent: true, keepsUnknownActorWords: true)

    /// TABARI/PETRARCH dictionaries, read as those coders read them.
    static let petrarch = CodingDialect(
        nestedAgents: true, petrarchActorCodes: true, norJoinsActors: true,
        patternsMatchLemmas: false, patternsReachSentenceEnd: true, stopsAtAttribution: false,
        passiveNeedsAgentPhrase: true, targetFromRestOfSentence: true, everyCodeReciprocal: true,
        phrasalVerbsNeedTheirParticle: false, subjectsFromParse: false, backgroundRules: false, purposeTargets: false, reportedDemands: false, adjustsCodes: false,
        controlVerbPatterns: false, refusalsInWords: false, sharedTargets: false, oneEventPerInteraction: false,
        forceByAgent: false, keepsUnknownActorWords: false)

    /// The dialect of a lexicon.
    init(_ style: Lexicon.CodeStyle) {
        switch style {
        case .dyad: self = .dyad
        case .petrarch: self = .petrarch
        }
    }

    private init(
        nestedAgents: Bool, petrarchActorCodes: Bool, norJoinsActors: Bool, patternsMatchLemmas: Bool,
        patternsReachSentenceEnd: Bool, stopsAtAttribution: Bool, passiveNeedsAgentPhrase: Bool,
        targetFromRestOfSentence: Bool, everyCodeReciprocal: Bool, phrasalVerbsNeedTheirParticle: Bool, subjectsFromParse: Bool, backgroundRules: Bool, purposeTargets: Bool,
        reportedDemands: Bool, adjustsCodes: Bool, controlVerbPatterns: Bool, refusalsInWords: Bool,
        sharedTargets: Bool, oneEventPerInteraction: Bool, forceByAgent: Bool, keepsUnknownActorWords: Bool
    ) {
        self.keepsUnknownActorWords = keepsUnknownActorWords
        self.phrasalVerbsNeedTheirParticle = phrasalVerbsNeedTheirParticle
        self.nestedAgents = nestedAgents
        self.petrarchActorCodes = petrarchActorCodes
        self.norJoinsActors = norJoinsActors
        self.patternsMatchLemmas = patternsMatchLemmas
        self.patternsReachSentenceEnd = patternsReachSentenceEnd
        self.stopsAtAttribution = stopsAtAttribution
        self.passiveNeedsAgentPhrase = passiveNeedsAgentPhrase
        self.targetFromRestOfSentence = targetFromRestOfSentence
        self.everyCodeReciprocal = everyCodeReciprocal
        self.subjectsFromParse = subjectsFromParse
        self.backgroundRules = backgroundRules
        self.purposeTargets = purposeTargets
        self.reportedDemands = reportedDemands
        self.adjustsCodes = adjustsCodes
        self.controlVerbPatterns = controlVerbPatterns
        self.refusalsInWords = refusalsInWords
        self.sharedTargets = sharedTargets
        self.oneEventPerInteraction = oneEventPerInteraction
        self.forceByAgent = forceByAgent
    }
}
