import ArgumentParser
import DyadFormats
import DyadText

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split input into articles and print them as JSONL.",
        discussion: """
            Plain text where articles run together is cut at blank lines, form feeds and --- \
            lines, or else where a paragraph stops mid-sentence, a kicker such as UNREST: opens \
            a new story, or the people and places change. Kickers and datelines go to metadata.

            One JSON object a line: id, title, kicker, dateline, date, start and end (character \
            offsets in the input, when it is plain text), text.

            Example:
              dyad split examples/news.txt
              cat feed.jsonl | dyad split --input-format jsonl -
            """
    )

    @OptionGroup var input: InputArguments

    func run() throws {
        let output = StandardOutput()
        let summary = try input.forEachRecord { record in
            var line = JSONObjectWriter()
            let metadata = record.metadata
            line.add("id", metadata.id)
            line.add("title", metadata.title ?? metadata.kicker)
            line.add("kicker", metadata.kicker)
            line.add("dateline", metadata.dateline)
            line.add("date", metadata.date)
            line.add("start", record.sourceRange?.lowerBound)
            line.add("end", record.sourceRange?.upperBound)
            line.add("text", record.text)
            output.writeLine(line.finished())
            try output.check()
        }
        try output.finish()
        try summary.finish()
    }
}
