/// The abbreviations list (Resources/abbreviations.txt), split into its sections.
struct AbbreviationList: Sendable {
    /// Abbreviations after which the sentence always goes on ("Mr.", "No.", "e.g.").
    let continuing: ByteStringSet
    /// Abbreviations that may end a sentence ("Inc.", "U.S.", "Jan.").
    let mayEnd: ByteStringSet
    /// Both sections: every entry keeps its period in the token.
    let all: ByteStringSet

    static let shared = AbbreviationList(lines: DyadTextResources.lines(of: "abbreviations.txt"))

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
        self.continuing = ByteStringSet(continuing)
        self.mayEnd = ByteStringSet(mayEnd)
        self.all = ByteStringSet(continuing + mayEnd)
    }
}
