import Foundation
import DyadCore

/// What `dyad events` asks for. Actors match a country code (`USA`) or a full code (`USAGOV`).
public struct EventFilter: Sendable {
    public var source: String?
    public var target: String?
    /// Either direction: source and target may be swapped.
    public var either = false
    /// A root (`17`), base (`172`) or full (`1721`) CAMEO code.
    public var code: String?
    public var quad: Int?
    /// Inclusive `YYYY-MM-DD` bounds (shorter prefixes work: `2024-03`).
    public var since: String?
    public var until: String?
    public var place: String?
    /// Words that must all occur in one of the event's evidence sentences.
    public var text: String?
    public var limit: Int?
    public init() {}
}

/// A grouped event as queries return it.
public struct StoredEvent: Sendable, Hashable {
    public var id: Int64
    public var date: String
    public var sourceCode: String, sourceCountry: String, sourceName: String
    public var targetCode: String, targetCountry: String, targetName: String
    public var code: String, baseCode: String, rootCode: String
    public var quadClass: Int
    public var goldstein: Double
    public var place: String
    public var isRoot: Bool
    public var numMentions: Int, numSources: Int, numArticles: Int
    /// The first report: its document id, URL and evidence sentence.
    public var document: String
    public var url: String?
    public var evidence: String
    public var dateAdded: String
    /// Where it happened, and where its source and target are, when the text said.
    public var actionPlace: Place? = nil
    public var sourcePlace: Place? = nil
    public var targetPlace: Place? = nil
}

/// A mention: one report of an event in one sentence of one article.
public struct StoredMention: Sendable, Hashable {
    public var id: Int64
    public var eventID: Int64
    public var eventDateAdded: String
    public var added: String
    public var document: String
    public var url: String?
    public var sourceName: String
    public var sentence: Int
    public var sourceOffset: Int?
    public var targetOffset: Int?
    public var actionOffset: Int
    public var inRawText: Bool
    public var confidence: Double
    public var documentLength: Int
    public var code: String
    public var evidence: String
}

/// An article as exports and searches return it.
public struct StoredArticle: Sendable, Hashable {
    public var id: Int64
    public var document: String
    public var url: String?
    public var source: String
    public var title: String?
    public var date: String?
    public var length: Int
    public var sentences: Int
    public var added: String
    /// A matching passage for searches; the text's start for exports.
    public var snippet: String
}

/// One period of a dyad's relations in one direction.
public struct RelationPeriod: Sendable, Hashable {
    public var period: String
    /// `A>B` or `B>A`, with the codes the user gave.
    public var direction: String
    public var events: Int
    public var mentions: Int
    /// Events in quad classes 1 to 4 (verbal and material cooperation, verbal and material conflict).
    public var quad: [Int]
    public var goldsteinSum: Double
    public var goldsteinMean: Double
    /// The most frequent CAMEO codes with their counts, most frequent first.
    public var topCodes: [(code: String, count: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.period == b.period && a.direction == b.direction && a.events == b.events && a.quad == b.quad
            && a.goldsteinSum == b.goldsteinSum && a.topCodes.map(\.code) == b.topCodes.map(\.code)
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(period)
        hasher.combine(direction)
    }
}

/// Time buckets for relations.
public enum RelationPeriodKind: String, Sendable, CaseIterable {
    case day, week, month

