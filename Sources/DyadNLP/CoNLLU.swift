import DyadCore

/// Reading and writing CoNLL-U (Universal Dependencies) files, for training and evaluating the
/// tagger and the parser. Only what they need is interpreted (forms, UPOS, HEAD, DEPREL); every
/// line is kept as read, so a file read and written again comes out the same (apart from line
/// endings and a final newline).
public enum CoNLLU {
    /// One sentence: its `#` comment lines and its token lines.
    public struct Sentence: Sendable, Hashable {
        /// Comment lines with their leading `#` ("# text = ...").
        public var comments: [String]
        /// The 10 tab-separated columns of each token line, in file order. Multiword-token
        /// lines (`1-2`) and empty nodes (`1.1`) are kept as they are.
        public var rows: [[String]]
        /// 1-based line number of the first token line in the file it was read from (0 when
        /// not read from a file), for messages.
        public var firstRowLine: Int

        public init(comments: [String] = [], rows: [[String]] = [], firstRowLine: Int = 0) {
            self.comments = comments
            self.rows = rows
            self.firstRowLine = firstRowLine
        }

        public static func == (a: Sentence, b: Sentence) -> Bool { a.comments == b.comments && a.rows == b.rows }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(comments)
            hasher.combine(rows)
        }

        /// True for a syntactic word line: an integer ID, not a range or an empty node.
        public static func isWord(_ row: [String]) -> Bool {
            guard let id = row.first, !id.isEmpty else { return false }
            return id.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }

        /// The word lines (what the tagger tags).
        public var words: [[String]] { rows.filter(Self.isWord) }

        /// Words and their gold UPOS, for training. Nil if a word's UPOS is not one of the 17.
        public var taggedWords: [(word: String, tag: UPOS)]? {
            var result: [(word: String, tag: UPOS)] = []
            for row in rows where Self.isWord(row) {
                guard let tag = UPOS(name: row[3]) else { return nil }
                result.append((row[1], tag))
            }
            return result
        }

