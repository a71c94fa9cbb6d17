import ArgumentParser
import DyadCore
import DyadNLP
import DyadText
import Foundation

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag words with parts of speech (UPOS), parse them and group them into phrases.",
        discussion: """
            With --conllu, reads a CoNLL-U file, keeps its tokens, comments and multiword lines, \
            and writes it back with the predicted UPOS in column 4 and the parse in HEAD and DEPREL \
            (columns 7 and 8, DEPS emptied), as UDPipe does; a malformed line is reported with its \
            number and its sentence left out, the rest is written. Otherwise reads raw text \
            (articles as `dyad split` cuts them), tokenizes, splits sentences, tags, chunks and \
            parses it. --no-parse leaves HEAD and DEPREL empty.

            Examples:
              dyad tag --conllu ../shared/corpora/ud_english_ewt/en_ewt-ud-test.conllu > predicted.conllu
              echo "The minister arrested three journalists." | dyad tag -
              echo "The minister arrested three journalists." | dyad tag --format tagged -
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        /// CoNLL-U with UPOS, and the chunk of each word in MISC (`Chunk=B-NP`).
        case conllu
        /// One sentence a line: `[NP The/DET minister/NOUN] [VP arrested/VERB] ...`.
        case tagged
    }

    @Flag(help: "Read CoNLL-U and write it back with predicted UPOS.")
    var conllu = false

    @Option(help: "Output for raw text: conllu or tagged.")
    var format: OutputFormat = .conllu

    @Option(help: "A tagger model file (default: the bundled model).")
    var model: String?

    @Option(help: "A parser model file (default: the bundled model).")
    var parserModel: String?

    @Flag(help: "Tag only: leave HEAD and DEPREL empty.")
    var noParse = false

    @Flag(help: "With --conllu: keep the file's UPOS and parse from them (to measure the parser apart from the tagger).")
    var keepTags = false

    @OptionGroup var input: InputArguments

    func run() throws {
        let tagger = try loadTagger(model)
        let parser = noParse ? nil : try loadParser(parserModel)
        if conllu {
            try tagCoNLLU(tagger, parser)
        } else {
            try tagText(tagger, parser)
        }
    }

    private func tagCoNLLU(_ tagger: PerceptronTagger, _ parser: DependencyParser?) throws {
        let text: String
        do {
            text = try readWholeInput(input.input)
        } catch {
            throw InputFailure(description: "\(error)")
        }
        var problems: [CoNLLU.ParseError] = []
        let sentences = CoNLLU.read(text, problems: &problems)
        var result = keepTags ? sentences : CoNLLU.retag(sentences, with: tagger)
        if let parser { result = CoNLLU.reparse(result, with: parser) }
        let output = StandardOutput()
        output.write(CoNLLU.write(result))
        try output.finish()
        if !problems.isEmpty {
            for problem in problems { Diagnostics.warning("\(input.input): \(problem); sentence left out") }
            throw InputFailure(description: "\(input.input): \(problems.count) malformed sentence(s) left out")
        }
    }

    private func tagText(_ tagger: PerceptronTagger, _ parser: DependencyParser?) throws {
        let pipeline = TextPipeline(tagger: tagger, parser: parser)
        let output = StandardOutput()
        let summary = try input.forEachRecord { record in
            let document = pipeline.document(metadata: record.metadata, text: record.text)
            switch format {
            case .conllu: writeCoNLLU(document, to: output)
            case .tagged: writeTagged(document, to: output)
            }
            try output.check()
        }
        try output.finish()
        try summary.finish()
    }

    private func writeCoNLLU(_ document: Document, to output: StandardOutput) {
        output.writeLine("# newdoc id = \(document.id)")
        var chunkOfToken = [Int](repeating: -1, count: document.tokens.count)
        for (index, chunk) in document.chunks.enumerated() {
            for token in chunk.tokens { chunkOfToken[token] = index }
        }
        for (number, sentence) in document.sentences.enumerated() {
            output.writeLine("# sent_id = \(document.id)-\(number + 1)")
            output.writeLine("# text = \(document.text(ofTokens: sentence.tokens).replacingOccurrences(of: "\n", with: " "))")
            for (position, tokenIndex) in sentence.tokens.enumerated() {
                let token = document.tokens[tokenIndex]
                var misc: [String] = []
                let chunkIndex = chunkOfToken[tokenIndex]
                if chunkIndex >= 0 {
                    let chunk = document.chunks[chunkIndex]
                    let prefix = chunk.tokens.lowerBound == tokenIndex ? "B" : "I"
                    misc.append("Chunk=\(prefix)-\(chunk.kind.label)")
                }
                if !token.spaceAfter { misc.append("SpaceAfter=No") }
                let form = document.text(of: token)
                var head = "_", relation = "_"
                if let parsed = token.relation {
                    head = token.head < 0 ? "0" : String(Int(token.head) - sentence.tokens.lowerBound + 1)
                    relation = parsed.name
                }
                output.writeLine(
                    "\(position + 1)\t\(form)\t_\t\(token.pos.name)\t_\t_\t\(head)\t\(relation)\t_\t\(misc.isEmpty ? "_" : misc.joined(separator: "|"))"
                )
            }
            output.writeLine("")
        }
    }

    private func writeTagged(_ document: Document, to output: StandardOutput) {
        var chunkIndex = 0
        for sentence in document.sentences {
            var parts: [String] = []
            var index = sentence.tokens.lowerBound
            while index < sentence.tokens.upperBound {
                while chunkIndex < document.chunks.count, document.chunks[chunkIndex].tokens.upperBound <= index {
                    chunkIndex += 1
                }
                if chunkIndex < document.chunks.count, document.chunks[chunkIndex].tokens.lowerBound == index {
                    let chunk = document.chunks[chunkIndex]
                    let words = chunk.tokens.map { "\(document.text(ofToken: $0))/\(document.tokens[$0].pos.name)" }
                    parts.append("[\(chunk.kind.label) \(words.joined(separator: " "))]")
                    index = chunk.tokens.upperBound
                } else {
                    parts.append("\(document.text(ofToken: index))/\(document.tokens[index].pos.name)")
                    index += 1
                }
            }
            output.writeLine(parts.joined(separator: " "))
        }
    }
}

/// The bundled tagger, or one from a file the user names.
func loadTagger(_ path: String?) throws -> PerceptronTagger {
    do {
        if let path { return try PerceptronTagger(contentsOf: URL(fileURLWithPath: path)) }
        return try PerceptronTagger.bundled()
    } catch {
        if let path { throw InputFailure(description: "cannot load tagger model \(path): \(error)") }
        throw InternalFailure(description: "cannot load the bundled tagger model: \(error)")
    }
}

/// The bundled parser, or one from a file the user names.
func loadParser(_ path: String?) throws -> DependencyParser {
    do {
        if let path { return try DependencyParser(contentsOf: URL(fileURLWithPath: path)) }
        return try DependencyParser.bundled()
    } catch {
        if let path { throw InputFailure(description: "cannot load parser model \(path): \(error)") }
        throw InternalFailure(description: "cannot load the bundled parser model: \(error)")
    }
}

/// A whole file, or standard input for "-", as UTF-8 (invalid bytes repaired).
func readWholeInput(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw InputFailure(description: "\(path): cannot read the file (missing or not readable)")
        }
        data = contents
    }
    return String(decoding: data, as: UTF8.self)
}
