import DyadCore
import DyadFormats

/// Exports of a whole store: GDELT 2.0 Events, Mentions and GKG rows, and CSV or JSONL.
extension EventStore {
    /// A store event as DyadFormats' Event, so GDELTEventWriter lays out its 61 columns.
    static func formatsEvent(_ stored: StoredEvent) -> Event {
        func actor(_ code: String, _ country: String, _ name: String) -> EventActor? {
            code.isEmpty ? nil : EventActor(code: code, country: country.isEmpty ? nil : country, text: name, start: 0,
                                            end: 0, resolution: .dictionary, name: name)
        }
        // GDELT rows always carry a date: without one, the day the event was added stands in. A
        // month or a year ("2023-04", "2020") is kept: the writer dates it to its first day, as
        // `dyad code --format gdelt` does.
        var date = stored.date
        let isPartial = (date.count == 4 || date.count == 7) && date.prefix(4).allSatisfy(\.isNumber)
        if StoreDate.dayNumber(date) == nil, !isPartial, stored.dateAdded.count >= 8 {
            let d = stored.dateAdded
            date = "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.dropFirst(6).prefix(2))"
        }
        var event = Event(
            id: String(stored.id, radix: 16), document: stored.document, sentence: 0,
            source: actor(stored.sourceCode, stored.sourceCountry, stored.sourceName),
            target: actor(stored.targetCode, stored.targetCountry, stored.targetName),
            code: stored.code, quadClass: stored.quadClass, goldstein: stored.goldstein, ploverCategory: "",
            ploverMode: "", negated: false, modality: .asserted, date: date, sentenceText: stored.evidence,
            sentenceSpan: TextSpan(start: 0, end: 0, text: stored.evidence), trigger: TextSpan(start: 0, end: 0, text: ""),
            rule: "", pattern: "", confidence: 1
        )
        event.place = stored.actionPlace
        event.source?.place = stored.sourcePlace
        event.target?.place = stored.targetPlace
        return event
    }

    /// A GDELT 2.0 Events row: the writer's 61 columns, with the store's own GlobalEventID,
    /// NumMentions, NumSources, NumArticles and DATEADDED in place of one report's.
    public static func gdeltEventRow(_ stored: StoredEvent, writer: GDELTEventWriter) -> String {
        var fields = writer.row(formatsEvent(stored), url: stored.url, isRootEvent: stored.isRoot)
            .split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 61 else { return fields.joined(separator: "\t") }
        fields[0] = String(stored.id)
        fields[31] = String(stored.numMentions)
        fields[32] = String(stored.numSources)
        fields[33] = String(stored.numArticles)
        if stored.dateAdded.count == 14 { fields[59] = stored.dateAdded }
        return fields.joined(separator: "\t")
    }

    public static func gdeltMentionRow(_ mention: StoredMention) -> String {
        GDELTMentionWriter.row(GDELTMention(
            globalEventID: mention.eventID, eventTimeDate: mention.eventDateAdded, mentionTimeDate: mention.added,
            sourceName: mention.sourceName, identifier: mention.url ?? mention.document, sentence: mention.sentence,
            actor1Offset: mention.sourceOffset, actor2Offset: mention.targetOffset, actionOffset: mention.actionOffset,
            inRawText: mention.inRawText, confidence: mention.confidence, documentLength: mention.documentLength))
    }

    /// Calls `body` with a GKG row for every article.
    public func forEachGKGRow(_ body: (String) throws -> Void) throws {
        var sequence = 0
        var lastBatch = ""
        try forEachArticle { article in
            // Numbered within each batch (same DATEADDED), as GDELT numbers records within a file.
            if article.added != lastBatch { sequence = 0; lastBatch = article.added }
            sequence += 1
            let names = try actorNames(articleID: article.id)
            let words = try wordCount(articleID: article.id)
            try body(GDELTGKGWriter.row(GKGRecord(
                dateAdded: article.added, sequence: sequence, sourceName: article.source,
                identifier: article.url ?? article.document, title: article.title, names: names, wordCount: words)))
        }
    }

    func actorNames(articleID: Int64) throws -> [(name: String, offset: Int)] {
        try backend.read { db in
            try db.query("SELECT coalesce(name, text), start FROM actors WHERE article_id = ? ORDER BY start",
                         [.int(articleID)]).map { ($0.text(0), $0.integer(1)) }
        }
    }

