/// Closed-class words the clause rules read. They are English grammar, not lexicon data: the
/// rules themselves mean nothing without them, and a lexicon swap must not remove them.
enum ClauseWords {
    static let negations: Set<String> = ["not", "n't", "never", "no"]
    static let hypotheticalModals: Set<String> = ["could", "might", "may", "would", "should", "can", "must"]
    static let futureModals: Set<String> = ["will", "shall", "'ll"]
    /// Forms of "be" and "get" that make a passive with a past participle.
    static let passiveAuxiliaries: Set<String> = [
        "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "get", "gets", "got", "gotten", "getting",
    ]
    /// Verbs that put the verb after them ("expected to hold talks") into the future.
    static let intentVerbs: Set<String> = [
        "expect", "plan", "intend", "want", "seek", "hope", "aim", "prepare", "promise", "pledge", "vow",
        "agree", "offer", "decide", "set", "schedule", "propose", "try", "attempt", "wish", "look", "mean",
    ]
    static let threatVerbs: Set<String> = ["threaten"]
    /// Adjectives after "be" that announce an act: "is ready to send", "is prepared to impose".
    static let readinessAdjectives: Set<String> = ["ready", "prepared", "willing", "determined", "set", "poised", "due", "eager", "likely", "expected"]
    static let refusalVerbs: Set<String> = ["refuse", "decline", "fail"]
    /// Pronouns that stand for a person, resolved to the last person named.
    static let personalPronouns: Set<String> = ["he", "she", "him", "her"]
    static let pluralPronouns: Set<String> = ["they", "them"]
    static let relativePronouns: Set<String> = ["who", "which", "that", "whom"]
    static let clauseBreakers: Set<String> = [";", ":", "because", "although", "though", "while", "whereas", "if", "unless", "since", "after", "before", "when", "as"]
    static let coordinators: Set<String> = ["and", ",", "or", "as well as", "along with"]
    static let agentPreposition = "by"
    /// Words for days and times that news puts right after a name ("Israel on Monday", "Denmark today").
    static let timeWords: Set<String> = [
        "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "morning", "evening", "afternoon", "night", "week", "weekend", "month", "year",
    ]
    /// How many words may stand between two words of a pattern.
    static let maxPatternGap = 4
    /// Agent types that wield a state's force: their violence is CAMEO 19, anyone else's 18.
    static let stateForces: Set<String> = ["MIL", "GOV", "SPY", "PKO"]
    /// Verbs whose object noun carries the event: "held talks", "staged drills", "launched an attack".
    static let lightVerbs: Set<String> = [
        "hold", "stage", "conduct", "carry", "launch", "make", "take", "give", "have", "begin", "start", "resume",
        "sign", "reach", "continue", "organize", "organise", "mount", "wage", "open", "call", "announce",
        "issue", "lodge", "file", "deliver", "extend", "offer", "express", "voice", "perform", "undertake",
        "pay", "host", "join", "lead", "plan", "order", "approve", "declare",
    ]
    /// Verbs that report speech; with an obligation in their clause they make a demand.
    static let speechVerbs: Set<String> = ["say", "declare", "insist", "state", "add", "stress", "reiterate", "tell", "write", "announce", "assert"]
    /// Prepositions after which a gerund names an act talked about ("accused of spying").
    static let gerundPrepositions: Set<String> = ["of", "with", "for", "about", "over", "against", "from", "by", "without"]
    /// Words that open a clause setting the scene for the main one ("where", "after").
    static let sceneSetters: Set<String> = ["where", "which", "when", "after", "before", "since", "as", "while", "whereby"]
    static let obligations: Set<String> = ["must", "should", "ought"]
}