    /// The bucket of a date: the day itself, the Monday of its week, or `YYYY-MM`.
    public func bucket(_ date: String) -> String {
        switch self {
        case .day: return date.isEmpty ? "unknown" : date
        case .month: return date.count >= 7 ? String(date.prefix(7)) : (date.isEmpty ? "unknown" : date)
        case .week:
            guard let day = StoreDate.dayNumber(date) else { return date.isEmpty ? "unknown" : date }
            // 1970-01-01 was a Thursday: day 0 has weekday index 3 counting Monday as 0.
            let weekday = ((day % 7) + 7 + 3) % 7
            return StoreDate.date(ofDay: day - weekday)
        }
    }
}

/// An actor code found in the store.
public struct ActorCount: Sendable, Hashable {
    public var code: String
    public var name: String
    public var mentions: Int
    public var articles: Int
    public var asSource: Int
    public var asTarget: Int
}

/// An outlet in the store.
public struct SourceCount: Sendable, Hashable {
    public var source: String
    public var articles: Int
    public var sentences: Int
    public var mentions: Int
    public var firstDate: String?
    public var lastDate: String?
}

extension EventStore {
    static let eventColumns = """
        e.id, e.date, e.source_code, e.source_country, e.source_name, e.target_code, e.target_country, e.target_name,
        e.code, e.base_code, e.root_code, e.quad_class, e.goldstein, e.place, e.is_root, e.num_mentions, e.num_sources,
        e.num_articles, a.doc_id, a.url,
        (SELECT s.text FROM mentions m JOIN sentences s ON s.id = m.sentence_id WHERE m.event_id = e.id ORDER BY m.id LIMIT 1),
        e.date_added,
        \(placeColumns("ap")), \(placeColumns("sp")), \(placeColumns("tp"))
        """

    /// Events with their first report's article and their three places.
    static let eventTables = """
        events e JOIN articles a ON a.id = e.first_article LEFT JOIN places ap ON ap.id = e.action_place_id
        LEFT JOIN places sp ON sp.id = e.source_place_id LEFT JOIN places tp ON tp.id = e.target_place_id
        """

