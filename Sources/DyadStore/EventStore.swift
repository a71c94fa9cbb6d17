import DyadCore
import Foundation

/// Dyad's event store: coded articles, their sentences, actors, events grouped across reports,
/// mentions and ingest runs, in SQLite (a file) or PostgreSQL (a URL). Every query takes bound
/// parameters; no user text is ever spliced into SQL.
///
/// Not thread-safe: one store, one thread (the command line stores batches in order).
public final class EventStore {
    public let location: StoreLocation
    let backend: any StoreBackend
    public var dialect: SQLDialect { backend.dialect }

    /// Opens (and, when `create`, creates) a store and brings its schema up to date.
    /// `schemaVersion` (default: the current one) is for tests that need an older store.
    public init(_ location: StoreLocation, create: Bool = true, schemaVersion: Int? = nil) throws {
        self.location = location
        switch location {
        case .sqlite(let path): backend = try SQLiteBackend(path: path, create: create)
        case .postgres(let url):
            #if PostgreSQL
            backend = try PostgresBackend(url: url)
            #else
            _ = url
            throw StoreError(.connection, "this dyad was built without PostgreSQL support: build it with `swift build --traits PostgreSQL` to use postgres:// stores")
            #endif
        }
        do {
            try Schema.migrate(backend, to: min(schemaVersion ?? Schema.currentVersion, Schema.currentVersion), location: location.description)
        } catch {
            backend.close()
            throw error
        }
    }

    public static var currentSchemaVersion: Int { Schema.currentVersion }

    public func close() { backend.close() }

    /// The schema version the store is at.
    public func schemaVersion() throws -> Int {
        try backend.read { try $0.scalar("SELECT max(version) FROM dyad_schema").int ?? 0 }
    }

    // MARK: Ingest

