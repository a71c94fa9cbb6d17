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
        JSONLineWriter.write(appendingTo: &bytes) { json in
            json.add("id", event.id)
            json.add("doc", event.document)
            json.add("sentence", event.sentence)
            writeActor("source", event.source, to: &json)
            writeActor("target", event.target, to: &json)
            json.add("cameo", event.code)
            writePrefix("base", of: event.code, characters: 3, to: &json)
            writePrefix("root", of: event.code, characters: 2, to: &json)
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
            writeSpan("verb", event.trigger.text, event.trigger.start, event.trigger.end, to: &json)
            if let source = event.source {
                writeSpan("source", source.text, source.start, source.end, to: &json)
            } else {
                json.addNull("source")
            }
            if let target = event.target {
                writeSpan("target", target.text, target.start, target.end, to: &json)
            } else {
                json.addNull("target")
            }
            json.endObject()
            json.add("rule", event.rule)
            json.add("pattern", event.pattern)
            json.add("confidence", (event.confidence * 100).rounded() / 100)
        }
    }

    /// `base` and `root`: the code's first characters, as `Event.baseCode` and `rootCode` give
    /// them. A code of printable ASCII (every CAMEO code) has one byte a character, so its bytes
    /// are written without building a String.
    static func writePrefix(_ key: StaticString, of code: String, characters: Int, to json: inout JSONLineWriter) {
        var code = code
        let written: Bool = code.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
            json.add(key, utf8: UnsafeBufferPointer(rebasing: utf8.prefix(characters)))
            return true
        }
        if !written { json.add(key, String(code.prefix(characters))) }
    }

    static func writeActor(_ key: StaticString, _ actor: EventActor?, to json: inout JSONLineWriter) {
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
        var bytes: [UInt8] = []
        JSONLineWriter.write(appendingTo: &bytes) { writePlaceMembers(place, to: &$0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writePlace(_ key: StaticString, _ place: Place?, to json: inout JSONLineWriter) {
        guard let place else { return json.addNull(key) }
        json.beginObject(key)
        writePlaceMembers(place, to: &json)
        json.endObject()
    }

    static func writePlaceMembers(_ place: Place, to json: inout JSONLineWriter) {
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

    /// `{"text","start","end"}` of the verb or an actor.
    static func writeSpan(_ key: StaticString, _ text: String, _ start: Int, _ end: Int, to json: inout JSONLineWriter) {
        json.beginObject(key)
        json.add("text", text)
        json.add("start", start)
        json.add("end", end)
        json.endObject()
    }
}

/// Writes events as tab-separated values with a header: the columns an analyst sorts and
/// filters in a spreadsheet.
public enum EventTSV {
    public static let header = [
        "doc", "sentence", "source", "source_text", "target", "target_text", "cameo", "event_name", "quad", "goldstein",
        "plover", "modality", "date", "place", "rule", "sentence_text",
    ].joined(separator: "\t")

    public static func line(_ event: Event) -> String {
        [
            event.document, String(event.sentence), event.source?.code ?? "", event.source?.text ?? "",
            event.target?.code ?? "", event.target?.text ?? "", event.code,
            CAMEOEventTable.standard[event.code]?.description ?? "", String(event.quadClass),
            String(event.goldstein), event.ploverCategory, event.modality.rawValue, event.date ?? "",
            event.place.map(placeName) ?? "", event.rule, event.sentenceText,
        ].map(clean).joined(separator: "\t")
    }

    /// "Oslo, Norway": the place and the country it is in (GDELT's FullName adds the province).
    static func placeName(_ place: Place) -> String {
        guard let country = place.countryName, country != place.name else { return place.name }
        return "\(place.name), \(country)"
    }

    /// Tabs and newlines inside a field would break the columns.
    static func clean(_ field: String) -> String {
        field.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
            ? String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : field
    }
}
