import ArgumentParser
import DyadCoder
import DyadCore
import DyadFormats
import DyadNLP
import DyadText

struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Write everything found in each article: sentences, actors, places, times, events.",
        discussion: """
            One JSON object a line per article: {"id", "sentences", "actors", "places", "times", \
            "events"}. Places are {"start", "end", "text", "name", "lat", "lon", "country", "type", \
            "id"} (character offsets in the input text; type country, adm1, city, capital, demonym, \
            adm2 or a feature such as sea or shoal; id the GeoNames id). Times are {"start", "end", \
            "text", "value", "precision"}; relative ones resolve against the article date and stay \
            relative (value null, "relative" set) when there is none. Events are as `dyad code` \
            writes them, with dates and places.

            Examples:
              dyad annotate examples/news.txt
              dyad annotate --input-format jsonl articles.jsonl > annotated.jsonl
            """
    )

    @OptionGroup var coding: CoderArguments
    @OptionGroup var input: InputArguments

    func run() throws {
        let pipeline = try coding.makePipeline()
        let coder = try coding.makeCoder()
        let locator = EventLocator()
        let output = StandardOutput()
        let runner = BatchRunner { record -> String in
            var document = pipeline.document(metadata: record.metadata, text: record.text)
            noteCutSentences(document)
            let events = locator.codeAndLocate(&document, coder: coder)
            return Self.line(document, events: events, base: record.sourceRange?.lowerBound ?? 0)
        }
        let summary = try runner.run(input: input) { _, line in
            output.writeLine(line)
            try output.check()
        }
        try output.finish()
        Diagnostics.note("dyad annotate: \(summary.records) document(s)")
        try summary.finish()
    }

    /// One article's line, from what the pipeline left on the document (`Document.spans`);
    /// `base` shifts offsets when the article is a slice of a text file.
    static func line(_ document: Document, events: [Event], base: Int) -> String {
        let original = OriginalText(document.original)
        var json = JSONObjectWriter()
        json.add("id", document.id)
        json.add("date", document.metadata.date)
        let sentences = document.sentences.map { sentence -> String in
            let span = document.span(ofTokens: sentence.tokens, in: original)
            var item = JSONObjectWriter()
            item.add("start", base + span.start)
            item.add("end", base + span.end)
            return item.finished()
        }
        json.addRaw("sentences", json: JSONObjectWriter.array(sentences))
        // Every actor the coder resolved, whether or not it takes part in an event.
        let actors = document.spans.actors.map { actor -> String in
            var item = JSONObjectWriter()
            item.add("start", base + actor.span.start)
            item.add("end", base + actor.span.end)
            item.add("text", actor.span.text)
            item.add("code", actor.code)
            item.add("country", actor.country)
            item.add("name", actor.name)
            item.add("resolution", actor.resolution.rawValue)
            return item.finished()
        }
        json.addRaw("actors", json: JSONObjectWriter.array(actors))
        let places = document.spans.places.map { found -> String in
            var shifted = found.place
            shifted.start += base
            shifted.end += base
            return EventJSONL.place(shifted)
        }
        json.addRaw("places", json: JSONObjectWriter.array(places))
        let times = document.spans.times.map { time -> String in
            var item = JSONObjectWriter()
            item.add("start", base + time.span.start)
            item.add("end", base + time.span.end)
            item.add("text", time.span.text)
            item.add("value", time.value)
            item.add("precision", time.precision)
            item.add("kind", time.kind)
            if let relative = time.relative { item.add("relative", relative) }
            return item.finished()
        }
        json.addRaw("times", json: JSONObjectWriter.array(times))
        json.addRaw("events", json: JSONObjectWriter.array(events.map(EventJSONL.line)))
        return json.finished()
    }
}
