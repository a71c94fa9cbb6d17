import DyadCore

/// Writes events as JSONL, one event a line, with the keys DESIGN.md promises:
/// `doc, sentence, source, target, cameo, root, quad, goldstein, plover, date, place, evidence,
/// rule`, and a few more (`id`, `base`, `plover_mode`, `negated`, `modality`, `confidence`,
/// `pattern`).
public enum EventJSONL {
    public static func line(_ event: Event) -> String {
        var bytes: [UInt8] = []
        write(event, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the event's JSON object (no newline) to `bytes`.
    public static func write(_ event: Event, to bytes: inout [UInt8]) {
        // Room for the whole line up front, growing geometrically (an exact reserve per line
        // would copy the buffer for every event of a document).
        let estimate = 1024 + 2 * event.sentenceText.utf8.count
        if bytes.capacity - bytes.count < estimate {
            bytes.reserveCapacity(Swift.max(bytes.count + estimate, 2 * bytes.capacity))
        }
        var json = JSONObjectWriter(appendingTo: &bytes)
        json.add("id", event.id)
        json.add("doc", event.document)
        json.add("sentence", event.sentence)
        writeActor("source", event.source, to: &json)
        writeActor("target", event.target, to: &json)
        json.add("cameo", event.code)
        json.add("base", event.baseCode)
        json.add("root", event.rootCode)
        json.add("quad", event.quadClass)
        json.add("goldstein", event.goldstein)
        json.add("plover", event.ploverCategory.isEmpty ? nil : event.ploverCategory)
        json.add("plover_mode", event.ploverMode.isEmpty ? nil : event.ploverMode)
        json.add("negated", event.negated)
        json.add("modality", event.modality.rawValue)
        json.add("date", event.date)
        json.add("date_precision", event.datePrecision?.rawValue)
        json.add("date_source", event.dateSource?.rawValue)
        writePlace("place", event.place, to: &json)
        json.beginObject("evidence")
        json.add("sentence", event.sentenceText)
        json.add("start", event.sentenceSpan.start)
        json.add("end", event.sentenceSpan.end)
        writeSpan("verb", event.trigger, to: &json)
        writeSpan("source", event.source.map { TextSpan(start: $0.start, end: $0.end, text: $0.text) }, to: &json)
        writeSpan("target", event.target.map { TextSpan(start: $0.start, end: $0.end, text: $0.text) }, to: &json)
        json.endObject()
        json.add("rule", event.rule)
        json.add("pattern", event.pattern)
        json.add("confidence", (event.confidence * 100).rounded() / 100)
        json.finish(into: &bytes)
    }

    static func writeActor(_ key: StaticString, _ actor: EventActor?, to json: inout JSONObjectWriter) {
        guard let actor else { return json.addNull(key) }
        json.beginObject(key)
        json.add("code", actor.code)
        json.add("country", actor.country)
        json.add("text", actor.text)
        json.add("start", actor.start)
        json.add("end", actor.end)
        json.add("resolution", actor.resolution.rawValue)
        json.add("name", actor.name)
        writePlace("place", actor.place, to: &json)
        json.endObject()
    }

    /// `{"start","end","text","name","lat","lon","country","type","id"}`, as `dyad annotate` writes
    /// places, plus the GDELT codes (`fips`, `adm1`).
    public static func place(_ place: Place?) -> String {
        guard let place else { return "null" }
        var json = JSONObjectWriter()
        writePlaceMembers(place, to: &json)
        return json.finished()
    }

    static func writePlace(_ key: StaticString, _ place: Place?, to json: inout JSONObjectWriter) {
        guard let place else { return json.addNull(key) }
        json.beginObject(key)
        writePlaceMembers(place, to: &json)
        json.endObject()
    }

    static func writePlaceMembers(_ place: Place, to json: inout JSONObjectWriter) {
        json.add("start", place.start)
        json.add("end", place.end)
        json.add("text", place.text)
        json.add("name", place.name)
        json.add("lat", place.latitude)
        json.add("lon", place.longitude)
        json.add("country", place.country)
        json.add("type", place.type)
        json.add("id", place.geonameID)
        json.add("fips", place.fipsCountry)
        json.add("adm1", place.adm1)
    }

    static func writeSpan(_ key: StaticString, _ span: TextSpan?, to json: inout JSONObjectWriter) {
        guard let span else { return json.addNull(key) }
        json.beginObject(key)
        json.add("text", span.text)
        json.add("start", span.start)
        json.add("end", span.end)
        json.endObject()
    }
}

/// Writes events as tab-separated values with a header: the columns an analyst sorts and
/// filters in a spreadsheet.
public enum EventTSV {
    public static let header = [
        "doc", "sentence", "source", "source_text", "target", "target_text", "cameo", "quad", "goldstein",
        "plover", "modality", "date", "rule", "sentence_text",
    ].joined(separator: "\t")

    public static func line(_ event: Event) -> String {
        [
            event.document, String(event.sentence), event.source?.code ?? "", event.source?.text ?? "",
            event.target?.code ?? "", event.target?.text ?? "", event.code, String(event.quadClass),
            String(event.goldstein), event.ploverCategory, event.modality.rawValue, event.date ?? "", event.rule,
            event.sentenceText,
        ].map(clean).joined(separator: "\t")
    }

    /// Tabs and newlines inside a field would break the columns.
    static func clean(_ field: String) -> String {
        field.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
            ? String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : field
    }
}
