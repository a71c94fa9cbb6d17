/// The abbreviations list (Resources/abbreviations.txt), split into its sections.
struct TokenizerAbbreviations: Sendable {
    /// Abbreviations after which the sentence always goes on ("Mr.", "No.", "e.g.").
    let continuing: TokenizerWordSet
    /// Abbreviations that may end a sentence ("Inc.", "U.S.", "Jan.").
    let mayEnd: TokenizerWordSet
    /// Both sections: every entry keeps its period in the token.
    let all: TokenizerWordSet

    static let shared = TokenizerAbbreviations(lines: DyadTextResources.lines(of: "abbreviations.txt"))

    init(lines: [String]) {
        var continuing: [String] = []
        var mayEnd: [String] = []
        var inMayEnd = false
        for line in lines {
            switch line {
            case "[continue]": inMayEnd = false
            case "[may-end]": inMayEnd = true
            default:
                if inMayEnd { mayEnd.append(line) } else { continuing.append(line) }
            }
        }
        self.continuing = TokenizerWordSet(continuing)
        self.mayEnd = TokenizerWordSet(mayEnd)
        self.all = TokenizerWordSet(continuing + mayEnd)
    }
}
