import DyadCore

/// Reading and writing CoNLL-U (Universal Dependencies) files, for training and evaluating the
/// tagger. Only what the tagger needs is interpreted; every line is kept as read, so a file
/// read and written again comes out the same (apart from line endings and a final newline).
public enum CoNLLU {
    /// One sentence: its `#` comment lines and its token lines.
    public struct Sentence: Sendable, Hashable {
        /// Comment lines with their leading `#` ("# text = ...").
        public var comments: [String]
        /// The 10 tab-separated columns of each token line, in file order. Multiword-token
        /// lines (`1-2`) and empty nodes (`1.1`) are kept as they are.
        public var rows: [[String]]

        public init(comments: [String] = [], rows: [[String]] = []) {
            self.comments = comments
            self.rows = rows
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
        var sentences: [Sentence] = []
        var current = Sentence()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty {
                if !current.rows.isEmpty || !current.comments.isEmpty {
                    if current.rows.isEmpty {
                        throw ParseError(line: lineNumber, message: "sentence has comments but no token lines")
                    }
                    sentences.append(current)
                    current = Sentence()
                }
                continue
            }
            if line.hasPrefix("#") {
                guard current.rows.isEmpty else {
                    throw ParseError(line: lineNumber, message: "comment line inside a sentence's token lines")
                }
                current.comments.append(String(line))
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 10 else {
                throw ParseError(line: lineNumber, message: "expected 10 tab-separated columns, found \(columns.count)")
            }
            guard !columns[0].isEmpty else {
                throw ParseError(line: lineNumber, message: "empty ID column")
            }
            current.rows.append(columns)
        }
        if !current.rows.isEmpty {
            sentences.append(current)
        } else if !current.comments.isEmpty {
            throw ParseError(line: lineNumber, message: "file ends with comments but no token lines")
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