    static func placeColumns(_ alias: String) -> String {
        ["name", "type", "latitude", "longitude", "country", "fips", "adm1", "adm1_name", "country_name", "feature_id", "start", "stop"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The place in the 12 columns of `placeColumns` from `first`, if there is one.
    static func place(_ row: SQLRow, from first: Int) -> Place? {
        guard first + 11 < row.count, let name = row[first].string else { return nil }
        return Place(name: name, type: row[first + 1].string ?? "", latitude: row[first + 2].double, longitude: row[first + 3].double,
                     country: row[first + 4].string, fipsCountry: row[first + 5].string, adm1: row[first + 6].string,
                     adm1Name: row[first + 7].string, countryName: row[first + 8].string,
                     geonameID: row[first + 9].string.flatMap { Int($0) }, text: name,
                     start: row.integer(first + 10), end: row.integer(first + 11))
    }

    static func event(_ row: SQLRow) -> StoredEvent {
        StoredEvent(
            id: row[0].int64 ?? 0, date: row.text(1), sourceCode: row.text(2), sourceCountry: row.text(3),
            sourceName: row.text(4), targetCode: row.text(5), targetCountry: row.text(6), targetName: row.text(7),
            code: row.text(8), baseCode: row.text(9), rootCode: row.text(10), quadClass: row.integer(11),
            goldstein: row.real(12), place: row.text(13), isRoot: row.integer(14) != 0, numMentions: row.integer(15),
            numSources: row.integer(16), numArticles: row.integer(17), document: row.text(18), url: row.optionalText(19),
            evidence: row.text(20), dateAdded: row.text(21),
            actionPlace: place(row, from: 22), sourcePlace: place(row, from: 34), targetPlace: place(row, from: 46)
        )
    }

    /// The SQL condition "the actor on `side` is `code`", by country or full code.
    private static func actorCondition(_ side: String, _ code: String, _ values: inout [SQLValue]) -> String {
        values += [.text(code), .text(code)]
        return "(e.\(side)_code = ? OR e.\(side)_country = ?)"
    }

    /// The WHERE clause of a filter, with its bound values in order.
    func whereClause(_ filter: EventFilter, _ dialect: SQLDialect) throws -> (String, [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        let source = filter.source?.uppercased(), target = filter.target?.uppercased()
        switch (source, target) {
        case let (a?, b?):
            if filter.either {
                var first: [SQLValue] = [], second: [SQLValue] = []
                let forward = Self.actorCondition("source", a, &first) + " AND " + Self.actorCondition("target", b, &first)
                let backward = Self.actorCondition("source", b, &second) + " AND " + Self.actorCondition("target", a, &second)
                conditions.append("((\(forward)) OR (\(backward)))")
                values += first + second
            } else {
                conditions.append(Self.actorCondition("source", a, &values))
                conditions.append(Self.actorCondition("target", b, &values))
            }
        case (let actor?, nil), (nil, let actor?):
            if filter.either {
                let either = Self.actorCondition("source", actor, &values) + " OR " + Self.actorCondition("target", actor, &values)
                conditions.append("(\(either))")
            } else {
                conditions.append(Self.actorCondition(source != nil ? "source" : "target", actor, &values))
            }
        case (nil, nil):
            break
        }
        if let code = filter.code {
            guard (2...4).contains(code.count), code.allSatisfy(\.isNumber) else {
                throw StoreError(.query, "--code takes a CAMEO code of 2 to 4 digits (root 17, base 172, full 1721), not \(code)")
            }
            conditions.append(code.count == 2 ? "e.root_code = ?" : code.count == 3 ? "e.base_code = ?" : "e.code = ?")
            values.append(.text(code))
        }
        if let quad = filter.quad {
            conditions.append("e.quad_class = ?")
            values.append(.int(Int64(quad)))
        }
        if let since = filter.since {
            // An event dated only by its year or month counts when that period reaches the bound:
            // "2020" is in --since 2020-06-01, as it is in --until 2020-06-01.
            conditions.append("(CASE length(e.date) WHEN 4 THEN e.date || '-12-31' WHEN 7 THEN e.date || '-31' ELSE e.date END) >= ?")
            values.append(.text(StoreDate.normalize(since) ?? since))
        }
        if let until = filter.until {
            // A prefix bound (`2024-03`) includes the whole month: compare as many characters.
            let bound = StoreDate.normalize(until) ?? until
            conditions.append("substr(e.date, 1, CAST(? AS INTEGER)) <= ?")
            values += [.int(Int64(bound.count)), .text(bound)]
        }
        if let place = filter.place {
            conditions.append("lower(e.place) LIKE ?")
            values.append(.text("%" + place.lowercased() + "%"))
        }
        if let text = filter.text {
            switch dialect {
            case .sqlite:
                conditions.append("""
                    EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.sentence_id IN
                        (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))
                    """)
                values.append(.text(Self.ftsQuery(text)))
            case .postgres:
                conditions.append("""
                    EXISTS (SELECT 1 FROM mentions m JOIN sentences s ON s.id = m.sentence_id WHERE m.event_id = e.id
                        AND to_tsvector('english', s.text) @@ plainto_tsquery('english', ?))
                    """)
                values.append(.text(text))
            }
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    /// An FTS5 query that means "all these words", whatever punctuation the user typed: each
    /// word is quoted, so FTS5's operators and syntax errors cannot arise.
    static func ftsQuery(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        // No words: a query that matches nothing, rather than an FTS5 syntax error.
        guard !words.isEmpty else { return "\"\"" }
        return words.map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// Grouped events matching a filter, oldest first.
    public func events(_ filter: EventFilter = EventFilter()) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try forEachEvent(matching: filter) { events.append($0) }
        return events
    }

    /// Calls `body` with every grouped event matching a filter, oldest first, reading a page of
    /// `pageSize` at a time after the last one seen (by date, then id), so that memory does not
    /// grow with the answer.
    public func forEachEvent(matching filter: EventFilter, pageSize: Int = 1000, _ body: (StoredEvent) throws -> Void) throws {
        var after: (date: String, id: Int64)?
        var left = filter.limit.map { max(0, $0) } ?? Int.max
        while left > 0 {
            let size = min(max(1, pageSize), left)
            let page = try backend.read { db -> [StoredEvent] in
                var (clause, values) = try whereClause(filter, db.dialect)
                if let after {
                    clause += (clause.isEmpty ? "WHERE " : " AND ") + "(e.date, e.id) > (?, ?)"
                    values += [.text(after.date), .int(after.id)]
                }
                values.append(.int(Int64(size)))
                return try db.query("""
                    SELECT \(Self.eventColumns) FROM \(Self.eventTables) \(clause)
                    ORDER BY e.date, e.id LIMIT ?
                    """, values).map(Self.event)
            }
            for event in page { try body(event) }
            guard page.count == size, let last = page.last else { return }
            left -= page.count
            after = (last.date, last.id)
        }
    }

    /// Calls `body` with every grouped event in id order, a page at a time, so exports of large
    /// stores do not hold them all in memory.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        var last: Int64 = 0
        while true {
            let page = try backend.read { db in
                try db.query("SELECT \(Self.eventColumns) FROM \(Self.eventTables) WHERE e.id > ? ORDER BY e.id LIMIT 1000",
                             [.int(last)]).map(Self.event)
            }
            guard let end = page.last else { return }
            for event in page { try body(event) }
            last = end.id
        }
    }

    /// Calls `body` with every mention in id order.
    public func forEachMention(_ body: (StoredMention) throws -> Void) throws {
        var last: Int64 = 0
        while true {
            let page = try backend.read { db in
                try db.query("""
                    SELECT m.id, m.event_id, e.date_added, m.added, a.doc_id, a.url, m.source_name, m.sentence_idx,
                        m.source_start, m.target_start, m.trigger_start, m.in_raw_text, m.confidence, a.length, m.code,
                        coalesce(s.text, '')
                    FROM mentions m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id
                    LEFT JOIN sentences s ON s.id = m.sentence_id
                    WHERE m.id > ? ORDER BY m.id LIMIT 1000
                    """, [.int(last)])
            }
            guard let end = page.last else { return }
            for row in page {
                try body(StoredMention(
                    id: row[0].int64 ?? 0, eventID: row[1].int64 ?? 0, eventDateAdded: row.text(2), added: row.text(3),
                    document: row.text(4), url: row.optionalText(5), sourceName: row.text(6), sentence: row.integer(7),
                    sourceOffset: row[8].int, targetOffset: row[9].int, actionOffset: row.integer(10),
                    inRawText: row.integer(11) != 0, confidence: row.real(12), documentLength: row.integer(13),
                    code: row.text(14), evidence: row.text(15)))
            }
            last = end[0].int64 ?? last
        }
    }

    static func article(_ row: SQLRow) -> StoredArticle {
        StoredArticle(
            id: row[0].int64 ?? 0, document: row.text(1), url: row.optionalText(2), source: row.text(3),
            title: row.optionalText(4), date: row.optionalText(5), length: row.integer(6), sentences: row.integer(7),
            added: row.text(8), snippet: row.text(9))
    }

    /// Calls `body` with every article in id order (snippet: the text's first 200 characters).
    public func forEachArticle(_ body: (StoredArticle) throws -> Void) throws {
        var last: Int64 = 0
        while true {
            let page = try backend.read { db in
                try db.query("""
                    SELECT id, doc_id, url, source, title, date, length, sentence_count, added, substr(text, 1, 200)
                    FROM articles WHERE id > ? ORDER BY id LIMIT 1000
                    """, [.int(last)]).map(Self.article)
            }
            guard let end = page.last else { return }
            for article in page { try body(article) }
            last = end.id
        }
    }

    /// Articles whose title or text contain all the words, best matches first.
    public func searchArticles(_ text: String, limit: Int = 20) throws -> [StoredArticle] {
        try backend.read { db in
            switch db.dialect {
            case .sqlite:
                return try db.query("""
                    SELECT a.id, a.doc_id, a.url, a.source, a.title, a.date, a.length, a.sentence_count, a.added,
                        snippet(articles_fts, 1, '[', ']', '...', 16)
                    FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                    WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?
                    """, [.text(Self.ftsQuery(text)), .int(Int64(max(0, limit)))]).map(Self.article)
            case .postgres:
                return try db.query("""
                    SELECT a.id, a.doc_id, a.url, a.source, a.title, a.date, a.length, a.sentence_count, a.added,
                        ts_headline('english', a.text, plainto_tsquery('english', ?), 'StartSel=[, StopSel=], MaxWords=24, MinWords=10')
                    FROM articles a WHERE \(Schema.articleDocument) @@ plainto_tsquery('english', ?)
                    ORDER BY ts_rank(\(Schema.articleDocument), plainto_tsquery('english', ?)) DESC, a.id LIMIT ?
                    """, [.text(text), .text(text), .text(text), .int(Int64(max(0, limit)))]).map(Self.article)
            }
        }
    }

    /// The dyad A-B over time, both directions, one row per period and direction.
    public func relations(_ a: String, _ b: String, by period: RelationPeriodKind, since: String? = nil,
                          until: String? = nil, topCodes: Int = 3) throws -> [RelationPeriod] {
        var filter = EventFilter()
        filter.source = a
        filter.target = b
        filter.either = true
        filter.since = since
        filter.until = until
        let a = a.uppercased(), b = b.uppercased()
        struct Key: Hashable { var period: String; var direction: String }
        var buckets: [Key: RelationPeriod] = [:]
        var codes: [Key: [String: Int]] = [:]
        try forEachEvent(matching: filter) { event in
            let forward = event.sourceCode == a || event.sourceCountry == a
            let key = Key(period: period.bucket(event.date), direction: forward ? "\(a)>\(b)" : "\(b)>\(a)")
            var row = buckets[key] ?? RelationPeriod(period: key.period, direction: key.direction, events: 0, mentions: 0,
                                                     quad: [0, 0, 0, 0], goldsteinSum: 0, goldsteinMean: 0, topCodes: [])
            row.events += 1
            row.mentions += event.numMentions
            if (1...4).contains(event.quadClass) { row.quad[event.quadClass - 1] += 1 }
            row.goldsteinSum += event.goldstein
            buckets[key] = row
            codes[key, default: [:]][event.code, default: 0] += 1
        }
        return buckets.keys.sorted { ($0.period, $0.direction) < ($1.period, $1.direction) }.map { key in
            var row = buckets[key]!
            row.goldsteinSum = (row.goldsteinSum * 100).rounded() / 100
            row.goldsteinMean = row.events > 0 ? ((row.goldsteinSum / Double(row.events)) * 100).rounded() / 100 : 0
            row.topCodes = (codes[key] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .prefix(topCodes).map { (code: $0.key, count: $0.value) }
            return row
        }
    }

    /// Actor codes found, most mentioned first.
    public func actors(limit: Int = 50) throws -> [ActorCount] {
        try backend.read { db in
            try db.query("""
                SELECT ac.code,
                    -- The name the lexicon gives it most often; words found by context ("both
                    -- governments", "the officials") only when it never names it.
                    (SELECT coalesce(x.name, x.text) FROM actors x WHERE x.code = ac.code GROUP BY coalesce(x.name, x.text)
                     ORDER BY max(CASE WHEN x.resolution IN ('dictionary', 'title', 'metonymy') THEN 1 ELSE 0 END) DESC,
                        count(*) DESC, coalesce(x.name, x.text) LIMIT 1),
                    count(*), count(DISTINCT ac.article_id),
                    (SELECT count(*) FROM events e WHERE e.source_code = ac.code),
                    (SELECT count(*) FROM events e WHERE e.target_code = ac.code)
                FROM actors ac GROUP BY ac.code ORDER BY count(*) DESC, ac.code LIMIT ?
                """, [.int(Int64(max(0, limit)))]).map {
                ActorCount(code: $0.text(0), name: $0.text(1), mentions: $0.integer(2), articles: $0.integer(3),
                           asSource: $0.integer(4), asTarget: $0.integer(5))
            }
        }
    }

    /// Outlets, most articles first.
    public func sources(limit: Int = 50) throws -> [SourceCount] {
        try backend.read { db in
            try db.query("""
                SELECT a.source, count(*), CAST(coalesce(sum(a.sentence_count), 0) AS BIGINT),
                    (SELECT count(*) FROM mentions m WHERE m.source_name = a.source), min(a.date), max(a.date)
                FROM articles a GROUP BY a.source ORDER BY count(*) DESC, a.source LIMIT ?
                """, [.int(Int64(max(0, limit)))]).map {
                SourceCount(source: $0.text(0), articles: $0.integer(1), sentences: $0.integer(2), mentions: $0.integer(3),
                            firstDate: $0.optionalText(4), lastDate: $0.optionalText(5))
            }
        }
    }
}