    func wordCount(articleID: Int64) throws -> Int {
        let text = try backend.read { try $0.scalar("SELECT text FROM articles WHERE id = ?", [.int(articleID)]).string ?? "" }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).count
    }

    public static let eventCSVHeader = [
        "id", "date", "source", "source_country", "source_name", "target", "target_country", "target_name", "cameo",
        "base", "root", "quad", "goldstein", "place", "is_root", "num_mentions", "num_sources", "num_articles", "doc",
        "url", "evidence", "date_added",
    ]

    public static func eventCSVFields(_ e: StoredEvent) -> [String] {
        [String(e.id), e.date, e.sourceCode, e.sourceCountry, e.sourceName, e.targetCode, e.targetCountry, e.targetName,
         e.code, e.baseCode, e.rootCode, String(e.quadClass), String(e.goldstein), e.place, e.isRoot ? "1" : "0",
         String(e.numMentions), String(e.numSources), String(e.numArticles), e.document, e.url ?? "", e.evidence, e.dateAdded]
    }

    public static func eventJSON(_ e: StoredEvent) -> String {
        var json = JSONObjectWriter()
        json.add("id", Int(e.id))
        json.add("date", e.date.isEmpty ? nil : e.date)
        json.addRaw("source", json: actorJSON(e.sourceCode, e.sourceCountry, e.sourceName))
        json.addRaw("target", json: actorJSON(e.targetCode, e.targetCountry, e.targetName))
        json.add("cameo", e.code)
        json.add("base", e.baseCode)
        json.add("root", e.rootCode)
        json.add("quad", e.quadClass)
        json.add("goldstein", e.goldstein)
        json.add("place", e.place.isEmpty ? nil : e.place)
        json.add("is_root", e.isRoot)
        json.add("num_mentions", e.numMentions)
        json.add("num_sources", e.numSources)
        json.add("num_articles", e.numArticles)
        json.add("doc", e.document)
        json.add("url", e.url)
        json.add("evidence", e.evidence)
        json.add("date_added", e.dateAdded)
        return json.finished()
    }

    static func actorJSON(_ code: String, _ country: String, _ name: String) -> String {
        guard !code.isEmpty else { return "null" }
        var json = JSONObjectWriter()
        json.add("code", code)
        json.add("country", country.isEmpty ? nil : country)
        json.add("name", name)
        return json.finished()
    }

    public static let mentionCSVHeader = [
        "id", "event_id", "doc", "url", "source_name", "sentence", "cameo", "source_offset", "target_offset",
        "action_offset", "in_raw_text", "confidence", "added", "evidence",
    ]

    public static func mentionCSVFields(_ m: StoredMention) -> [String] {
        [String(m.id), String(m.eventID), m.document, m.url ?? "", m.sourceName, String(m.sentence), m.code,
         m.sourceOffset.map(String.init) ?? "", m.targetOffset.map(String.init) ?? "", String(m.actionOffset),
         m.inRawText ? "1" : "0", String(m.confidence), m.added, m.evidence]
    }

    public static func mentionJSON(_ m: StoredMention) -> String {
        var json = JSONObjectWriter()
        json.add("id", Int(m.id))
        json.add("event_id", Int(m.eventID))
        json.add("doc", m.document)
        json.add("url", m.url)
        json.add("source_name", m.sourceName)
        json.add("sentence", m.sentence)
        json.add("cameo", m.code)
        json.add("source_offset", m.sourceOffset)
        json.add("target_offset", m.targetOffset)
        json.add("action_offset", m.actionOffset)
        json.add("in_raw_text", m.inRawText)
        json.add("confidence", m.confidence)
        json.add("added", m.added)
        json.add("evidence", m.evidence)
        return json.finished()
    }

    public static let articleCSVHeader = ["id", "doc", "url", "source", "title", "date", "length", "sentences", "added"]

    public static func articleCSVFields(_ a: StoredArticle) -> [String] {
        [String(a.id), a.document, a.url ?? "", a.source, a.title ?? "", a.date ?? "", String(a.length),
         String(a.sentences), a.added]
    }

    public static func articleJSON(_ a: StoredArticle) -> String {
        var json = JSONObjectWriter()
        json.add("id", Int(a.id))
        json.add("doc", a.document)
        json.add("url", a.url)
        json.add("source", a.source)
        json.add("title", a.title)
        json.add("date", a.date)
        json.add("length", a.length)
        json.add("sentences", a.sentences)
        json.add("added", a.added)
        return json.finished()
    }
}