        /// The gold tree of the word lines: each word's head as a 0-based word number (-1 for the
        /// root) and its relation. Throws `ParseError` naming the line of a HEAD that is not a
        /// word number of the sentence, a missing DEPREL, a sentence without exactly one root,
        /// or a cycle.
        public func tree() throws -> (heads: [Int], relations: [DependencyRelation]) {
            var heads: [Int] = []
            var relations: [DependencyRelation] = []
            var lines: [Int] = []
            var idToIndex: [String: Int] = [:]
            for (offset, row) in rows.enumerated() where Self.isWord(row) {
                idToIndex[row[0]] = lines.count
                lines.append(firstRowLine + offset)
            }
            for (offset, row) in rows.enumerated() where Self.isWord(row) {
                let line = firstRowLine + offset
                let head: Int
                if row[6] == "0" {
                    head = -1
                } else if let index = idToIndex[row[6]] {
                    head = index
                } else {
                    throw ParseError(line: line, message: "HEAD '\(row[6])' is not a word of the sentence")
                }
                guard let relation = DependencyRelation(label: row[7]) else {
                    throw ParseError(line: line, message: "no DEPREL")
                }
                if (head == -1) != (relation == .root) {
                    throw ParseError(line: line, message: "HEAD \(row[6]) with DEPREL \(row[7])")
                }
                heads.append(head)
                relations.append(relation)
            }
            let roots = heads.indices.filter { heads[$0] == -1 }
            guard roots.count == 1 else {
                throw ParseError(line: lines.first ?? firstRowLine, message: "\(roots.count) roots, expected 1")
            }
            for start in heads.indices {
                var current = start, steps = 0
                while heads[current] >= 0 {
                    current = heads[current]
                    steps += 1
                    if steps > heads.count {
                        throw ParseError(line: lines[start], message: "a cycle of heads through word \(rows.filter(Self.isWord)[start][0])")
                    }
                }
            }
            return (heads, relations)
        }
    }

    /// A line that is not valid CoNLL-U.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        /// 1-based line number.
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses CoNLL-U text into sentences. Throws `ParseError` naming the line for a token line
    /// without 10 tab-separated columns or a comment after a sentence's first token line.
    public static func read(_ text: String) throws -> [Sentence] {
        var problems: [ParseError] = []
        let sentences = read(text, problems: &problems)
        if let first = problems.first { throw first }
        return sentences
    }

    /// Parses CoNLL-U text, reading past bad lines: a sentence with a malformed token line is
    /// left out and the line reported in `problems`; the other sentences are read.
    public static func read(_ text: String, problems: inout [ParseError]) -> [Sentence] {
        var sentences: [Sentence] = []
        var current = Sentence()
        var broken = false
        var lineNumber = 0
        func finish() {
            if !current.rows.isEmpty && !broken {
                sentences.append(current)
            } else if current.rows.isEmpty && !current.comments.isEmpty && !broken {
                problems.append(ParseError(line: lineNumber, message: "sentence has comments but no token lines"))
            }
            current = Sentence()
            broken = false
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty {
                if !current.rows.isEmpty || !current.comments.isEmpty || broken { finish() }
                continue
            }
            if line.hasPrefix("#") {
                if !current.rows.isEmpty && !broken {
                    problems.append(ParseError(line: lineNumber, message: "comment line inside a sentence's token lines"))
                    broken = true
                }
                current.comments.append(String(line))
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if broken { continue }
            guard columns.count == 10 else {
                problems.append(ParseError(line: lineNumber, message: "expected 10 tab-separated columns, found \(columns.count)"))
                broken = true
                continue
            }
            guard !columns[0].isEmpty else {
                problems.append(ParseError(line: lineNumber, message: "empty ID column"))
                broken = true
                continue
            }
            if current.rows.isEmpty { current.firstRowLine = lineNumber }
            current.rows.append(columns)
        }
        lineNumber += 1
        if !current.rows.isEmpty || broken {
            finish()
        } else if !current.comments.isEmpty {
            problems.append(ParseError(line: lineNumber - 1, message: "file ends with comments but no token lines"))
        }
        return sentences
    }

    /// Writes sentences as CoNLL-U: comments, token lines, and a blank line after each sentence.
    public static func write(_ sentences: [Sentence]) -> String {
        var out = ""
        for sentence in sentences {
            for comment in sentence.comments {
                out += comment
                out += "\n"
            }
            for row in sentence.rows {
                out += row.joined(separator: "\t")
                out += "\n"
            }
            out += "\n"
        }
        return out
    }

    /// Replaces column 4 (UPOS) of word lines with the tagger's prediction; keeps everything else
    /// (tokens, comments, multiword lines) as UDPipe does.
    public static func retag(_ sentences: [Sentence], with tagger: PerceptronTagger) -> [Sentence] {
        sentences.map { sentence in
            var sentence = sentence
            let wordRows = sentence.rows.indices.filter { Sentence.isWord(sentence.rows[$0]) }
            let tags = tagger.tag(wordRows.map { sentence.rows[$0][1] })
            for (row, tag) in zip(wordRows, tags) { sentence.rows[row][3] = tag.name }
            return sentence
        }
    }

    /// Fills HEAD and DEPREL (columns 7 and 8) of word lines with the parser's prediction from
    /// the words and their UPOS as the rows have them (retag first), and DEPS with `_`; keeps
    /// everything else, as UDPipe does.
    public static func reparse(_ sentences: [Sentence], with parser: DependencyParser) -> [Sentence] {
        sentences.map { sentence in
            var sentence = sentence
            let wordRows = sentence.rows.indices.filter { Sentence.isWord(sentence.rows[$0]) }
            guard !wordRows.isEmpty else { return sentence }
            let words = wordRows.map { sentence.rows[$0][1] }
            let tags = wordRows.map { UPOS(name: sentence.rows[$0][3]) ?? .X }
            let arcs = parser.parse(words: words, tags: tags)
            for (row, arc) in zip(wordRows, arcs) {
                sentence.rows[row][6] = arc.head.map { sentence.rows[wordRows[$0]][0] } ?? "0"
                sentence.rows[row][7] = arc.relation.name
                sentence.rows[row][8] = "_"
            }
            return sentence
        }
    }

    /// Unlabeled and labeled attachment over word lines, punctuation included (as the CoNLL 2018
    /// evaluation counts them); labels are compared by their universal part (`nsubj:pass` as
    /// `nsubj`), as that evaluation does, and in full. Sentences and word lines are paired in
    /// order; a missing one counts as wrong.
    public static func attachment(gold: [Sentence], predicted: [Sentence]) -> Attachment {
        var result = Attachment()
        for (index, goldSentence) in gold.enumerated() {
            let goldWords = goldSentence.words
            let predictedWords = index < predicted.count ? predicted[index].words : []
            result.total += goldWords.count
            for (g, p) in zip(goldWords, predictedWords) where g[6] == p[6] {
                result.unlabeled += 1
                let goldLabel = DependencyRelation(label: g[7]), predictedLabel = DependencyRelation(label: p[7])
                if goldLabel?.universal == predictedLabel?.universal { result.labeled += 1 }
                if g[7] == p[7] { result.labeledFull += 1 }
            }
        }
        return result
    }

    /// Attachment counts (see `attachment(gold:predicted:)`).
    public struct Attachment: Sendable, Equatable {
        public var total = 0
        /// Right head.
        public var unlabeled = 0
        /// Right head and universal relation.
        public var labeled = 0
        /// Right head and full relation with its subtype.
        public var labeledFull = 0
        public var uas: Double { Double(unlabeled) / Double(max(1, total)) }
        public var las: Double { Double(labeled) / Double(max(1, total)) }
        public var lasFull: Double { Double(labeledFull) / Double(max(1, total)) }
    }

    /// Accuracy of predicted vs gold UPOS over word lines. Sentences and word lines are paired
    /// in order; extra ones on either side count as wrong (in `total`, not `correct`).
    public static func accuracy(gold: [Sentence], predicted: [Sentence]) -> (correct: Int, total: Int) {
        var correct = 0, total = 0
        for (index, goldSentence) in gold.enumerated() {
            let goldWords = goldSentence.words
            let predictedWords = index < predicted.count ? predicted[index].words : []
            total += goldWords.count
            for (g, p) in zip(goldWords, predictedWords) where g[3] == p[3] { correct += 1 }
        }
        return (correct, total)
    }
}