    /// Of these content hashes, the ones stored already: their articles need no coding.
    public func storedHashes(_ hashes: [String]) throws -> Set<String> {
        var found = Set<String>()
        try backend.read { db in
            // Chunks keep the placeholder count far below both engines' limits.
            var index = 0
            while index < hashes.count {
                let chunk = Array(hashes[index..<min(index + 200, hashes.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try db.query("SELECT content_hash FROM articles WHERE content_hash IN (\(marks))", chunk.map { .text($0) }) {
                    found.insert(row.text(0))
                }
                index += 200
            }
        }
        return found
    }

    /// Records the start of an ingest; batches add their counts to it.
    public func beginRun(input: String) throws -> Int64 {
        try backend.transaction { db in
            try db.scalar(
                "INSERT INTO ingest_runs (started, input, status) VALUES (?, ?, 'running') RETURNING id",
                [.text(StoreDate.timestamp()), .text(input)]
            ).int64 ?? 0
        }
    }

    /// Marks a run finished (or failed) with its end time.
    public func finishRun(_ run: Int64, status: String = "done") throws {
        try backend.transaction { db in
            try db.execute("UPDATE ingest_runs SET finished = ?, status = ? WHERE id = ?",
                           [.text(StoreDate.timestamp()), .text(status), .int(run)])
        }
    }

    /// Stores a batch of coded articles in one transaction: all of the batch or none of it, so a
    /// killed ingest leaves whole articles only, and the next run stores the rest. Articles whose
    /// content hash is stored already are skipped and counted. `read` counts records (including
    /// skipped ones) for the run's totals; `skippedBefore` counts articles the caller found
    /// stored already (with `storedHashes`) and did not pass in.
    @discardableResult
    public func store(_ articles: [ArticleInput], run: Int64?, read: Int? = nil, skippedBefore: Int = 0,
                      rule: GroupingRule = GroupingRule()) throws -> BatchOutcome {
        try backend.transaction { db in
            var outcome = BatchOutcome()
            outcome.skipped = skippedBefore
            var touched = Set<Int64>()
            let added = StoreDate.timestamp()
            for article in articles {
                if try db.scalar("SELECT id FROM articles WHERE content_hash = ?", [.text(article.contentHash)]) != .null {
                    outcome.skipped += 1
                    continue
                }
                try insert(article, run: run, added: added, rule: rule, db: db, outcome: &outcome, touched: &touched)
                outcome.stored += 1
            }
            // Counts are recomputed from the mentions, so they are right whatever order reports came in.
            for event in touched.sorted() {
                try db.execute("""
                    UPDATE events SET
                        num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.id),
                        num_articles = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = events.id),
                        num_sources = (SELECT count(DISTINCT m.source_name) FROM mentions m WHERE m.event_id = events.id),
                        is_root = (SELECT max(m.in_lead) FROM mentions m WHERE m.event_id = events.id)
                    WHERE id = ?
                    """, [.int(event)])
            }
            if let run {
                try db.execute("""
                    UPDATE ingest_runs SET articles_read = articles_read + ?, articles_stored = articles_stored + ?,
                        articles_skipped = articles_skipped + ?, sentences = sentences + ?, events = events + ?,
                        mentions = mentions + ? WHERE id = ?
                    """, [.int(Int64(read ?? articles.count + skippedBefore)), .int(Int64(outcome.stored)), .int(Int64(outcome.skipped)),
                          .int(Int64(outcome.sentences)), .int(Int64(outcome.events)), .int(Int64(outcome.mentions)), .int(run)])
            }
            return outcome
        }
    }

    private func insert(_ article: ArticleInput, run: Int64?, added: String, rule: GroupingRule, db: any SQLExecutor,
                        outcome: inout BatchOutcome, touched: inout Set<Int64>) throws {
        let metadata = article.metadata
        let articleDate = StoreDate.normalize(metadata.date)
        let sourceName = article.sourceName
        let leadEnd = article.leadEnd
        guard let articleID = try db.scalar("""
            INSERT INTO articles (content_hash, doc_id, url, source, title, date, text, length, sentence_count, lead_end, run_id, added)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, [.text(article.contentHash), .text(metadata.id), SQLValue(metadata.url), .text(sourceName),
                  SQLValue(metadata.title), SQLValue(articleDate), .text(article.text),
                  .int(Int64(article.text.unicodeScalars.count)), .int(Int64(article.sentences.count)),
                  .int(Int64(leadEnd)), SQLValue(run), .text(added)]).int64 else {
            throw StoreError(.query, "the store gave no id for article \(metadata.id)")
        }
        // Many rows a statement: each statement is a round trip to a PostgreSQL server.
        var sentenceIDs = [Int64](repeating: 0, count: article.sentences.count)
        let sentenceRows = article.sentences.enumerated().map { index, sentence -> [SQLValue] in
            [.int(articleID), .int(Int64(index)), .int(Int64(sentence.start)), .int(Int64(sentence.end)), .text(sentence.text)]
        }
        for row in try insertRows("sentences", ["article_id", "idx", "start", "stop", "text"], sentenceRows,
                                  returning: "id, idx", db: db) {
            let index = row.integer(1)
            if index >= 0 && index < sentenceIDs.count { sentenceIDs[index] = row[0].int64 ?? 0 }
        }
        outcome.sentences += article.sentences.count
        if db.dialect == .sqlite {
            try db.execute("INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE article_id = ?", [.int(articleID)])
            try db.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                           [.int(articleID), .text(metadata.title ?? ""), .text(article.text)])
        }
        // Actors found: each distinct phrase once per article.
        var seenActors = Set<String>()
        var actorRows: [[SQLValue]] = []
        for event in article.events {
            for actor in [event.source, event.target].compactMap({ $0 }) {
                guard seenActors.insert("\(actor.code)|\(actor.start)|\(actor.end)").inserted else { continue }
                actorRows.append([.int(articleID), .int(Int64(event.sentence)), .text(actor.code), SQLValue(actor.country),
                                  SQLValue(actor.name), .text(actor.text), .int(Int64(actor.start)), .int(Int64(actor.end)),
                                  .text(actor.resolution.rawValue)])
            }
        }
        _ = try insertRows("actors", ["article_id", "sentence_idx", "code", "country", "name", "text", "start", "stop", "resolution"],
                           actorRows, returning: nil, db: db)
        // The article's places, then any place an event carries that is not among them (the
        // dateline's): each once, by its offsets, so events can point at them.
        var placeRowIndex: [PlaceKey: Int] = [:]
        var placeRows: [[SQLValue]] = []
        func addPlace(_ place: Place, sentence: Int) {
            let key = PlaceKey(place)
            guard placeRowIndex[key] == nil else { return }
            placeRowIndex[key] = placeRows.count
            placeRows.append([.int(articleID), .int(Int64(sentence)), .text(place.name), SQLValue(place.country), SQLValue(place.adm1),
                              SQLValue(place.latitude), SQLValue(place.longitude), SQLValue(place.geonameID.map(String.init)),
                              .int(Int64(place.start)), .int(Int64(place.end)), .text(place.type), SQLValue(place.fipsCountry),
                              SQLValue(place.adm1Name), SQLValue(place.countryName)])
        }
        for (sentence, place) in article.places { addPlace(place, sentence: sentence) }
        for event in article.events {
            for place in [event.place, event.source?.place, event.target?.place].compactMap({ $0 }) { addPlace(place, sentence: event.sentence) }
        }
        let placeIDs = try insertRows("places", ["article_id", "sentence_idx", "name", "country", "adm1", "latitude", "longitude",
                                                 "feature_id", "start", "stop", "type", "fips", "adm1_name", "country_name"],
                                      placeRows, returning: "id", db: db).map { $0[0].int64 }
        func placeID(_ place: Place?) -> SQLValue {
            guard let place, let index = placeRowIndex[PlaceKey(place)], index < placeIDs.count else { return .null }
            return SQLValue(placeIDs[index])
        }
        var mentionRows: [[SQLValue]] = []
        for (index, event) in article.events.enumerated() {
            let date = StoreDate.normalize(event.date) ?? articleDate ?? ""
            let place = index < article.eventPlaces.count ? article.eventPlaces[index] : ""
            let inLead = event.sentence == 0 || event.sentenceSpan.start < leadEnd
            let places = [placeID(event.place), placeID(event.source?.place), placeID(event.target?.place)]
            let (eventID, isNew) = try group(event, date: date, place: place, places: places, rule: rule, articleID: articleID,
                                             inLead: inLead, added: added, db: db)
            if isNew { outcome.events += 1 }
            touched.insert(eventID)
            let sentenceID: SQLValue = event.sentence >= 0 && event.sentence < sentenceIDs.count ? .int(sentenceIDs[event.sentence]) : .null
            // Coreference and context resolution mean the actor's words are not its name.
            let raw = [event.source, event.target].compactMap { $0 }.allSatisfy {
                $0.resolution != .coreference && $0.resolution != .context
            }
            mentionRows.append([
                .int(eventID), .int(articleID), sentenceID, .int(Int64(event.sentence)), .text(event.id), .text(event.code),
                SQLValue(event.source?.code), SQLValue(event.source?.text), SQLValue(event.source?.start),
                SQLValue(event.target?.code), SQLValue(event.target?.text), SQLValue(event.target?.start),
                .text(event.trigger.text), .int(Int64(event.trigger.start)), .int(Int64(event.sentenceSpan.start)),
                .double(event.confidence), SQLValue(inLead), SQLValue(raw), SQLValue(event.negated),
                .text(event.modality.rawValue), .text(event.rule), .text(article.sourceName), .text(date), .text(added),
            ])
            outcome.mentions += 1
        }
        _ = try insertRows("mentions", [
            "event_id", "article_id", "sentence_id", "sentence_idx", "event_key", "code", "source_code", "source_text",
            "source_start", "target_code", "target_text", "target_start", "trigger_text", "trigger_start", "sentence_start",
            "confidence", "in_lead", "in_raw_text", "negated", "modality", "rule", "source_name", "date", "added",
        ], mentionRows, returning: nil, db: db)
    }

    /// Inserts rows in statements of up to 50 rows; the table and column names are the module's
    /// own constants, and every value is a bound parameter.
    private func insertRows(_ table: String, _ columns: [String], _ rows: [[SQLValue]], returning: String?,
                            db: any SQLExecutor) throws -> [SQLRow] {
        var results: [SQLRow] = []
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 50, rows.count)]
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
            let values = chunk.flatMap { $0 }
            if let returning {
                sql += " RETURNING " + returning
                results += try db.query(sql, values)
            } else {
                try db.execute(sql, values)
            }
            start += 50
        }
        return results
    }

    /// The grouping rule: the event this mention reports, or a new one. Same source code, same
    /// target code, same CAMEO base code, dates at most `windowDays` apart (the nearest wins,
    /// then the oldest), and the same place when both places are known.
    /// `places`: the place row ids of the action, the source and the target, which a new event
    /// points at.
    private func group(_ event: Event, date: String, place: String, places: [SQLValue], rule: GroupingRule, articleID: Int64,
                       inLead: Bool, added: String, db: any SQLExecutor) throws -> (Int64, Bool) {
        let source = event.source?.code ?? "", target = event.target?.code ?? ""
        let placeMatch = "(place = '' OR ? = '' OR place = ?)"
        var found: SQLValue = .null
        if let day = StoreDate.dayNumber(date) {
            let window = Int64(rule.windowDays), dayValue = Int64(day)
            found = try db.scalar("""
                SELECT id FROM events WHERE base_code = ? AND source_code = ? AND target_code = ?
                AND day BETWEEN ? AND ? AND \(placeMatch) ORDER BY abs(day - ?), id LIMIT 1
                """, [.text(event.baseCode), .text(source), .text(target), .int(dayValue - window), .int(dayValue + window),
                      .text(place), .text(place), .int(dayValue)])
        } else {
            // Partial or unknown dates group only with the very same date text.
            found = try db.scalar("""
                SELECT id FROM events WHERE base_code = ? AND source_code = ? AND target_code = ?
                AND day IS NULL AND date = ? AND \(placeMatch) ORDER BY id LIMIT 1
                """, [.text(event.baseCode), .text(source), .text(target), .text(date), .text(place), .text(place)])
        }
        if let id = found.int64 { return (id, false) }
        let id = try db.scalar("""
            INSERT INTO events (source_code, source_country, source_name, target_code, target_country, target_name,
                code, base_code, root_code, quad_class, goldstein, date, day, place, is_root, num_mentions, num_sources,
                num_articles, first_article, date_added, action_place_id, source_place_id, target_place_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?, ?, ?) RETURNING id
            """, [.text(source), .text(event.source?.country ?? ""), .text(event.source.map { $0.name ?? $0.text } ?? ""),
                  .text(target), .text(event.target?.country ?? ""), .text(event.target.map { $0.name ?? $0.text } ?? ""),
                  .text(event.code), .text(event.baseCode), .text(event.rootCode), .int(Int64(event.quadClass)),
                  .double(event.goldstein), .text(date), SQLValue(StoreDate.dayNumber(date)), .text(place),
                  SQLValue(inLead), .int(articleID), .text(added)] + places).int64
        guard let id else { throw StoreError(.query, "the store gave no id for a new event") }
        return (id, true)
    }

    // MARK: Totals

    public struct Totals: Sendable, Equatable {
        public var articles = 0, sentences = 0, events = 0, mentions = 0, actors = 0, places = 0, runs = 0
    }

    public func totals() throws -> Totals {
        try backend.read { db in
            let row = try db.query("""
                SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences), (SELECT count(*) FROM events),
                       (SELECT count(*) FROM mentions), (SELECT count(*) FROM actors), (SELECT count(*) FROM places),
                       (SELECT count(*) FROM ingest_runs)
                """).first ?? []
            return Totals(articles: row.integer(0), sentences: row.integer(1), events: row.integer(2),
                          mentions: row.integer(3), actors: row.integer(4), places: row.integer(5), runs: row.integer(6))
        }
    }
}

/// A place of one article, known by its offsets and name: events point at the row stored for it.
struct PlaceKey: Hashable {
    var start: Int, end: Int, name: String
    init(_ place: Place) {
        start = place.start
        end = place.end
        name = place.name
    }
}
